//! Order and step size from a tolerance.
//!
//! Sources: Á. Jorba and M. Zou, "A software package for the numerical integration of
//! ODEs by means of high-order Taylor methods", Experimental Mathematics 14 (2005),
//! §3.2–3.3; F. Biscani and D. Izzo, "Revisiting high-order Taylor methods for
//! astrodynamics and celestial mechanics", MNRAS 504 (2021), §4, which heyoka implements.
//!
//! - Order: `p = ⌈-½ ln ε + 1⌉` (Jorba–Zou eq. 3.10 with the optimal-order argument):
//!   20 at `ε = 2.2e-16`, 19 at `ε = 1e-15`.
//! - Step: with `ρ_m = min(ρ_{p-1}, ρ_p)`, `ρ_k = (M / ‖y^[k]‖_∞)^{1/k}`,
//!   `h = ρ_m / e² · exp(-0.7 / (p - 1))`. `M = max(1, ‖y0‖_∞)`: an absolute error
//!   control for states of size at most 1 and a relative one above (one tolerance
//!   serves as both, as in heyoka).

use num_traits::Float;

/// The Taylor order for a tolerance `tol`: `⌈-½ ln tol + 1⌉`, at least 2.
///
/// ```
/// assert_eq!(jet::ode::step_size::order_from_tolerance(2.220446049250313e-16), 20);
/// assert_eq!(jet::ode::step_size::order_from_tolerance(1e-15), 19);
/// ```
pub fn order_from_tolerance<T: Float>(tol: T) -> usize {
    let half = T::from(0.5).unwrap_or_else(T::nan);
    let p = (-tol.ln() * half + T::one()).ceil();
    p.to_usize().unwrap_or(2).max(2)
}

/// The Jorba–Zou step rule for a fixed order `p`, its constants computed once.
///
/// [`step`](Self::step) takes three coefficient norms of a step's series:
/// `‖y^[0]‖_∞`, `‖y^[p-1]‖_∞` and `‖y^[p]‖_∞`. Zero norms (a polynomial solution) are
/// read as the smallest positive number, so the step is huge but finite; the caller
/// clips it to the end time.
///
/// ```
/// use jet::ode::step_size::StepRule;
/// // y' = y from y0 = 1: y^[k] = 1/k!, order 20.
/// let factorial = |k: u32| (1..=k).map(f64::from).product::<f64>();
/// let h = StepRule::new(20).step(1.0, 1.0 / factorial(19), 1.0 / factorial(20));
/// assert!(h > 1.0 && h < 1.1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepRule<T> {
    inv_pm1: T,
    inv_p: T,
    /// `exp(-0.7 / (p - 1)) / e²`.
    factor: T,
}

impl<T: Float> StepRule<T> {
    /// The rule for order `p ≥ 2`.
    ///
    /// ```
    /// let rule = jet::ode::step_size::StepRule::<f64>::new(19);
    /// # let _ = rule;
    /// ```
    pub fn new(p: usize) -> Self {
        let p = p.max(2);
        let float = |x: f64| T::from(x).unwrap_or_else(T::nan);
        let e2 = float(core::f64::consts::E * core::f64::consts::E);
        let pm1 = float((p - 1) as f64);
        StepRule {
            inv_pm1: pm1.recip(),
            inv_p: float(p as f64).recip(),
            factor: (-float(0.7) / pm1).exp() / e2,
        }
    }

    /// `h = ρ_m / e² · exp(-0.7 / (p - 1))`, `ρ_m = min(ρ_{p-1}, ρ_p)`,
    /// `ρ_k = (M / ‖y^[k]‖_∞)^{1/k}`, `M = max(1, ‖y^[0]‖_∞)`.
    #[inline]
    ///
    /// ```
    /// use jet::ode::step_size::StepRule;
    /// // Norms 1, 1e-20, 1e-21 at order 20: ρ_19 = 10^(20/19), ρ_20 = 10^(21/20).
    /// let h = StepRule::new(20).step(1.0, 1e-20, 1e-21);
    /// let rho_m = 10f64.powf(21.0 / 20.0).min(10f64.powf(20.0 / 19.0));
    /// let expected = rho_m / std::f64::consts::E.powi(2) * (-0.7f64 / 19.0).exp();
    /// assert!((h - expected).abs() < 1e-14 * expected);
    /// ```
    pub fn step(&self, norm_0: T, norm_pm1: T, norm_p: T) -> T {
        // In logarithms: one `exp` and three `ln` instead of two `powf`.
        // `ln 1 = 0` without the call for states inside the unit ball (absolute control).
        let ln_m = if norm_0 > T::one() {
            norm_0.ln()
        } else {
            T::zero()
        };
        let tiny = T::min_positive_value();
        let ln_rho_pm1 = (ln_m - norm_pm1.max(tiny).ln()) * self.inv_pm1;
        let ln_rho_p = (ln_m - norm_p.max(tiny).ln()) * self.inv_p;
        ln_rho_pm1.min(ln_rho_p).exp() * self.factor
    }
}

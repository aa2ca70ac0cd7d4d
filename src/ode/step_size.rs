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

/// The Jorba–Zou step size of a step's series from three coefficient norms:
/// `norm_0 = ‖y^[0]‖_∞`, `norm_pm1 = ‖y^[p-1]‖_∞` and `norm_p = ‖y^[p]‖_∞`.
///
/// Zero norms (a polynomial solution) are read as the smallest positive number, so the
/// step is huge but finite; the caller clips it to the end time.
///
/// ```
/// // y' = y from y0 = 1: y^[k] = 1/k!, order 20.
/// let factorial = |k: u32| (1..=k).map(f64::from).product::<f64>();
/// let h = jet::ode::step_size::jorba_zou(1.0, 1.0 / factorial(19), 1.0 / factorial(20), 20);
/// assert!(h > 1.0 && h < 1.1);
/// ```
pub fn jorba_zou<T: Float>(norm_0: T, norm_pm1: T, norm_p: T, p: usize) -> T {
    let m = T::one().max(norm_0);
    let rho = |norm: T, k: usize| -> T {
        let k = T::from(k).unwrap_or_else(T::nan);
        (m / norm.max(T::min_positive_value())).powf(k.recip())
    };
    let rho_m = rho(norm_pm1, p - 1).min(rho(norm_p, p));
    let e2 = T::from(core::f64::consts::E * core::f64::consts::E).unwrap_or_else(T::nan);
    let safety =
        (-T::from(0.7).unwrap_or_else(T::nan) / T::from(p - 1).unwrap_or_else(T::nan)).exp();
    rho_m / e2 * safety
}

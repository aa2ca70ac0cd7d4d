//! The `f64`-style inherent methods of [`Jet`]: `x.sin()`, `x.powi(3)`, `x.atan2(y)`, ...
//!
//! Each delegates to the [`Taylor`] method of the same name, whose rule lives in
//! [`rules`](crate::rules); nothing here computes. Binary methods take either a jet or a
//! plain `T` operand through the sealed [`Exponent`] and [`Operand`] traits.

use crate::{Jet, Taylor};
use num_traits::Float;

mod sealed {
    pub trait Sealed {}
    impl<T: num_traits::Float> Sealed for T {}
    impl<T, const N: usize> Sealed for crate::Jet<T, N> {}
}

/// An exponent for [`Jet::powf`]: a plain `T` (rule [`powf`](crate::rules::powf), exact
/// at a zero base for nonnegative integer values) or a `Jet<T, N>` (rule
/// [`pow`](crate::rules::pow), `exp(e ln x)`). Sealed: implemented only for those two.
pub trait Exponent<T: Float, const N: usize>: sealed::Sealed + Copy {
    /// `base^self`.
    fn raise(self, base: Jet<T, N>) -> Jet<T, N>;
}

impl<T: Float, const N: usize> Exponent<T, N> for T {
    #[inline(always)]
    fn raise(self, base: Jet<T, N>) -> Jet<T, N> {
        Taylor::powf(base, self)
    }
}

impl<T: Float, const N: usize> Exponent<T, N> for Jet<T, N> {
    #[inline(always)]
    fn raise(self, base: Jet<T, N>) -> Jet<T, N> {
        Taylor::pow(base, self)
    }
}

/// The second operand of [`Jet::atan2`], [`Jet::hypot`], [`Jet::min`], [`Jet::max`] and
/// [`Jet::mul_add`]: a `Jet<T, N>`, or a plain `T` lifted with [`Jet::constant`].
/// Sealed: implemented only for those two.
pub trait Operand<T: Float, const N: usize>: sealed::Sealed + Copy {
    /// The operand as a jet.
    fn into_jet(self) -> Jet<T, N>;
}

impl<T: Float, const N: usize> Operand<T, N> for T {
    #[inline(always)]
    fn into_jet(self) -> Jet<T, N> {
        Jet::constant(self)
    }
}

impl<T: Float, const N: usize> Operand<T, N> for Jet<T, N> {
    #[inline(always)]
    fn into_jet(self) -> Jet<T, N> {
        self
    }
}

/// Inherent one-argument methods, each `pub fn name(self) -> Self` delegating to
/// `Taylor::name`, with its own doc comment.
macro_rules! unary_methods {
    ($($(#[$doc:meta])* $name:ident;)*) => {
        $(
            $(#[$doc])*
            #[inline]
            #[must_use]
            pub fn $name(self) -> Self {
                <Self as Taylor<T>>::$name(self)
            }
        )*
    };
}

impl<T: Float, const N: usize> Jet<T, N> {
    unary_methods! {
        /// `1 / x`. At a zero value: ±inf/NaN coefficients, like `1.0 / 0.0`.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // (1/x)' = -1/x², (1/x)'' = 2/x³ at x = 2
        /// let y = Jet::<f64, 3>::variable(2.0).recip();
        /// assert_eq!(y.derivatives(), [0.5, -0.25, 0.25]);
        /// ```
        recip;

        /// `x²`, with half the products of `x * x`; exact at a zero value.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// let y = Jet::<f64, 4>::variable(3.0).square();
        /// assert_eq!(y.derivatives(), [9.0, 6.0, 2.0, 0.0]);
        /// ```
        square;

        /// `√x`. At a zero value the higher coefficients are ±inf or NaN (the curve
        /// `√t` has no Taylor series); below zero everything is NaN, like `f64::sqrt`.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // √x, 1/(2√x), -1/(4 x^{3/2}) at x = 4
        /// let y = Jet::<f64, 3>::variable(4.0).sqrt();
        /// assert_eq!(y.derivatives(), [2.0, 0.25, -1.0 / 32.0]);
        /// assert_eq!(Jet::<f64, 2>::variable(0.0).sqrt().coefficient(1), f64::INFINITY);
        /// ```
        sqrt;

        /// `∛x`, the real cube root (negative values allowed, like `f64::cbrt`). At a
        /// zero value the higher coefficients are ±inf or NaN.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // ∛x, 1/(3 x^{2/3}), -2/(9 x^{5/3}) at x = 8
        /// let d = Jet::<f64, 3>::variable(8.0).cbrt().derivatives();
        /// for (got, want) in d.into_iter().zip([2.0, 1.0 / 12.0, -1.0 / 144.0]) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// // real branch below zero: the same derivatives, mirrored
        /// let m = Jet::<f64, 3>::variable(-8.0).cbrt().derivatives();
        /// assert!((m[0] + 2.0).abs() < 1e-15 && (m[1] - 1.0 / 12.0).abs() < 1e-15);
        /// ```
        cbrt;

        /// `eˣ`.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// let y = Jet::<f64, 4>::variable(1.0).exp();
        /// assert_eq!(y.derivatives(), [std::f64::consts::E; 4]);
        /// ```
        exp;

        /// `2ˣ`.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // d^k/dx^k 2^x = 2^x (ln 2)^k at x = 3
        /// let d = Jet::<f64, 4>::variable(3.0).exp2().derivatives();
        /// for (k, dk) in d.into_iter().enumerate() {
        ///     let want = 8.0 * std::f64::consts::LN_2.powi(k as i32);
        ///     assert!((dk - want).abs() < 1e-14 * want);
        /// }
        /// ```
        exp2;

        /// `eˣ − 1`, accurate for small values.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// let y = Jet::<f64, 4>::variable(0.0).exp_m1();
        /// assert_eq!(y.derivatives(), [0.0, 1.0, 1.0, 1.0]);
        /// ```
        exp_m1;

        /// Natural logarithm. At a zero value: −inf, then ±inf/NaN coefficients; below
        /// zero: NaN, like `f64::ln`.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // ln x, 1/x, -1/x², 2/x³ at x = 2
        /// let y = Jet::<f64, 4>::variable(2.0).ln();
        /// assert_eq!(y.value(), 2f64.ln());
        /// assert_eq!(&y.derivatives()[1..], &[0.5, -0.25, 0.25]);
        /// assert_eq!(Jet::<f64, 2>::variable(0.0).ln().coefficients(), [f64::NEG_INFINITY, f64::INFINITY]);
        /// ```
        ln;

        /// Base-2 logarithm (domain as [`ln`](Self::ln)).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // log2 x, 1/(x ln 2) at x = 4
        /// let y = Jet::<f64, 2>::variable(4.0).log2();
        /// assert_eq!(y.value(), 2.0);
        /// assert!((y.derivative(1) - 0.25 / std::f64::consts::LN_2).abs() < 1e-16);
        /// ```
        log2;

        /// Base-10 logarithm (domain as [`ln`](Self::ln)).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // log10 x, 1/(x ln 10) at x = 100
        /// let y = Jet::<f64, 2>::variable(100.0).log10();
        /// assert_eq!(y.value(), 2.0);
        /// assert!((y.derivative(1) - 0.01 / std::f64::consts::LN_10).abs() < 1e-17);
        /// ```
        log10;

        /// `ln(1 + x)`, accurate for small values. At −1: −inf, then ±inf/NaN; below:
        /// NaN.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // 1/(1+x), -1/(1+x)², 2/(1+x)³ at x = 0
        /// let y = Jet::<f64, 4>::variable(0.0).ln_1p();
        /// assert_eq!(y.derivatives(), [0.0, 1.0, -1.0, 2.0]);
        /// ```
        ln_1p;

        /// Sine. To get the cosine as well, [`sin_cos`](Self::sin_cos) shares one pass.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// let x0 = 0.5f64;
        /// let d = Jet::<f64, 4>::variable(x0).sin().derivatives();
        /// let want = [x0.sin(), x0.cos(), -x0.sin(), -x0.cos()];
        /// for (got, want) in d.into_iter().zip(want) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        sin;

        /// Cosine.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// let x0 = 0.5f64;
        /// let d = Jet::<f64, 4>::variable(x0).cos().derivatives();
        /// let want = [x0.cos(), -x0.sin(), -x0.cos(), x0.sin()];
        /// for (got, want) in d.into_iter().zip(want) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        cos;

        /// Tangent (its rule carries `1 + tan²` as auxiliary series).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // tan' = 1 + tan², tan'' = 2 tan (1 + tan²)
        /// let x0 = 0.5f64;
        /// let (t, s) = (x0.tan(), 1.0 + x0.tan().powi(2));
        /// let d = Jet::<f64, 3>::variable(x0).tan().derivatives();
        /// for (got, want) in d.into_iter().zip([t, s, 2.0 * t * s]) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        tan;

        /// Arcsine. At ±1 the higher coefficients are ±inf/NaN; beyond, NaN.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // asin' = (1 - x²)^{-1/2}, asin'' = x (1 - x²)^{-3/2}
        /// let x0 = 0.5f64;
        /// let d = Jet::<f64, 3>::variable(x0).asin().derivatives();
        /// let want = [x0.asin(), 0.75f64.powf(-0.5), 0.5 * 0.75f64.powf(-1.5)];
        /// for (got, want) in d.into_iter().zip(want) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        asin;

        /// Arccosine. At ±1 the higher coefficients are ±inf/NaN; beyond, NaN.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // acos' = -(1 - x²)^{-1/2}, acos'' = -x (1 - x²)^{-3/2}
        /// let x0 = 0.5f64;
        /// let d = Jet::<f64, 3>::variable(x0).acos().derivatives();
        /// let want = [x0.acos(), -(0.75f64.powf(-0.5)), -0.5 * 0.75f64.powf(-1.5)];
        /// for (got, want) in d.into_iter().zip(want) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        acos;

        /// Arctangent.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // atan' = 1/(1 + x²), atan'' = -2x/(1 + x²)² at x = 1
        /// let y = Jet::<f64, 3>::variable(1.0).atan();
        /// assert_eq!(y.derivatives(), [std::f64::consts::FRAC_PI_4, 0.5, -0.5]);
        /// ```
        atan;

        /// Hyperbolic sine. [`sinh_cosh`](Self::sinh_cosh) gives both in one pass.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// let x0 = 0.5f64;
        /// let d = Jet::<f64, 4>::variable(x0).sinh().derivatives();
        /// let want = [x0.sinh(), x0.cosh(), x0.sinh(), x0.cosh()];
        /// for (got, want) in d.into_iter().zip(want) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        sinh;

        /// Hyperbolic cosine.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// let x0 = 0.5f64;
        /// let d = Jet::<f64, 4>::variable(x0).cosh().derivatives();
        /// let want = [x0.cosh(), x0.sinh(), x0.cosh(), x0.sinh()];
        /// for (got, want) in d.into_iter().zip(want) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        cosh;

        /// Hyperbolic tangent (its rule carries `1 − tanh²` as auxiliary series).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // tanh' = 1 - tanh², tanh'' = -2 tanh (1 - tanh²)
        /// let x0 = 0.5f64;
        /// let (t, s) = (x0.tanh(), 1.0 - x0.tanh().powi(2));
        /// let d = Jet::<f64, 3>::variable(x0).tanh().derivatives();
        /// for (got, want) in d.into_iter().zip([t, s, -2.0 * t * s]) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        tanh;

        /// Inverse hyperbolic sine.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // asinh' = (1 + x²)^{-1/2} = 0.8, asinh'' = -x (1 + x²)^{-3/2} = -0.384 at x = 0.75
        /// let d = Jet::<f64, 3>::variable(0.75).asinh().derivatives();
        /// for (got, want) in d.into_iter().zip([0.75f64.asinh(), 0.8, -0.384]) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        asinh;

        /// Inverse hyperbolic cosine. At 1 the higher coefficients are ±inf/NaN; below
        /// 1, NaN.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // acosh' = (x² - 1)^{-1/2} = 4/3, acosh'' = -x (x² - 1)^{-3/2} = -80/27 at x = 1.25
        /// let d = Jet::<f64, 3>::variable(1.25).acosh().derivatives();
        /// for (got, want) in d.into_iter().zip([1.25f64.acosh(), 4.0 / 3.0, -80.0 / 27.0]) {
        ///     assert!((got - want).abs() < 1e-14);
        /// }
        /// ```
        acosh;

        /// Inverse hyperbolic tangent. At ±1: ±inf, then ±inf/NaN; beyond, NaN.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // atanh' = 1/(1 - x²) = 4/3, atanh'' = 2x/(1 - x²)² = 16/9 at x = 0.5
        /// let d = Jet::<f64, 3>::variable(0.5).atanh().derivatives();
        /// for (got, want) in d.into_iter().zip([0.5f64.atanh(), 4.0 / 3.0, 16.0 / 9.0]) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        atanh;

        /// The error function `erf x = 2/√π ∫₀ˣ e^{−s²} ds` (not in `std`; the primal is
        /// [`rules::erf_value`](crate::rules::erf_value)).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// // erf' = 2/√π e^{-x²}, erf'' = -2x erf' at x = 0.5
        /// let d = Jet::<f64, 3>::variable(0.5).erf().derivatives();
        /// let g = std::f64::consts::FRAC_2_SQRT_PI * (-0.25f64).exp();
        /// for (got, want) in d.into_iter().zip([0.520499877813046537682746653892, g, -g]) {
        ///     assert!((got - want).abs() < 1e-15);
        /// }
        /// ```
        erf;

        /// Degrees from radians (linear: every coefficient times 180/π).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// let y = Jet::<f64, 2>::variable(std::f64::consts::PI).to_degrees();
        /// assert_eq!(y.coefficients(), [180.0, 180.0 / std::f64::consts::PI]);
        /// ```
        to_degrees;

        /// Radians from degrees (linear: every coefficient times π/180).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// let y = Jet::<f64, 2>::variable(180.0).to_radians();
        /// assert_eq!(y.coefficients(), [std::f64::consts::PI, std::f64::consts::PI / 180.0]);
        /// ```
        to_radians;

        /// `|x|`, following the primal's branch: `x` for a positive value, `−x` for a
        /// negative one. At a zero value the branch is the one taken for small `t > 0`,
        /// decided by the sign of the first nonzero coefficient (so `|−t| = t`). A NaN
        /// value gives NaN coefficients.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// assert_eq!(Jet::<f64, 3>::variable(-2.0).abs().coefficients(), [2.0, -1.0, 0.0]);
        /// let x = Jet::from_coefficients([0.0, 0.0, -3.0]); // -3t²
        /// assert_eq!(x.abs().coefficients(), [0.0, 0.0, 3.0]);
        /// ```
        abs;

        /// `signum` of the value (±1, also at ±0, NaN for NaN, like `f64::signum`) as a
        /// constant series: piecewise constant, so the higher coefficients are 0 (NaN
        /// for a NaN value).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// assert_eq!(Jet::<f64, 3>::variable(-2.0).signum().coefficients(), [-1.0, 0.0, 0.0]);
        /// ```
        signum;

        /// `floor` of the value as a constant series (higher coefficients 0, NaN for a
        /// NaN value). At an integer value it is the primal's floor, not the limit from
        /// either side.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// assert_eq!(Jet::<f64, 3>::variable(2.5).floor().coefficients(), [2.0, 0.0, 0.0]);
        /// ```
        floor;

        /// `ceil` of the value as a constant series (higher coefficients 0, NaN for a
        /// NaN value).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// assert_eq!(Jet::<f64, 3>::variable(2.5).ceil().coefficients(), [3.0, 0.0, 0.0]);
        /// ```
        ceil;

        /// `round` (half away from zero) of the value as a constant series (higher
        /// coefficients 0, NaN for a NaN value).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// assert_eq!(Jet::<f64, 3>::variable(-2.5).round().coefficients(), [-3.0, 0.0, 0.0]);
        /// ```
        round;

        /// `trunc` of the value as a constant series (higher coefficients 0, NaN for a
        /// NaN value).
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// assert_eq!(Jet::<f64, 3>::variable(-2.5).trunc().coefficients(), [-2.0, 0.0, 0.0]);
        /// ```
        trunc;
    }

    /// `(sin x, cos x)` from one recurrence (each needs the other anyway).
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let (s, c) = Jet::<f64, 4>::variable(0.0).sin_cos();
    /// assert_eq!(s.coefficients(), [0.0, 1.0, 0.0, -1.0 / 6.0]);
    /// assert_eq!(c.coefficients(), [1.0, 0.0, -0.5, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn sin_cos(self) -> (Self, Self) {
        Taylor::sin_cos(self)
    }

    /// `(sinh x, cosh x)` from one recurrence.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let (s, c) = Jet::<f64, 4>::variable(0.0).sinh_cosh();
    /// assert_eq!(s.coefficients(), [0.0, 1.0, 0.0, 1.0 / 6.0]);
    /// assert_eq!(c.coefficients(), [1.0, 0.0, 0.5, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn sinh_cosh(self) -> (Self, Self) {
        Taylor::sinh_cosh(self)
    }

    /// `xⁿ` for an integer `n`. For `n ≥ 0` it is exact at a zero value (the rule starts
    /// at the first nonzero coefficient instead of dividing by `x0`); `n = 0` gives 1,
    /// also for `0⁰` and NaN, like `f64::powi`; `n < 0` at a zero value gives ±inf/NaN,
    /// like the primal.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// // (2 + t)³ = 8 + 12t + 6t² + t³
    /// assert_eq!(Jet::<f64, 4>::variable(2.0).powi(3).coefficients(), [8.0, 12.0, 6.0, 1.0]);
    /// // t³, exact at 0
    /// assert_eq!(Jet::<f64, 5>::variable(0.0).powi(3).coefficients(), [0.0, 0.0, 0.0, 1.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn powi(self, n: i32) -> Self {
        Taylor::powi(self, n)
    }

    /// `xʸ` for a plain exponent (`x.powf(2.5)`) or a jet exponent (`x.powf(y)`).
    ///
    /// Plain `r`: the power recurrence, exact at a zero value when `r` is a nonnegative
    /// integer; otherwise a zero value gives ±inf/NaN coefficients, and a negative value
    /// with non-integer `r` gives NaN, like the primal. Jet `y`: `exp(y ln x)`, so a value
    /// `x0 ≤ 0` gives inf/NaN coefficients even where the primal is finite.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// // x^1.5, 1.5 x^0.5, 0.75 x^-0.5 at x = 4
    /// let y = Jet::<f64, 3>::variable(4.0).powf(1.5);
    /// assert_eq!(y.derivatives(), [8.0, 3.0, 0.375]);
    /// // 2^x with a jet exponent: 8 (ln 2)^k at x = 3
    /// let z = Jet::<f64, 3>::constant(2.0).powf(Jet::variable(3.0));
    /// for (k, dk) in z.derivatives().into_iter().enumerate() {
    ///     let want = 8.0 * std::f64::consts::LN_2.powi(k as i32);
    ///     assert!((dk - want).abs() < 1e-14 * want);
    /// }
    /// ```
    #[inline]
    #[must_use]
    pub fn powf<E: Exponent<T, N>>(self, exponent: E) -> Self {
        exponent.raise(self)
    }

    /// Logarithm to a plain `base` (domain as [`ln`](Self::ln); `base = 1` gives
    /// ±inf/NaN).
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// // log_3 x, 1/(x ln 3) at x = 9
    /// let y = Jet::<f64, 2>::variable(9.0).log(3.0);
    /// assert!((y.value() - 2.0).abs() < 1e-15);
    /// assert!((y.derivative(1) - 1.0 / (9.0 * 3f64.ln())).abs() < 1e-16);
    /// ```
    #[inline]
    #[must_use]
    pub fn log(self, base: T) -> Self {
        Taylor::log(self, base)
    }

    /// Four-quadrant arctangent of `self / x` (`self` is `y`), like `f64::atan2`; `x` is
    /// a jet or a plain `T`. The primal picks the quadrant; the higher coefficients come
    /// from `c' = (x y' − y x') / (x² + y²)` in every quadrant. At `x0 = y0 = 0` they are
    /// ±inf/NaN.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// // y = 1 + t, x = -1: atan2 = 3π/4, d/dy atan2(y, x) = x/(x² + y²) = -1/2,
    /// // d²/dy² = -2xy/(x² + y²)² = 1/2
    /// let c = Jet::<f64, 3>::variable(1.0).atan2(-1.0);
    /// let want = [3.0 * std::f64::consts::FRAC_PI_4, -0.5, 0.5];
    /// for (got, want) in c.derivatives().into_iter().zip(want) {
    ///     assert!((got - want).abs() < 1e-15);
    /// }
    /// ```
    #[inline]
    #[must_use]
    pub fn atan2<X: Operand<T, N>>(self, x: X) -> Self {
        Taylor::atan2(self, x.into_jet())
    }

    /// `√(x² + y²)` without overflow in the primal; `y` is a jet or a plain `T`. At
    /// `x0 = y0 = 0` the higher coefficients are ±inf/NaN (the curve has a kink).
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// // √(x² + 16), x/√(x² + 16), 16/(x² + 16)^{3/2} at x = 3
    /// let y = Jet::<f64, 3>::variable(3.0).hypot(4.0);
    /// let want = [5.0, 0.6, 16.0 / 125.0];
    /// for (got, want) in y.derivatives().into_iter().zip(want) {
    ///     assert!((got - want).abs() < 1e-15);
    /// }
    /// ```
    #[inline]
    #[must_use]
    pub fn hypot<Y: Operand<T, N>>(self, y: Y) -> Self {
        Taylor::hypot(self, y.into_jet())
    }

    /// `self * a + b`, the primal fused like `f64::mul_add`; `a` and `b` are jets or plain
    /// `T`s.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let x = Jet::<f64, 3>::variable(2.0);
    /// assert_eq!(x.mul_add(3.0, 1.0).coefficients(), [7.0, 3.0, 0.0]);
    /// assert_eq!(x.mul_add(x, x).coefficients(), [6.0, 5.0, 1.0]); // x² + x
    /// ```
    #[inline]
    #[must_use]
    pub fn mul_add<A: Operand<T, N>, B: Operand<T, N>>(self, a: A, b: B) -> Self {
        Taylor::mul_add(self, a.into_jet(), b.into_jet())
    }

    /// The operand with the smaller value, as `f64::min` picks it (a NaN value loses);
    /// `other` is a jet or a plain `T`. On a tie, the series smaller for small `t > 0`
    /// (first differing coefficient).
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let x = Jet::<f64, 2>::variable(1.0);
    /// assert_eq!(x.min(2.0).coefficients(), [1.0, 1.0]);
    /// assert_eq!(x.min(0.5).coefficients(), [0.5, 0.0]);
    /// assert_eq!(x.min(1.0).coefficients(), [1.0, 0.0]); // tie: 1 < 1 + t for t > 0
    /// ```
    #[inline]
    #[must_use]
    pub fn min<O: Operand<T, N>>(self, other: O) -> Self {
        Taylor::min(self, other.into_jet())
    }

    /// The operand with the larger value, as `f64::max` picks it (a NaN value loses);
    /// `other` is a jet or a plain `T`. On a tie, the series larger for small `t > 0`.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let x = Jet::<f64, 2>::variable(1.0);
    /// assert_eq!(x.max(0.5).coefficients(), [1.0, 1.0]);
    /// assert_eq!(x.max(2.0).coefficients(), [2.0, 0.0]);
    /// assert_eq!(x.max(1.0).coefficients(), [1.0, 1.0]); // tie: 1 + t > 1 for t > 0
    /// ```
    #[inline]
    #[must_use]
    pub fn max<O: Operand<T, N>>(self, other: O) -> Self {
        Taylor::max(self, other.into_jet())
    }

    /// The value clamped to `[lo, hi]`: the constant bound outside, `self` inside. At a
    /// bound, the side `self` moves to for small `t > 0`. Unlike `f64::clamp` it never
    /// panics: for `lo > hi` or a NaN bound, "below `lo`" is tested first, then "above
    /// `hi`", and a NaN bound never compares. A NaN value stays NaN.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let x = Jet::<f64, 2>::variable(0.5);
    /// assert_eq!(x.clamp(0.0, 1.0).coefficients(), [0.5, 1.0]);
    /// assert_eq!(x.clamp(0.75, 1.0).coefficients(), [0.75, 0.0]);
    /// assert_eq!(x.clamp(0.0, 0.5).coefficients(), [0.5, 0.0]); // leaves through hi
    /// ```
    #[inline]
    #[must_use]
    pub fn clamp(self, lo: T, hi: T) -> Self {
        Taylor::clamp(self, lo, hi)
    }
}

//! Special functions beyond `std`: the error function.

use super::{inverse, scalar};
use num_traits::Float;

/// `c = erf a` with its auxiliary `d = e^{−a²}` (c' = (2/√π) d a', and d' = −2 a a' d =
/// −√π a c'): c_0 = [`erf_value`]`(a_0)`, d_0 = e^{−a_0²},
/// c_k = (2/√π)(1/k) Σ_{j=1..k} j a_j d_{k-j},
/// d_k = −(√π/k) Σ_{j=1..k} j c_j a_{k-j} (uses the new c_k).
///
/// Returns `(c_k, d_k)`. NaN propagates; at ±inf, c_0 = ±1 and the rest is 0 or NaN.
///
/// ```
/// use jet_runtime::rules;
///
/// // erf(0.5 + t): c_1 = (2/√π) e^{−a²}, c_2 = −a (2/√π) e^{−a²}; d = e^{−a²}: d_1 = −2a e^{−a²}
/// let a = [0.5, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::erf(&a, &c, &d, k);
/// }
/// let (e, g) = ((-0.25f64).exp(), 2.0 / std::f64::consts::PI.sqrt() * (-0.25f64).exp());
/// assert!((c[1] - g).abs() < 1e-15 && (c[2] + 0.5 * g).abs() < 1e-15);
/// assert!((d[0] - e).abs() < 1e-15 && (d[1] + e).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn erf<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        return (erf_value(a[0]), exp_neg_square(a[0]));
    }
    let two_over_sqrt_pi = T::from(core::f64::consts::FRAC_2_SQRT_PI).unwrap_or_else(T::nan);
    let kk = scalar::<T>(k);
    let mut s = T::zero();
    for j in 1..=k {
        s = s + scalar::<T>(j) * a[j] * d[k - j];
    }
    let ck = two_over_sqrt_pi * s * inverse(k);
    // Σ_{j=1..k} j c_j a_{k-j}, with c_k not yet stored in `c`.
    let mut u = kk * ck * a[0];
    for j in 1..k {
        u = u + scalar::<T>(j) * c[j] * a[k - j];
    }
    let sqrt_pi = T::from(core::f64::consts::PI).unwrap_or_else(T::nan).sqrt();
    (ck, -sqrt_pi * u * inverse(k))
}

/// `e^{−x²}`, with `x²` split into its rounded value and the exact rounding error
/// (`x.mul_add(x, −x²)`), so the result keeps full relative precision for large |x|
/// (the Gaussian factor of `erf`'s rule and of `jet::special::erfc`).
///
/// ```
/// use jet_runtime::rules;
///
/// assert_eq!(rules::exp_neg_square(0.0f64), 1.0);
/// let e = (-1.0f64).exp();
/// assert!((rules::exp_neg_square(1.0f64) - e).abs() <= f64::EPSILON * e);
/// ```
#[inline(always)]
pub fn exp_neg_square<T: Float>(x: T) -> T {
    let hi = x * x;
    let lo = x.mul_add(x, -hi);
    let e = (-hi).exp();
    if lo.is_finite() {
        e - e * lo
    } else {
        e
    }
}

/// The error function of a plain number, `erf x = 2/√π ∫₀^x e^{−s²} ds` (not in `std`),
/// to a few ulps:
/// - |x| < 2.5: `2/√π e^{−x²} Σ_{n≥0} 2ⁿ x^{2n+1} / (2n+1)!!` (positive terms only);
/// - 2.5 ≤ |x| < 6: `1 − erfc x` with the continued fraction
///   `erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))` (60 terms);
/// - |x| ≥ 6: ±1 (erfc 6 < 2.2·10⁻¹⁷); NaN gives NaN.
///
/// ```
/// use jet_runtime::rules;
///
/// // Reference values of erf (series and continued-fraction ranges, and the tail).
/// assert!((rules::erf_value(0.5f64) - 0.520_499_877_813_046_5).abs() < 1e-15);
/// assert!((rules::erf_value(1.0f64) - 0.842_700_792_949_714_9).abs() < 1e-15);
/// assert!((rules::erf_value(-3.0f64) + 0.999_977_909_503_001_4).abs() < 1e-15);
/// assert_eq!(rules::erf_value(7.0f64), 1.0);
/// ```
pub fn erf_value<T: Float>(x: T) -> T {
    if x.is_nan() {
        return x;
    }
    let ax = x.abs();
    let six = scalar::<T>(6);
    if ax >= six {
        return T::one().copysign(x);
    }
    let two_over_sqrt_pi = T::from(core::f64::consts::FRAC_2_SQRT_PI).unwrap_or_else(T::nan);
    let e = exp_neg_square(ax);
    let two = T::one() + T::one();
    let r = if ax < two + T::one() / two {
        let x2 = two * ax * ax;
        let mut term = ax;
        let mut sum = ax;
        let mut n = 0usize;
        while term > T::epsilon() * sum / scalar(4) && n < 200 {
            n += 1;
            term = term * x2 / scalar(2 * n + 1);
            sum = sum + term;
        }
        two_over_sqrt_pi * e * sum
    } else {
        let mut t = ax;
        for n in (1..=60usize).rev() {
            t = ax + scalar::<T>(n) / two / t;
        }
        T::one() - two_over_sqrt_pi / two * e / t
    };
    r.copysign(x)
}

//! Hyperbolic functions and their inverses: `sinh_cosh`, `tanh` (with 1 − tanh²),
//! `asinh`, `acosh` (with their square roots), `atanh` (with 1 − a²).

use super::generic::{self, at, EvenOdd};
use super::{derivative_convolution, inner_square, inverse, quotient_step, sqrt_step, square};
use num_traits::Float;

/// `(s, c) = (sinh a, cosh a)`, one recurrence for both: s_0 = sinh a_0, c_0 = cosh a_0,
/// s_k = (1/k) Σ_{j=1..k} j a_j c_{k-j},  c_k = (1/k) Σ_{j=1..k} j a_j s_{k-j}.
///
/// ```
/// use jet_runtime::rules;
///
/// // sinh and cosh of 0.5 + t: s_2 = sinh(0.5)/2, c_2 = cosh(0.5)/2
/// let a = [0.5, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::sinh_cosh(&a, &c, &d, k);
/// }
/// let (sh, ch) = (0.5f64.sinh(), 0.5f64.cosh());
/// assert!((c[1] - ch).abs() < 1e-15 && (c[2] - sh / 2.0).abs() < 1e-15);
/// assert!((d[1] - sh).abs() < 1e-15 && (d[2] - ch / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn sinh_cosh<T: Float>(a: &[T], s: &[T], c: &[T], k: usize) -> (T, T) {
    generic::sinh_cosh::<T, EvenOdd>(at(a), at(s), at(c), k)
}

/// `c = tanh a` with its auxiliary `d = 1 − c²` (c' = d a'): c_0 = tanh a_0 and
/// d_0 = sech² a_0 from one `expm1` (or, for |a_0| ≥ 22, `exp`) of ±2|a_0| (see the code:
/// the value is glibc's formula, sech² exact to the subnormal range),
/// c_k = (1/k) Σ_{j=1..k} j a_j d_{k-j}, d_k = −(2 c_0 c_k + Σ_{j=1..k-1} c_j c_{k-j}).
///
/// Returns `(c_k, d_k)`.
///
/// ```
/// use jet_runtime::rules;
///
/// // tanh(0.5 + t): c_2 = −tanh (1 − tanh²); d = 1 − tanh²: d_1 = −2 tanh (1 − tanh²)
/// let a = [0.5, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::tanh(&a, &c, &d, k);
/// }
/// let (th, s) = (0.5f64.tanh(), 1.0 - 0.5f64.tanh().powi(2));
/// assert!((c[1] - s).abs() < 1e-15 && (c[2] + th * s).abs() < 1e-15);
/// assert!((d[0] - s).abs() < 1e-15 && (d[1] + 2.0 * th * s).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn tanh<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        // One libm call for both, on glibc's branch points and with its formulas for the
        // value (so on glibc the value has the bits of `f64::tanh`), x = |a_0|:
        // - x < 1: t = expm1(−2x), tanh x = −t/(2 + t), sech² x = 4(1 + t)/(2 + t)²;
        // - 1 ≤ x < 22: t = expm1(2x), tanh x = 1 − 2/(t + 2), sech² x = 4(t + 1)/(t + 2)²;
        // - x ≥ 22 (and NaN, ±inf): u = exp(−2x), tanh x = 1 − 2u/(1 + u) (= 1 in f64),
        //   sech² x = 4u/(1 + u)², exact down to the subnormal range (the expm1 forms
        //   would overflow or lose u in 1 + t).
        // The sign by copysign (−0 stays −0). Errors against mpmath: tests/tanh_accuracy.rs.
        let (one, x) = (T::one(), a[0].abs());
        let (two, limit) = (one + one, T::from(22.0).unwrap_or_else(T::nan));
        let (tanh, sech2) = if x < one {
            let t = (-(x + x)).exp_m1();
            let v = two + t;
            (-t / v, (two + two) * (one + t) / (v * v))
        } else if x < limit {
            let t = (x + x).exp_m1();
            let v = t + two;
            (one - two / v, (two + two) * (t + one) / (v * v))
        } else {
            let u = (-(x + x)).exp();
            let w = one + u;
            (one - (u + u) / w, ((u + u) + (u + u)) / (w * w))
        };
        (tanh.copysign(a[0]), sech2)
    } else {
        let ck = derivative_convolution(a, d, k) * inverse(k);
        let dk = -((c[0] + c[0]) * ck + inner_square(c, k));
        (ck, dk)
    }
}

/// `c = asinh a` with `d = √(1 + a²)` (c' = a'/d): c_0 = asinh a_0, d_0 = `1.hypot(a_0)`,
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0,
/// d_k = ((a²)_k − Σ_{j=1..k-1} d_j d_{k-j}) / (2 d_0).
///
/// Returns `(c_k, d_k)`.
///
/// ```
/// use jet_runtime::rules;
///
/// // asinh(0.5 + t): c_1 = 1/√(1+a²), c_2 = −a/(1+a²)^{3/2}/2; d = √(1+a²): d_1 = a/√(1+a²)
/// let a = [0.5, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::asinh(&a, &c, &d, k);
/// }
/// let w = 1.25f64.sqrt();
/// assert!((c[1] - 1.0 / w).abs() < 1e-15 && (c[2] + 0.25 / (1.25 * w)).abs() < 1e-15);
/// assert!((d[0] - w).abs() < 1e-15 && (d[1] - 0.5 / w).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn asinh<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        (a[0].asinh(), T::one().hypot(a[0]))
    } else {
        (quotient_step(a, d, c, k), sqrt_step(square(a, k), d, k))
    }
}

/// `c = acosh a` with `d = √(a² − 1)` (c' = a'/d): c_0 = acosh a_0,
/// d_0 = √((a_0 − 1)(a_0 + 1)),
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0,
/// d_k = ((a²)_k − Σ_{j=1..k-1} d_j d_{k-j}) / (2 d_0).
///
/// At `a_0 = 1` the higher coefficients are ±inf/NaN; below 1 everything is NaN.
/// Returns `(c_k, d_k)`.
///
/// ```
/// use jet_runtime::rules;
///
/// // acosh(2 + t): c_1 = 1/√(a²−1), c_2 = −a/(a²−1)^{3/2}/2; d = √(a²−1): d_1 = a/√(a²−1)
/// let a = [2.0, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::acosh(&a, &c, &d, k);
/// }
/// let w = 3f64.sqrt();
/// assert!((c[1] - 1.0 / w).abs() < 1e-15 && (c[2] + 1.0 / (3.0 * w)).abs() < 1e-15);
/// assert!((d[0] - w).abs() < 1e-15 && (d[1] - 2.0 / w).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn acosh<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        (a[0].acosh(), ((a[0] - T::one()) * (a[0] + T::one())).sqrt())
    } else {
        (quotient_step(a, d, c, k), sqrt_step(square(a, k), d, k))
    }
}

/// `c = atanh a` with `d = 1 − a²` (c' = a'/d): c_0 = atanh a_0,
/// d_0 = (1 − a_0)(1 + a_0),
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0, d_k = −(a²)_k.
///
/// At `|a_0| = 1` the primal is ±inf and the higher coefficients ±inf/NaN; beyond (c_0
/// NaN), all NaN, checked explicitly since `1/(1 − a²)` alone stays finite there.
/// Returns `(c_k, d_k)`.
///
/// ```
/// use jet_runtime::rules;
///
/// // atanh(0.5 + t): c_1 = 1/(1−a²), c_2 = a/(1−a²)²; d = 1 − a² = 0.75 − t − t²
/// let a = [0.5f64, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::atanh(&a, &c, &d, k);
/// }
/// assert!((c[1] - 4.0 / 3.0).abs() < 1e-15 && (c[2] - 0.5 / 0.5625).abs() < 1e-15);
/// assert_eq!(d, [0.75, -1.0, -1.0]);
/// ```
#[inline(always)]
pub fn atanh<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        (a[0].atanh(), (T::one() - a[0]) * (T::one() + a[0]))
    } else if c[0].is_nan() {
        (c[0], c[0])
    } else {
        (quotient_step(a, d, c, k), -square(a, k))
    }
}

//! Inverse trigonometric functions: `asin`, `acos`, `atan` (each with its auxiliary
//! series as the pair's second output) and the four-quadrant `atan2`.
//!
//! All follow `d·c' = ±a'` with `d` the auxiliary series (√(1−a²) or 1+a²):
//! c_k = ±(a_k − (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0 (see [`quotient_step`]).

use super::{inverse, quotient_step, scalar, sqrt_step, square};
use num_traits::Float;

/// `c = asin a` with `d = √(1 − a²)` (c' = a'/d): c_0 = asin a_0,
/// d_0 = √((1 − a_0)(1 + a_0)),
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0,
/// d_k = (−(a²)_k − Σ_{j=1..k-1} d_j d_{k-j}) / (2 d_0).
///
/// At `|a_0| = 1` the higher coefficients are ±inf/NaN; beyond, everything is NaN.
/// Returns `(c_k, d_k)`.
///
/// ```
/// use jet_runtime::rules;
///
/// // asin(0.5 + t): c_1 = 1/√(1−a²), c_2 = a/(1−a²)^{3/2}/2; d = √(1−a²): d_1 = −a/√(1−a²)
/// let a = [0.5, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::asin(&a, &c, &d, k);
/// }
/// let w = 0.75f64.sqrt();
/// assert!((c[1] - 1.0 / w).abs() < 1e-15 && (c[2] - 0.25 / (0.75 * w)).abs() < 1e-15);
/// assert!((d[0] - w).abs() < 1e-15 && (d[1] + 0.5 / w).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn asin<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        (a[0].asin(), ((T::one() - a[0]) * (T::one() + a[0])).sqrt())
    } else {
        (quotient_step(a, d, c, k), sqrt_step(-square(a, k), d, k))
    }
}

/// `c = acos a` with `d = √(1 − a²)` (c' = −a'/d): c_0 = acos a_0,
/// c_k = −(a_k + (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0, d as in [`asin`].
///
/// At `|a_0| = 1` the higher coefficients are ±inf/NaN; beyond, everything is NaN.
/// Returns `(c_k, d_k)`.
///
/// ```
/// use jet_runtime::rules;
///
/// // acos(0.5 + t): c_1 = −1/√(1−a²), c_2 = −a/(1−a²)^{3/2}/2; d = √(1−a²): d_1 = −a/√(1−a²)
/// let a = [0.5, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::acos(&a, &c, &d, k);
/// }
/// let w = 0.75f64.sqrt();
/// assert!((c[1] + 1.0 / w).abs() < 1e-15 && (c[2] + 0.25 / (0.75 * w)).abs() < 1e-15);
/// assert!((d[0] - w).abs() < 1e-15 && (d[1] + 0.5 / w).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn acos<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        (a[0].acos(), ((T::one() - a[0]) * (T::one() + a[0])).sqrt())
    } else {
        let mut s = T::zero();
        for j in 1..k {
            s = s + scalar::<T>(j) * c[j] * d[k - j];
        }
        (
            -(a[k] + s * inverse(k)) * d[0].recip(),
            sqrt_step(-square(a, k), d, k),
        )
    }
}

/// `c = atan a` with `d = 1 + a²` (c' = a'/d): c_0 = atan a_0, d_0 = 1 + a_0²,
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0, d_k = (a²)_k.
///
/// Returns `(c_k, d_k)`.
///
/// ```
/// use jet_runtime::rules;
///
/// // atan(0.5 + t): c_1 = 1/(1+a²), c_2 = −a/(1+a²)²; d = 1 + a² = 1.25 + t + t²
/// let a = [0.5f64, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::atan(&a, &c, &d, k);
/// }
/// assert!((c[1] - 0.8).abs() < 1e-15 && (c[2] + 0.5 * 0.64).abs() < 1e-15);
/// assert_eq!(d, [1.25, 1.0, 1.0]);
/// ```
#[inline(always)]
pub fn atan<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        (a[0].atan(), T::one() + a[0] * a[0])
    } else {
        (quotient_step(a, d, c, k), square(a, k))
    }
}

/// `c = atan2(y, x)` with `r = x² + y²` as third input: c_0 = `y_0.atan2(x_0)` (the
/// quadrant, all four), and from r c' = x y' − y x',
/// c_k = (Σ_{j=1..k} j (x_{k-j} y_j − y_{k-j} x_j) − Σ_{j=1..k-1} j c_j r_{k-j}) / (k r_0).
///
/// The derivatives do not depend on the quadrant; across the branch cut (x < 0, y = ±0)
/// they are those of the side the primal picks. At `x_0 = y_0 = 0` the primal is
/// `atan2`'s ±0 or ±π and the higher coefficients are ±inf/NaN.
///
/// ```
/// use jet_runtime::rules;
///
/// // atan2(t, −1) = π − atan t = π − t + t³/3 − ... (second quadrant), r = 1 + t²
/// let (y, x, r) = ([0.0, 1.0, 0.0, 0.0], [-1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0]);
/// let mut c = [0.0; 4];
/// for k in 0..4 {
///     c[k] = rules::atan2(&y, &x, &r, &c, k);
/// }
/// assert!((c[0] - std::f64::consts::PI).abs() < 1e-15 && c[1] == -1.0);
/// assert!(c[2].abs() < 1e-15 && (c[3] - 1.0 / 3.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn atan2<T: Float>(y: &[T], x: &[T], r: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        return y[0].atan2(x[0]);
    }
    let mut w = T::zero();
    for j in 1..=k {
        w = w + scalar::<T>(j) * (x[k - j] * y[j] - y[k - j] * x[j]);
    }
    let mut s = T::zero();
    for j in 1..k {
        s = s + scalar::<T>(j) * c[j] * r[k - j];
    }
    (w - s) * inverse(k) * r[0].recip()
}

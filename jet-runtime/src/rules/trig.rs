//! Trigonometric functions: `sin_cos`, `tan`, and the linear `to_degrees`/`to_radians`.

use super::generic::{self, at, EvenOdd};
use super::{derivative_convolution, inner_square, inverse};
use num_traits::Float;

/// `(s, c) = (sin a, cos a)`, one recurrence for both: s_0 = sin a_0, c_0 = cos a_0,
/// s_k = (1/k) Σ_{j=1..k} j a_j c_{k-j},  c_k = −(1/k) Σ_{j=1..k} j a_j s_{k-j}.
///
/// ```
/// use jet_runtime::rules;
///
/// // sin and cos of 0.3 + t: s_2 = −sin(0.3)/2, c_2 = −cos(0.3)/2
/// let a = [0.3, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::sin_cos(&a, &c, &d, k);
/// }
/// let (sin, cos) = 0.3f64.sin_cos();
/// assert!((c[1] - cos).abs() < 1e-15 && (c[2] + sin / 2.0).abs() < 1e-15);
/// assert!((d[1] + sin).abs() < 1e-15 && (d[2] + cos / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn sin_cos<T: Float>(a: &[T], s: &[T], c: &[T], k: usize) -> (T, T) {
    generic::sin_cos::<T, EvenOdd>(at(a), at(s), at(c), k)
}

/// `c = tan a` with its auxiliary `d = 1 + c²` (c' = d a'): c_0 = tan a_0,
/// d_0 = 1 + c_0², c_k = (1/k) Σ_{j=1..k} j a_j d_{k-j},
/// d_k = 2 c_0 c_k + Σ_{j=1..k-1} c_j c_{k-j}.
///
/// Returns `(c_k, d_k)`.
///
/// ```
/// use jet_runtime::rules;
///
/// // tan(0.4 + t): c_2 = tan(1 + tan²); auxiliary 1 + tan²: d_1 = 2 tan (1 + tan²)
/// let a = [0.4, 1.0, 0.0];
/// let (mut c, mut d) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (c[k], d[k]) = rules::tan(&a, &c, &d, k);
/// }
/// let t = 0.4f64.tan();
/// assert!((c[2] - t * (1.0 + t * t)).abs() < 1e-14 * c[2]);
/// assert!((d[1] - 2.0 * t * (1.0 + t * t)).abs() < 1e-14 * d[1]);
/// ```
#[inline(always)]
pub fn tan<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        let c0 = a[0].tan();
        (c0, T::one() + c0 * c0)
    } else {
        let ck = derivative_convolution(a, d, k) * inverse(k);
        let dk = (c[0] + c[0]) * ck + inner_square(c, k);
        (ck, dk)
    }
}

/// `c = a·180/π`: c_k = `a_k.to_degrees()` (linear).
///
/// ```
/// use jet_runtime::rules;
///
/// let a = [std::f64::consts::PI, 1.0];
/// let c: Vec<f64> = (0..2).map(|k| rules::to_degrees(&a, k)).collect();
/// assert!((c[0] - 180.0).abs() < 1e-13 && (c[1] - 180.0 / std::f64::consts::PI).abs() < 1e-13);
/// ```
#[inline(always)]
pub fn to_degrees<T: Float>(a: &[T], k: usize) -> T {
    a[k].to_degrees()
}

/// `c = a·π/180`: c_k = `a_k.to_radians()` (linear).
///
/// ```
/// use jet_runtime::rules;
///
/// let a = [180.0, 1.0];
/// let c: Vec<f64> = (0..2).map(|k| rules::to_radians(&a, k)).collect();
/// assert!((c[0] - std::f64::consts::PI).abs() < 1e-15);
/// assert!((c[1] - std::f64::consts::PI / 180.0).abs() < 1e-17);
/// ```
#[inline(always)]
pub fn to_radians<T: Float>(a: &[T], k: usize) -> T {
    a[k].to_radians()
}

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

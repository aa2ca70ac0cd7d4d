//! Trigonometric functions: `sin_cos`, `tan`, and the linear `to_degrees`/`to_radians`.

use super::{derivative_convolution, derivative_convolution_pair, inner_square, inverse};
use num_traits::Float;

/// `(s, c) = (sin a, cos a)`, one recurrence for both: s_0 = sin a_0, c_0 = cos a_0,
/// s_k = (1/k) Σ_{j=1..k} j a_j c_{k-j},  c_k = −(1/k) Σ_{j=1..k} j a_j s_{k-j}.
#[inline(always)]
pub fn sin_cos<T: Float>(a: &[T], s: &[T], c: &[T], k: usize) -> (T, T) {
    if k == 0 {
        a[0].sin_cos()
    } else {
        let inv_k = inverse::<T>(k);
        let (sum_c, sum_s) = derivative_convolution_pair(a, c, s, k);
        (sum_c * inv_k, -sum_s * inv_k)
    }
}

/// `c = tan a` with its auxiliary `d = 1 + c²` (c' = d a'): c_0 = tan a_0,
/// d_0 = 1 + c_0², c_k = (1/k) Σ_{j=1..k} j a_j d_{k-j},
/// d_k = 2 c_0 c_k + Σ_{j=1..k-1} c_j c_{k-j}.
///
/// Returns `(c_k, d_k)`.
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
#[inline(always)]
pub fn to_degrees<T: Float>(a: &[T], k: usize) -> T {
    a[k].to_degrees()
}

/// `c = a·π/180`: c_k = `a_k.to_radians()` (linear).
#[inline(always)]
pub fn to_radians<T: Float>(a: &[T], k: usize) -> T {
    a[k].to_radians()
}

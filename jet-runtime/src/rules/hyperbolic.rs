//! Hyperbolic functions and their inverses: `sinh_cosh`, `tanh` (with 1 − tanh²),
//! `asinh`, `acosh` (with their square roots), `atanh` (with 1 − a²).

use super::{
    derivative_convolution, derivative_convolution_pair, inner_square, inverse, quotient_step,
    sqrt_step, square,
};
use num_traits::Float;

/// `(s, c) = (sinh a, cosh a)`, one recurrence for both: s_0 = sinh a_0, c_0 = cosh a_0,
/// s_k = (1/k) Σ_{j=1..k} j a_j c_{k-j},  c_k = (1/k) Σ_{j=1..k} j a_j s_{k-j}.
#[inline(always)]
pub fn sinh_cosh<T: Float>(a: &[T], s: &[T], c: &[T], k: usize) -> (T, T) {
    if k == 0 {
        (a[0].sinh(), a[0].cosh())
    } else {
        let inv_k = inverse::<T>(k);
        let (sum_c, sum_s) = derivative_convolution_pair(a, c, s, k);
        (sum_c * inv_k, sum_s * inv_k)
    }
}

/// `c = tanh a` with its auxiliary `d = 1 − c²` (c' = d a'): c_0 = tanh a_0,
/// d_0 = 1 / cosh² a_0 (no cancellation for large |a_0|),
/// c_k = (1/k) Σ_{j=1..k} j a_j d_{k-j}, d_k = −(2 c_0 c_k + Σ_{j=1..k-1} c_j c_{k-j}).
///
/// Returns `(c_k, d_k)`.
#[inline(always)]
pub fn tanh<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        let ch = a[0].cosh();
        (a[0].tanh(), (ch * ch).recip())
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

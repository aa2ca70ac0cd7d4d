//! Exponentials and logarithms.
//!
//! Logarithms follow `a·c' = s·a'` (s = 1 / ln base), so they divide by `a_0`: at
//! `a_0 = 0` the primal is −inf and the higher coefficients are ±inf or NaN; below 0
//! everything is NaN, as for the primal (checked explicitly: the recurrence alone would
//! give the real derivatives 1/a of the complex logarithm).

use super::{derivative_convolution, inverse, scalar};
use num_traits::Float;

/// `c = exp(a)`: c_0 = e^{a_0}, c_k = (1/k) Σ_{j=1..k} j a_j c_{k-j}.
#[inline(always)]
pub fn exp<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].exp()
    } else {
        derivative_convolution(a, c, k) * inverse(k)
    }
}

/// `c = 2^a`: c_0 = 2^{a_0}, c_k = (ln 2 / k) Σ_{j=1..k} j a_j c_{k-j}.
#[inline(always)]
pub fn exp2<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].exp2()
    } else {
        let ln2 = T::from(core::f64::consts::LN_2).unwrap_or_else(T::nan);
        ln2 * derivative_convolution(a, c, k) * inverse(k)
    }
}

/// `c = e^a − 1`: c_0 = `a_0.exp_m1()` (accurate for small a_0), and with
/// e = c + 1 = exp(a),
/// c_k = (1/k) (k a_k (c_0 + 1) + Σ_{j=1..k-1} j a_j c_{k-j}).
#[inline(always)]
pub fn exp_m1<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].exp_m1()
    } else {
        let kk = scalar::<T>(k);
        let mut s = kk * a[k] * (c[0] + T::one());
        for j in 1..k {
            s = s + scalar::<T>(j) * a[j] * c[k - j];
        }
        s * inverse(k)
    }
}

/// Logarithm with `a·c' = s·a'`, the kernel of [`ln`], [`log2`], [`log10`], [`log`]:
/// c_k = (s a_k − (1/k) Σ_{j=1..k-1} j c_j a_{k-j}) / a_0 for `k ≥ 1`; NaN where the
/// primal `c_0` is NaN (below 0 the recurrence alone would give the finite derivatives of
/// the complex logarithm).
#[inline(always)]
fn log_step<T: Float>(a: &[T], c: &[T], k: usize, s: T) -> T {
    if c[0].is_nan() {
        return c[0];
    }
    let mut acc = T::zero();
    for j in 1..k {
        acc = acc + scalar::<T>(j) * c[j] * a[k - j];
    }
    (s * a[k] - acc * inverse(k)) * a[0].recip()
}

/// `c = ln a`: c_0 = ln a_0, c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j a_{k-j}) / a_0
/// (from a·c' = a').
///
/// At `a_0 = 0`: c_0 = −inf, higher coefficients ±inf/NaN; `a_0 < 0` (c_0 NaN): all NaN.
#[inline(always)]
pub fn ln<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].ln()
    } else {
        log_step(a, c, k, T::one())
    }
}

/// `c = log₂ a`: c_0 = log₂ a_0,
/// c_k = (a_k / ln 2 − (1/k) Σ_{j=1..k-1} j c_j a_{k-j}) / a_0.
#[inline(always)]
pub fn log2<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].log2()
    } else {
        let s = T::from(core::f64::consts::LOG2_E).unwrap_or_else(T::nan);
        log_step(a, c, k, s)
    }
}

/// `c = log₁₀ a`: c_0 = log₁₀ a_0,
/// c_k = (a_k / ln 10 − (1/k) Σ_{j=1..k-1} j c_j a_{k-j}) / a_0.
#[inline(always)]
pub fn log10<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].log10()
    } else {
        let s = T::from(core::f64::consts::LOG10_E).unwrap_or_else(T::nan);
        log_step(a, c, k, s)
    }
}

/// `c = log_base a` for a plain `base`: c_0 = `a_0.log(base)`,
/// c_k = (a_k / ln base − (1/k) Σ_{j=1..k-1} j c_j a_{k-j}) / a_0.
///
/// `base = 1` gives ±inf/NaN coefficients (1 / ln 1), like the primal.
#[inline(always)]
pub fn log<T: Float>(a: &[T], c: &[T], k: usize, base: T) -> T {
    if k == 0 {
        a[0].log(base)
    } else {
        log_step(a, c, k, base.ln().recip())
    }
}

/// `c = ln(1 + a)`: c_0 = `a_0.ln_1p()` (accurate for small a_0),
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j a_{k-j}) / (1 + a_0).
///
/// At `a_0 = −1`: c_0 = −inf, higher coefficients ±inf/NaN; below −1 (c_0 NaN): all NaN.
#[inline(always)]
pub fn ln_1p<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].ln_1p()
    } else if c[0].is_nan() {
        c[0]
    } else {
        let mut acc = T::zero();
        for j in 1..k {
            acc = acc + scalar::<T>(j) * c[j] * a[k - j];
        }
        (a[k] - acc * inverse(k)) * (T::one() + a[0]).recip()
    }
}

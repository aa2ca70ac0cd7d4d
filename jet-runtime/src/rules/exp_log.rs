//! Exponentials and logarithms.
//!
//! Logarithms follow `a·c' = s·a'` (s = 1 / ln base), so they divide by `a_0`: at
//! `a_0 = 0` the primal is −inf and the higher coefficients are ±inf or NaN; below 0
//! everything is NaN, as for the primal (checked explicitly: the recurrence alone would
//! give the real derivatives 1/a of the complex logarithm).

use super::generic::{self, at, EvenOdd};
use super::{derivative_convolution, inverse, scalar};
use num_traits::Float;

/// `c = exp(a)`: c_0 = e^{a_0}, c_k = (1/k) Σ_{j=1..k} j a_j c_{k-j}.
///
/// ```
/// use jet_runtime::rules;
///
/// // exp along a(t) = 0.5 + t: c_k = e^0.5 / k!
/// let a = [0.5, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::exp(&a, &c, k);
/// }
/// let e = 0.5f64.exp();
/// assert!((c[1] - e).abs() < 1e-15 && (c[2] - e / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn exp<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    generic::exp::<T, EvenOdd>(at(a), at(c), k)
}

/// `c = 2^a`: c_0 = 2^{a_0}, c_k = (ln 2 / k) Σ_{j=1..k} j a_j c_{k-j}.
///
/// ```
/// use jet_runtime::rules;
///
/// // 2^(0.5 + t): c_k = 2^0.5 (ln 2)^k / k!
/// let a = [0.5, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::exp2(&a, &c, k);
/// }
/// let (v, l) = (2f64.sqrt(), 2f64.ln());
/// assert!((c[2] - v * l * l / 2.0).abs() < 1e-15 * c[2]);
/// ```
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
///
/// ```
/// use jet_runtime::rules;
///
/// // e^(0.5 + t) − 1: c_0 = e^0.5 − 1, c_k = e^0.5 / k!
/// let a = [0.5, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::exp_m1(&a, &c, k);
/// }
/// let e = 0.5f64.exp();
/// assert!((c[0] - (e - 1.0)).abs() < 1e-15 && (c[2] - e / 2.0).abs() < 1e-15);
/// ```
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
///
/// ```
/// use jet_runtime::rules;
///
/// // ln(2 + t) = ln 2 + t/2 − t²/8 + ...
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::ln(&a, &c, k);
/// }
/// assert_eq!((c[1], c[2]), (0.5, -0.125));
/// ```
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
///
/// ```
/// use jet_runtime::rules;
///
/// // log₂(3 + t): c_1 = 1/(3 ln 2), c_2 = −1/(2·3² ln 2)
/// let a = [3.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::log2(&a, &c, k);
/// }
/// let l = 2f64.ln();
/// assert!((c[1] - 1.0 / (3.0 * l)).abs() < 1e-15);
/// assert!((c[2] + 1.0 / (18.0 * l)).abs() < 1e-15);
/// ```
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
///
/// ```
/// use jet_runtime::rules;
///
/// // log₁₀(3 + t): c_1 = 1/(3 ln 10), c_2 = −1/(2·3² ln 10)
/// let a = [3.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::log10(&a, &c, k);
/// }
/// let l = 10f64.ln();
/// assert!((c[1] - 1.0 / (3.0 * l)).abs() < 1e-15);
/// assert!((c[2] + 1.0 / (18.0 * l)).abs() < 1e-15);
/// ```
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
///
/// ```
/// use jet_runtime::rules;
///
/// // log₅(3 + t): c_1 = 1/(3 ln 5), c_2 = −1/(2·3² ln 5)
/// let a = [3.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::log(&a, &c, k, 5.0);
/// }
/// let l = 5f64.ln();
/// assert!((c[1] - 1.0 / (3.0 * l)).abs() < 1e-15);
/// assert!((c[2] + 1.0 / (18.0 * l)).abs() < 1e-15);
/// ```
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
///
/// ```
/// use jet_runtime::rules;
///
/// // ln(1 + (1 + t)) = ln 2 + t/2 − t²/8 + ...
/// let a = [1.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::ln_1p(&a, &c, k);
/// }
/// assert_eq!((c[1], c[2]), (0.5, -0.125));
/// assert!((c[0] - 2f64.ln()).abs() < 1e-16);
/// ```
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

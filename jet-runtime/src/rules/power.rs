//! Powers and roots: `powi`, `powf`, `pow` (jet exponent), `sqrt`, `cbrt`, `hypot`.
//!
//! The power recurrence comes from `a·c' = r·a'·c` for `c = a^r`:
//! c_k = (1/(k a_0)) Σ_{j=1..k} ((r+1) j − k) a_j c_{k-j}.
//! It divides by `a_0`; for a nonnegative integer exponent the rules instead restart
//! at the first nonzero coefficient of `a` when `a_0 = 0`, so `t³` stays exact.

use super::generic::{self, at, EvenOdd};
use super::{exp, inverse, scalar, sqrt_step, square};
use num_traits::Float;

/// One step (`k ≥ 1`) of the power recurrence for `c = a^r`:
/// c_k = (1/(k a_0)) Σ_{j=1..k} ((r+1) j − k) a_j c_{k-j}.
#[inline(always)]
fn power_step<T: Float>(a: &[T], c: &[T], k: usize, r: T) -> T {
    generic::power_step::<T, EvenOdd>(at(a), at(c), k, r)
}

/// Coefficient `k ≥ 1` of `c = a^n` for an integer `n ≥ 1` when `a_0 = 0`, without
/// dividing by `a_0`.
///
/// With `m` the index of the first nonzero coefficient of `a`, `a = t^m b` with
/// `b_i = a_{i+m}`, `b_0 ≠ 0`, and `c = t^{nm} b^n`. So c_k = 0 for `k < nm` (also when
/// no coefficient up to `k` is nonzero), c_{nm} = b_0^n, and for `i = k − nm ≥ 1` the
/// power recurrence on `b`, whose power's coefficients `(b^n)_l = c_{l+nm}` are known:
/// c_k = (1/(i b_0)) Σ_{j=1..i} ((n+1) j − i) b_j c_{k-j}.
///
/// Rare (a power of a series that starts at 0), so kept out of line and `#[cold]`: the
/// common path of `powi`/`powf` stays small enough to unroll.
#[cold]
#[inline(never)]
fn power_at_zero<T: Float>(a: &[T], c: &[T], k: usize, n: u32) -> T {
    let Some(m) = (1..=k).find(|&j| a[j] != T::zero()) else {
        return T::zero();
    };
    let shift = match (n as usize).checked_mul(m) {
        Some(s) if s <= k => s,
        _ => return T::zero(),
    };
    let i = k - shift;
    let b0 = a[m];
    if i == 0 {
        // n ≤ i32::MAX by construction (callers pass an i32 or a checked float).
        return b0.powi(n as i32);
    }
    let ii = scalar::<T>(i);
    let n1 = scalar::<T>(n as usize) + T::one();
    let mut s = T::zero();
    for j in 1..=i {
        s = s + (n1 * scalar(j) - ii) * a[m + j] * c[k - j];
    }
    s * inverse(i) * b0.recip()
}

/// `c = a^n` for an integer `n`: c_0 = `a_0.powi(n)`, then
/// - n = 0: c_k = 0 (`a^0 = 1`, also for `a_0 = 0` and NaN, like `f64::powi`);
/// - n = 1: c_k = a_k; n = 2: [`square`] (exact everywhere);
/// - a_0 ≠ 0: c_k = (1/(k a_0)) Σ_{j=1..k} ((n+1) j − k) a_j c_{k-j};
/// - a_0 = 0, n ≥ 3: exact, restarting at the first nonzero coefficient `a_m`
///   (`a = t^m b`, `c = t^{nm} b^n`, the same recurrence on `b`); no division by `a_0`;
/// - a_0 = 0, n < 0: ±inf/NaN coefficients, as the primal's `0^n = inf`.
///
/// ```
/// use jet_runtime::rules;
///
/// // (1.5 + t)^5: c_1 = 5·1.5⁴, c_2 = 5·4·1.5³/2
/// let a = [1.5, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::powi(&a, &c, k, 5);
/// }
/// assert!((c[1] - 5.0 * 1.5f64.powi(4)).abs() < 1e-14 * c[1]);
/// assert!((c[2] - 10.0 * 1.5f64.powi(3)).abs() < 1e-14 * c[2]);
/// ```
#[inline(always)]
pub fn powi<T: Float>(a: &[T], c: &[T], k: usize, n: i32) -> T {
    if k > 0 && n > 2 && a[0] == T::zero() {
        return power_at_zero(a, c, k, n as u32);
    }
    powi_nonzero(a, c, k, n)
}

/// [`powi`] for a caller that has checked `a_0 ≠ 0` or `n ≤ 2` (the whole-jet drivers in
/// `Taylor::powi`, which send a zero value to a pass of [`powi`] of its own): without the
/// restart at a zero value, whose out-of-line call would keep the coefficients in
/// memory.
#[inline(always)]
pub(crate) fn powi_nonzero<T: Float>(a: &[T], c: &[T], k: usize, n: i32) -> T {
    if k == 0 {
        return a[0].powi(n);
    }
    match n {
        0 => T::zero(),
        1 => a[k],
        2 => square(a, k),
        _ => power_step(a, c, k, scalar_i32(n)),
    }
}

/// [`powf`] for a caller that has checked `a_0 ≠ 0`, as [`powi_nonzero`].
#[inline(always)]
pub(crate) fn powf_nonzero<T: Float>(a: &[T], c: &[T], k: usize, r: T) -> T {
    if k == 0 {
        a[0].powf(r)
    } else {
        power_step(a, c, k, r)
    }
}

/// `n` as a `T`.
#[inline(always)]
fn scalar_i32<T: Float>(n: i32) -> T {
    T::from(n).unwrap_or_else(T::nan)
}

/// `c = a^r` for a plain exponent `r`: c_0 = `a_0.powf(r)`,
/// c_k = (1/(k a_0)) Σ_{j=1..k} ((r+1) j − k) a_j c_{k-j}.
///
/// At `a_0 = 0` with `r` a nonnegative integer value (≤ `i32::MAX`) the coefficients are
/// exact as for [`powi`]; with any other `r` they are ±inf/NaN (for non-integer `r > 0`
/// the curve `a(t)^r` has no Taylor series at `t = 0`). `a_0 < 0` with a non-integer
/// `r` gives NaN, like the primal; with an integer-valued `r` it is finite.
///
/// ```
/// use jet_runtime::rules;
///
/// // (2 + t)^2.5: c_1 = 2.5·2^1.5, c_2 = 2.5·1.5·2^0.5/2
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::powf(&a, &c, k, 2.5);
/// }
/// let r2 = 2f64.sqrt();
/// assert!((c[1] - 2.5 * 2.0 * r2).abs() < 1e-14 * c[1]);
/// assert!((c[2] - 1.875 * r2).abs() < 1e-14 * c[2]);
/// ```
#[inline(always)]
pub fn powf<T: Float>(a: &[T], c: &[T], k: usize, r: T) -> T {
    let at_zero = move |n: i32| match n {
        0 => T::zero(),
        1 => a[k],
        _ => power_at_zero(a, c, k, n as u32),
    };
    generic::powf::<T, EvenOdd>(at(a), at(c), k, r, at_zero)
}

/// `c = a^b` for a jet exponent, with `p = b·ln a` as third input: c = exp(p), so
/// c_0 = `a_0.powf(b_0)` and c_k = (1/k) Σ_{j=1..k} j p_j c_{k-j}.
///
/// `a_0 ≤ 0` makes `ln a` −inf or NaN, so the higher coefficients are inf/NaN even where
/// the primal is finite (use `powi` for integer exponents of negative numbers).
///
/// ```
/// use jet_runtime::rules;
///
/// // 2^(1 + t) = 2 e^{t ln 2}, with p = b·ln a = ln 2 + t ln 2: c_2 = 2 (ln 2)² / 2
/// let l = 2f64.ln();
/// let (a, b, p) = ([2.0, 0.0, 0.0], [1.0, 1.0, 0.0], [l, l, 0.0]);
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::pow(&a, &b, &p, &c, k);
/// }
/// assert!((c[1] - 2.0 * l).abs() < 1e-15 && (c[2] - l * l).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn pow<T: Float>(a: &[T], b: &[T], p: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].powf(b[0])
    } else {
        exp(p, c, k)
    }
}

/// `c = √a`: c_0 = √a_0, c_k = (a_k − Σ_{j=1..k-1} c_j c_{k-j}) / (2 c_0).
///
/// At `a_0 = 0` the higher coefficients are ±inf or NaN (division by `2 c_0 = 0`); below
/// 0 everything is NaN, like the primal.
///
/// ```
/// use jet_runtime::rules;
///
/// // √(4 + t) = 2 + t/4 − t²/64 + ...
/// let a = [4.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::sqrt(&a, &c, k);
/// }
/// assert_eq!(c, [2.0, 0.25, -1.0 / 64.0]);
/// ```
#[inline(always)]
pub fn sqrt<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    generic::sqrt::<T, EvenOdd>(at(a), at(c), k)
}

/// `c = ∛a` (real branch, defined for negative `a_0` like `f64::cbrt`): c_0 = ∛a_0,
/// c_k = (1/(k a_0)) Σ_{j=1..k} ((4/3) j − k) a_j c_{k-j} (the power recurrence, r = 1/3,
/// which holds on the real branch since 3 a c' = a' c).
///
/// At `a_0 = 0` (where ∛ has a vertical tangent) c_k = a_k / 0 for `k ≥ 1`: c_1 = ±inf
/// with the sign of a_1 (the one-sided derivative), ±inf/NaN above.
///
/// ```
/// use jet_runtime::rules;
///
/// // ∛(8 + t) = 2 + t/12 − t²/288 + ... (c_2 = (1/3)(−2/3) 8^(−5/3) / 2)
/// let a = [8.0f64, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::cbrt(&a, &c, k);
/// }
/// assert!((c[1] - 1.0 / 12.0).abs() < 1e-16 && (c[2] + 1.0 / 288.0).abs() < 1e-17);
/// ```
#[inline(always)]
pub fn cbrt<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].cbrt()
    } else if a[0] == T::zero() {
        a[k] / T::zero()
    } else {
        let third = T::one() / (T::one() + T::one() + T::one());
        power_step(a, c, k, third)
    }
}

/// `c = hypot(a, b) = √s` with `s = a² + b²` as third input: c_0 = `a_0.hypot(b_0)`
/// (no overflow in the primal), c_k = (s_k − Σ_{j=1..k-1} c_j c_{k-j}) / (2 c_0).
///
/// At `a_0 = b_0 = 0` the higher coefficients are ±inf/NaN (the curve is not smooth).
///
/// ```
/// use jet_runtime::rules;
///
/// // h = hypot(3 + t, 4): h_0 = 5, h' = 3/5, h'' = (1 − h'²)/h = 0.128, so c_2 = 0.064
/// let (a, b, s) = ([3.0f64, 1.0, 0.0], [4.0, 0.0, 0.0], [25.0, 6.0, 1.0]);
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::hypot(&a, &b, &s, &c, k);
/// }
/// assert!((c[1] - 0.6).abs() < 1e-15 && (c[2] - 0.064).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn hypot<T: Float>(a: &[T], b: &[T], s: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].hypot(b[0])
    } else {
        sqrt_step(s[k], c, k)
    }
}

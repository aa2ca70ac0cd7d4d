//! Piecewise functions: `abs`, `min`, `max`, `clamp` (follow the branch of the primal)
//! and the piecewise-constant `signum`, `floor`, `ceil`, `round`, `trunc`.
//!
//! Where the primal sits exactly on a kink (`abs` at 0, `min`/`max` at a tie, `clamp` at
//! a bound) the rules take the branch the curve follows for small `t > 0`: the one
//! decided by the first coefficient where the two candidates differ (the expansion of
//! the function along `t → 0⁺`). In incremental form that index is at most `k`, and if
//! the candidates agree up to `k` either gives the same `c_k`.

use num_traits::Float;

/// Whether `a(t) < b(t)` for small `t > 0`: `Some(true)`/`Some(false)` from the first
/// index `j ≤ k` where `a_j` and `b_j` differ; `None` if they agree up to `k` or the first
/// pair that is not equal is unordered (NaN).
#[inline(always)]
fn below_near_zero<T: Float>(a: &[T], b: impl Fn(usize) -> T, k: usize) -> Option<bool> {
    for (j, &aj) in a.iter().enumerate().take(k + 1) {
        let bj = b(j);
        if aj < bj {
            return Some(true);
        }
        if aj > bj {
            return Some(false);
        }
        if aj != bj {
            return None; // unordered (NaN): undecided, like the primal's comparisons
        }
    }
    None
}

/// Coefficient `k ≥ 1` of a piecewise-constant function: 0, or NaN when `a_0` is NaN
/// (so a NaN input does not produce clean derivatives).
#[inline(always)]
fn flat<T: Float>(a: &[T]) -> T {
    if a[0].is_nan() {
        a[0]
    } else {
        T::zero()
    }
}

/// `c = |a|`: c_0 = |a_0|, c_k = a_k if a_0 > 0, −a_k if a_0 < 0.
///
/// At `a_0 = ±0` the sign is that of the first nonzero coefficient `a_m` (the expansion
/// of |a(t)| for `t → 0⁺`): c_k = a_k if a_m > 0, −a_k if a_m < 0 (so |−t| = t). A NaN
/// `a_0` gives NaN coefficients.
///
/// ```
/// use jet_runtime::rules;
///
/// // |−2 + 3t + t²| = 2 − 3t − t² near t = 0; |−t| = t at the kink.
/// let a = [-2.0, 3.0, 1.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::abs(&a, k)).collect();
/// assert_eq!(c, [2.0, -3.0, -1.0]);
/// let z = [0.0, -1.0, 0.0];
/// assert_eq!(rules::abs(&z, 1), 1.0);
/// ```
#[inline(always)]
pub fn abs<T: Float>(a: &[T], k: usize) -> T {
    if k == 0 {
        return a[0].abs();
    }
    if a[0].is_nan() {
        return a[0];
    }
    match below_near_zero(a, |_| T::zero(), k) {
        Some(true) => -a[k],
        _ => a[k],
    }
}

/// `c = signum(a_0)` as a constant series (like `f64::signum`: ±1 also at ±0, NaN at
/// NaN); c_k = 0 for `k ≥ 1` (NaN if a_0 is NaN).
///
/// ```
/// use jet_runtime::rules;
///
/// // signum(−2 + 3t + t²) = −1 near t = 0
/// let a = [-2.0, 3.0, 1.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::signum(&a, k)).collect();
/// assert_eq!(c, [-1.0, 0.0, 0.0]);
/// ```
#[inline(always)]
pub fn signum<T: Float>(a: &[T], k: usize) -> T {
    if k == 0 {
        a[0].signum()
    } else {
        flat(a)
    }
}

/// `c = min(a, b)`: the series whose primal is smaller, c_0 = `a_0.min(b_0)`.
///
/// Like `f64::min`, a NaN primal loses: a NaN `a_0` gives `b`, a NaN `b_0` gives `a`.
/// On a tie `a_0 = b_0`, the series smaller for small `t > 0` (first differing
/// coefficient); if they agree up to `k`, c_k = a_k = b_k.
///
/// ```
/// use jet_runtime::rules;
///
/// // min(3 + t, 1 + 2t) = 1 + 2t near t = 0; on the tie min(1 + t, 1 − t) = 1 − t.
/// let (a, b) = ([3.0, 1.0, 0.0], [1.0, 2.0, 0.0]);
/// let c: Vec<f64> = (0..3).map(|k| rules::min(&a, &b, k)).collect();
/// assert_eq!(c, [1.0, 2.0, 0.0]);
/// assert_eq!(rules::min(&[1.0, 1.0], &[1.0, -1.0], 1), -1.0);
/// ```
#[inline(always)]
pub fn min<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    if k == 0 {
        return a[0].min(b[0]);
    }
    if a[0].is_nan() {
        return b[k];
    }
    if b[0].is_nan() {
        return a[k];
    }
    match below_near_zero(a, |j| b[j], k) {
        Some(false) => b[k],
        _ => a[k],
    }
}

/// `c = max(a, b)`: the series whose primal is larger, c_0 = `a_0.max(b_0)`.
///
/// Like `f64::max`, a NaN primal loses: a NaN `a_0` gives `b`, a NaN `b_0` gives `a`.
/// On a tie `a_0 = b_0`, the series larger for small `t > 0` (first differing
/// coefficient); if they agree up to `k`, c_k = a_k = b_k.
///
/// ```
/// use jet_runtime::rules;
///
/// // max(3 + t, 1 + 2t) = 3 + t near t = 0; on the tie max(1 + t, 1 − t) = 1 + t.
/// let (a, b) = ([3.0, 1.0, 0.0], [1.0, 2.0, 0.0]);
/// let c: Vec<f64> = (0..3).map(|k| rules::max(&a, &b, k)).collect();
/// assert_eq!(c, [3.0, 1.0, 0.0]);
/// assert_eq!(rules::max(&[1.0, 1.0], &[1.0, -1.0], 1), 1.0);
/// ```
#[inline(always)]
pub fn max<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    if k == 0 {
        return a[0].max(b[0]);
    }
    if a[0].is_nan() {
        return b[k];
    }
    if b[0].is_nan() {
        return a[k];
    }
    match below_near_zero(a, |j| b[j], k) {
        Some(true) => b[k],
        _ => a[k],
    }
}

/// `c = clamp(a, lo, hi)` for plain bounds: the constant `lo` while a < lo, the constant
/// `hi` while a > hi, else `a`. A NaN `a_0` gives NaN coefficients (the primal is NaN,
/// like `f64::clamp`).
///
/// At a bound (`a_0 = lo` or `a_0 = hi`) the branch is the one `a(t)` enters for small
/// `t > 0` (first nonzero higher coefficient). Never panics: where `f64::clamp` would
/// (`lo > hi` or a NaN bound) the comparisons run in order, "below `lo`" first, then
/// "above `hi`", and a NaN bound never compares.
///
/// ```
/// use jet_runtime::rules;
///
/// // clamp(2 + t + 5t², 0, 1) = 1 near t = 0; clamp(0.5 + t, 0, 1) = 0.5 + t.
/// let a = [2.0, 1.0, 5.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::clamp(&a, 0.0, 1.0, k)).collect();
/// assert_eq!(c, [1.0, 0.0, 0.0]);
/// let b = [0.5, 1.0, 0.0];
/// assert_eq!(rules::clamp(&b, 0.0, 1.0, 1), 1.0);
/// ```
#[inline(always)]
pub fn clamp<T: Float>(a: &[T], lo: T, hi: T, k: usize) -> T {
    let constant = |v: T| move |j: usize| if j == 0 { v } else { T::zero() };
    if k == 0 {
        return if a[0] < lo {
            lo
        } else if a[0] > hi {
            hi
        } else {
            a[0]
        };
    }
    if a[0].is_nan() {
        return a[0];
    }
    if below_near_zero(a, constant(lo), k) == Some(true)
        || below_near_zero(a, constant(hi), k) == Some(false)
    {
        T::zero()
    } else {
        a[k]
    }
}

/// `c = floor(a_0)` as a constant series; c_k = 0 for `k ≥ 1` (NaN if a_0 is NaN).
///
/// ```
/// use jet_runtime::rules;
///
/// // floor(−2.5 + t + t²) = −3 near t = 0
/// let a = [-2.5, 1.0, 1.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::floor(&a, k)).collect();
/// assert_eq!(c, [-3.0, 0.0, 0.0]);
/// ```
#[inline(always)]
pub fn floor<T: Float>(a: &[T], k: usize) -> T {
    if k == 0 {
        a[0].floor()
    } else {
        flat(a)
    }
}

/// `c = ceil(a_0)` as a constant series; c_k = 0 for `k ≥ 1` (NaN if a_0 is NaN).
///
/// ```
/// use jet_runtime::rules;
///
/// // ceil(−2.5 + t + t²) = −2 near t = 0
/// let a = [-2.5, 1.0, 1.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::ceil(&a, k)).collect();
/// assert_eq!(c, [-2.0, 0.0, 0.0]);
/// ```
#[inline(always)]
pub fn ceil<T: Float>(a: &[T], k: usize) -> T {
    if k == 0 {
        a[0].ceil()
    } else {
        flat(a)
    }
}

/// `c = round(a_0)` (half away from zero) as a constant series; c_k = 0 for `k ≥ 1`
/// (NaN if a_0 is NaN).
///
/// ```
/// use jet_runtime::rules;
///
/// // round(−2.5 + t + t²) = −3 (half away from zero; the primal's branch)
/// let a = [-2.5, 1.0, 1.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::round(&a, k)).collect();
/// assert_eq!(c, [-3.0, 0.0, 0.0]);
/// ```
#[inline(always)]
pub fn round<T: Float>(a: &[T], k: usize) -> T {
    if k == 0 {
        a[0].round()
    } else {
        flat(a)
    }
}

/// `c = trunc(a_0)` as a constant series; c_k = 0 for `k ≥ 1` (NaN if a_0 is NaN).
///
/// ```
/// use jet_runtime::rules;
///
/// // trunc(−2.5 + t + t²) = −2 near t = 0
/// let a = [-2.5, 1.0, 1.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::trunc(&a, k)).collect();
/// assert_eq!(c, [-2.0, 0.0, 0.0]);
/// ```
#[inline(always)]
pub fn trunc<T: Float>(a: &[T], k: usize) -> T {
    if k == 0 {
        a[0].trunc()
    } else {
        flat(a)
    }
}

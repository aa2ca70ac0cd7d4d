//! The recurrences of the common rules written once, over **input accessors** and a
//! **summation strategy**, for both of their users:
//!
//! - the public slice rules of [`crate::rules`] ([`mul`](crate::rules::mul),
//!   [`exp`](crate::rules::exp), ...) call them with slice accessors (`|j| a[j]`) and
//!   [`EvenOdd`], the whole-jet summation;
//! - the kernels of the ODE mode (`jet::ode::__kernels`) call them with accessors that
//!   read the newest coefficients from locals and with their own strategy, which adds
//!   the terms holding the newest coefficients last and keeps the sums scalar.
//!
//! A strategy decides only the order of the additions (and, through
//! [`Summation::NEWEST_LAST`], where the few terms outside the sums are associated): the
//! formulas, their index ranges and their special cases are the ones here.
//!
//! ```
//! use jet_runtime::rules::generic::{self, EvenOdd};
//!
//! // exp of a(t) = t by the generic rule, with the whole-jet summation.
//! let a = [0.0, 1.0, 0.0, 0.0];
//! let mut c = [0.0; 4];
//! for k in 0..4 {
//!     c[k] = generic::exp::<f64, EvenOdd>(|j| a[j], |j| c[j], k);
//! }
//! assert_eq!(c, [1.0, 1.0, 0.5, 1.0 / 6.0]);
//! ```

use super::{even_odd_sum, inverse, scalar};
use num_traits::Float;

/// How the sums `Σ_{j=lo..=hi} term(j)` of the recurrences are added up.
pub trait Summation<T: Float> {
    /// `true` when the terms holding the newest coefficients go last, off the chain of
    /// the older ones: [`square`] adds `2 a_0 a_k` after the other pairs, and [`powf`]
    /// multiplies its sum once by `1/(k a_0)` (formed off the chain) instead of by `1/k`
    /// and then by `1/a_0`. Only the rounding of the result depends on it.
    const NEWEST_LAST: bool;

    /// `Σ_{j=lo..=hi} term(j)`, `-0.0` when `lo > hi`.
    fn sum(lo: usize, hi: usize, term: impl Fn(usize) -> T) -> T;

    /// The two sums `(Σ x_j, Σ y_j)` of `term(j) = (x_j, y_j)`, in one pass (what the two
    /// terms share is computed once); `(-0.0, -0.0)` when `lo > hi`.
    fn sum_pair(lo: usize, hi: usize, term: impl Fn(usize) -> (T, T)) -> (T, T);
}

/// The whole-jet summation: [`even_odd_sum`], two partial
/// sums over even and odd `j`, and the same loop for pairs of sums.
///
/// ```
/// use jet_runtime::rules::generic::{EvenOdd, Summation};
///
/// assert_eq!(<EvenOdd as Summation<f64>>::sum(1, 4, |j| j as f64), 10.0);
/// let pair = <EvenOdd as Summation<f64>>::sum_pair(1, 4, |j| (j as f64, (j * j) as f64));
/// assert_eq!(pair, (10.0, 30.0));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct EvenOdd;

impl<T: Float> Summation<T> for EvenOdd {
    const NEWEST_LAST: bool = false;

    #[inline(always)]
    fn sum(lo: usize, hi: usize, term: impl Fn(usize) -> T) -> T {
        even_odd_sum(lo, hi, term)
    }

    #[inline(always)]
    fn sum_pair(lo: usize, hi: usize, term: impl Fn(usize) -> (T, T)) -> (T, T) {
        // The loop of `even_odd_sum` (without its three-term case) with both sums in it.
        let (mut x_even, mut x_odd, mut y_even, mut y_odd) =
            (-T::zero(), -T::zero(), -T::zero(), -T::zero());
        if lo > hi {
            return (x_even + x_odd, y_even + y_odd);
        }
        let mut j = lo;
        if j % 2 == 1 {
            let (x, y) = term(j);
            x_odd = x_odd + x;
            y_odd = y_odd + y;
            j += 1;
        }
        while j < hi {
            let (x, y) = term(j);
            let (u, v) = term(j + 1);
            x_even = x_even + x;
            y_even = y_even + y;
            x_odd = x_odd + u;
            y_odd = y_odd + v;
            j += 2;
        }
        if j == hi {
            let (x, y) = term(j);
            x_even = x_even + x;
            y_even = y_even + y;
        }
        (x_even + x_odd, y_even + y_odd)
    }
}

/// The accessor of a slice's coefficients, `j ↦ a[j]`, for the slice rules of
/// [`crate::rules`]. The closure is `#[inline(always)]`, so it is gone by the first
/// optimizations of the caller: the code of the slice rules is the code they had when
/// they indexed their slices directly.
///
/// ```
/// use jet_runtime::rules::generic;
///
/// let a = [1.0, 2.0];
/// assert_eq!(generic::at(&a)(1), 2.0);
/// ```
#[inline(always)]
pub fn at<T: Copy>(a: &[T]) -> impl Fn(usize) -> T + Copy + '_ {
    #[inline(always)]
    move |j: usize| a[j]
}

/// `Σ_{j=lo..=hi} a_j b_{k−j}`. The accessors are taken by value (they are `Copy`), so
/// the sum's closure refers to these copies: when the summation is not inlined, the
/// caller's own accessors, used again after the sum (`a_0`, `b_0`, ...), stay in
/// registers instead of being reloaded from memory whose address escaped.
#[inline(always)]
fn cauchy<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    b: impl Fn(usize) -> T + Copy,
    k: usize,
    lo: usize,
    hi: usize,
) -> T {
    S::sum(lo, hi, |j| a(j) * b(k - j))
}

/// `Σ_{j=1..k} ((r+1) j − k) a_j c_{k−j}` with `r1 = r + 1` (accessors by value, as in
/// [`cauchy`]).
#[inline(always)]
fn power_sum<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
    r1: T,
) -> T {
    let kk = scalar::<T>(k);
    S::sum(1, k, |j| (r1 * scalar::<T>(j) - kk) * a(j) * c(k - j))
}

/// `c = a · b`: c_k = Σ_{j=0..k} a_j b_{k−j}.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let (a, b) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
/// assert_eq!(generic::mul::<f64, EvenOdd>(|j| a[j], |j| b[j], 2), 28.0);
/// ```
#[inline(always)]
pub fn mul<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    b: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    cauchy::<T, S>(a, b, k, 0, k)
}

/// `c = a²` by symmetry: c_k = 2 Σ_{0≤j<k/2} a_j a_{k−j} (+ a_{k/2}² for even k). With
/// [`Summation::NEWEST_LAST`] the pair `j = 0` (the newest coefficient `a_k`) is added
/// last, as `(2 a_0) a_k`.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let a = [1.0, 2.0, 3.0, 4.0];
/// let c: Vec<f64> = (0..4).map(|k| generic::square::<f64, EvenOdd>(|j| a[j], k)).collect();
/// assert_eq!(c, [1.0, 4.0, 10.0, 20.0]);
/// ```
#[inline(always)]
pub fn square<T: Float, S: Summation<T>>(a: impl Fn(usize) -> T + Copy, k: usize) -> T {
    let lo = if S::NEWEST_LAST { 1 } else { 0 };
    let pairs = if k == 0 {
        T::zero()
    } else {
        cauchy::<T, S>(a, a, k, lo, (k - 1) / 2)
    };
    let s = pairs + pairs;
    let s = if k % 2 == 0 {
        s + a(k / 2) * a(k / 2)
    } else {
        s
    };
    if S::NEWEST_LAST && k > 0 {
        s + (a(0) + a(0)) * a(k)
    } else {
        s
    }
}

/// `c = a / b`: c_0 = a_0 / b_0, c_k = (a_k − Σ_{j=1..k} b_j c_{k−j}) / b_0 (as a
/// multiplication by `1/b_0`).
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let (a, b) = ([2.0, 1.0, 0.0], [1.0, -1.0, 0.0]);
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = generic::div::<f64, EvenOdd>(|j| a[j], |j| b[j], |j| c[j], k);
/// }
/// assert_eq!(c, [2.0, 3.0, 3.0]);
/// ```
#[inline(always)]
pub fn div<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    b: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    if k == 0 {
        a(0) / b(0)
    } else {
        (a(k) - cauchy::<T, S>(b, c, k, 1, k)) * b(0).recip()
    }
}

/// `c = s / a` for a plain `s`: c_0 = s / a_0, c_k = −(Σ_{j=1..k} a_j c_{k−j}) / a_0.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = generic::scalar_div::<f64, EvenOdd>(3.0, |j| a[j], |j| c[j], k);
/// }
/// assert_eq!(c, [1.5, -0.75, 0.375]);
/// ```
#[inline(always)]
pub fn scalar_div<T: Float, S: Summation<T>>(
    s: T,
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    if k == 0 {
        s / a(0)
    } else {
        -cauchy::<T, S>(a, c, k, 1, k) * a(0).recip()
    }
}

/// `c = 1 / a`: [`scalar_div`] with `s = 1`.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = generic::recip::<f64, EvenOdd>(|j| a[j], |j| c[j], k);
/// }
/// assert_eq!(c, [0.5, -0.25, 0.125]);
/// ```
#[inline(always)]
pub fn recip<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    scalar_div::<T, S>(T::one(), a, c, k)
}

/// `Σ_{j=1..k} j a_j b_{k−j}`: coefficient `k` of `t·a'(t)·b(t)`, the sum behind every
/// rule of the form `c' = f'(a) a'`.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// // 1·a_1·b_1 + 2·a_2·b_0 = 1·2·5 + 2·3·4 = 34
/// let (a, b) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
/// assert_eq!(generic::derivative_sum::<f64, EvenOdd>(|j| a[j], |j| b[j], 2), 34.0);
/// ```
#[inline(always)]
pub fn derivative_sum<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    b: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    S::sum(1, k, |j| scalar::<T>(j) * a(j) * b(k - j))
}

/// `(Σ_{j=1..k} j a_j b_{k−j}, Σ_{j=1..k} j a_j c_{k−j})` in one pass over `a` (the sums
/// of `sin_cos` and `sinh_cosh`, whose two series feed each other); `(0, 0)` for `k = 0`.
///
/// The test of `k = 0` is redundant in `sin_cos` and `sinh_cosh` (which return the
/// primal there) but not free to drop: without it LLVM scheduled the whole-jet
/// `0.3 sin(t) t^10` at K = 2 differently (three more instructions, a spill around the
/// call of `sin_cos`, 4 % slower).
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let (a, b, c) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]);
/// let pair = generic::derivative_sum_pair::<f64, EvenOdd>(|j| a[j], |j| b[j], |j| c[j], 2);
/// assert_eq!(pair, (34.0, 58.0));
/// ```
#[inline(always)]
pub fn derivative_sum_pair<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    b: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> (T, T) {
    if k == 0 {
        return (T::zero(), T::zero());
    }
    S::sum_pair(1, k, |j| {
        let w = scalar::<T>(j) * a(j);
        (w * b(k - j), w * c(k - j))
    })
}

/// `c = exp a`: c_0 = e^{a_0}, c_k = (1/k) Σ_{j=1..k} j a_j c_{k−j}.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let a = [0.5, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = generic::exp::<f64, EvenOdd>(|j| a[j], |j| c[j], k);
/// }
/// let e = 0.5f64.exp();
/// assert!((c[1] - e).abs() < 1e-15 && (c[2] - e / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn exp<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    if k == 0 {
        a(0).exp()
    } else {
        derivative_sum::<T, S>(a, c, k) * inverse(k)
    }
}

/// `(sin a, cos a)`: s_k = (1/k) Σ_{j=1..k} j a_j c_{k−j}, c_k = −(1/k) Σ_{j=1..k} j a_j s_{k−j}.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let a = [0.3, 1.0, 0.0];
/// let (mut s, mut c) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (s[k], c[k]) = generic::sin_cos::<f64, EvenOdd>(|j| a[j], |j| s[j], |j| c[j], k);
/// }
/// let (sin, cos) = 0.3f64.sin_cos();
/// assert!((s[1] - cos).abs() < 1e-15 && (s[2] + sin / 2.0).abs() < 1e-15);
/// assert!((c[1] + sin).abs() < 1e-15 && (c[2] + cos / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn sin_cos<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    s: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> (T, T) {
    if k == 0 {
        a(0).sin_cos()
    } else {
        let inv_k = inverse::<T>(k);
        let (sum_c, sum_s) = derivative_sum_pair::<T, S>(a, c, s, k);
        (sum_c * inv_k, -sum_s * inv_k)
    }
}

/// `(sinh a, cosh a)`: s_k = (1/k) Σ_{j=1..k} j a_j c_{k−j}, c_k = (1/k) Σ_{j=1..k} j a_j s_{k−j}.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let a = [0.3, 1.0, 0.0];
/// let (mut s, mut c) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (s[k], c[k]) = generic::sinh_cosh::<f64, EvenOdd>(|j| a[j], |j| s[j], |j| c[j], k);
/// }
/// assert!((s[1] - 0.3f64.cosh()).abs() < 1e-15 && (c[2] - 0.3f64.cosh() / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn sinh_cosh<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    s: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> (T, T) {
    if k == 0 {
        (a(0).sinh(), a(0).cosh())
    } else {
        let inv_k = inverse::<T>(k);
        let (sum_c, sum_s) = derivative_sum_pair::<T, S>(a, c, s, k);
        (sum_c * inv_k, sum_s * inv_k)
    }
}

/// The step of the power recurrence for `k ≥ 1`:
/// c_k = (1/(k a_0)) Σ_{j=1..k} ((r+1) j − k) a_j c_{k−j}.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// // (2 + t)^2 = 4 + 4t + t²
/// let (a, c) = ([2.0, 1.0, 0.0], [4.0, 4.0, 0.0]);
/// assert_eq!(generic::power_step::<f64, EvenOdd>(|j| a[j], |j| c[j], 1, 2.0), 4.0);
/// assert_eq!(generic::power_step::<f64, EvenOdd>(|j| a[j], |j| c[j], 2, 2.0), 1.0);
/// ```
#[inline(always)]
pub fn power_step<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
    r: T,
) -> T {
    if S::NEWEST_LAST {
        // The factor before the sum: the same value, and in this order LLVM allocated
        // the registers of the generated Kepler kernel better (5 instructions a step
        // fewer than the ODE kernels' own powf had; 8 more, 1.6 % slower, with the
        // factor written after the sum).
        let scale = inverse::<T>(k) * a(0).recip();
        return power_sum::<T, S>(a, c, k, r + T::one()) * scale;
    }
    let s = power_sum::<T, S>(a, c, k, r + T::one());
    s * inverse(k) * a(0).recip()
}

/// `c = a^r` for a plain `r`: c_0 = a_0^r, then [`power_step`]. At `a_0 = 0` with an
/// exponent `r = n`, a nonnegative `i32`, the recurrence divides by zero; the result is
/// then `at_zero(n)` (the slice rule [`powf`](crate::rules::powf) restarts the recurrence
/// at the first nonzero coefficient there).
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = generic::powf::<f64, EvenOdd>(|j| a[j], |j| c[j], k, 2.5, |_| unreachable!());
/// }
/// let r2 = 2f64.sqrt();
/// assert!((c[1] - 2.5 * 2.0 * r2).abs() < 1e-14 * c[1]);
/// assert!((c[2] - 1.875 * r2).abs() < 1e-14 * c[2]);
/// ```
#[inline(always)]
pub fn powf<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
    r: T,
    at_zero: impl FnOnce(i32) -> T,
) -> T {
    if k == 0 {
        return a(0).powf(r);
    }
    if a(0) == T::zero() && r >= T::zero() && r == r.floor() {
        if let Some(n) = r.to_i32() {
            return at_zero(n);
        }
    }
    power_step::<T, S>(a, c, k, r)
}

/// `Σ_{j=1..k−1} c_j c_{k−j}` (zero for `k < 2`): coefficient `k` of `c²` without the
/// two `c_0 c_k` terms, by pairs `(j, k − j)`, `j < k − j`, then the middle term.
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let c = [1.0, 2.0, 3.0, 4.0];
/// assert_eq!(generic::inner_square::<f64, EvenOdd>(|j| c[j], 3), 12.0);
/// assert_eq!(generic::inner_square::<f64, EvenOdd>(|j| c[j], 2), 4.0);
/// ```
#[inline(always)]
pub fn inner_square<T: Float, S: Summation<T>>(c: impl Fn(usize) -> T + Copy, k: usize) -> T {
    if k < 2 {
        return -T::zero(); // the identity of IEEE addition: `x + (−0) = x` folds away
    }
    let s = cauchy::<T, S>(c, c, k, 1, (k - 1) / 2);
    let s = s + s;
    if k % 2 == 0 {
        s + c(k / 2) * c(k / 2)
    } else {
        s
    }
}

/// `c = √a`: c_0 = √a_0, c_k = (a_k − Σ_{j=1..k−1} c_j c_{k−j}) / (2 c_0).
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let a = [1.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = generic::sqrt::<f64, EvenOdd>(|j| a[j], |j| c[j], k);
/// }
/// assert_eq!(c, [1.0, 0.5, -0.125]);
/// ```
#[inline(always)]
pub fn sqrt<T: Float, S: Summation<T>>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    if k == 0 {
        a(0).sqrt()
    } else {
        sqrt_step::<T, S>(a(k), c, k)
    }
}

/// The step of `c² = u` for `k ≥ 1`: c_k = (u_k − Σ_{j=1..k−1} c_j c_{k−j}) / (2 c_0).
///
/// ```
/// use jet_runtime::rules::generic::{self, EvenOdd};
///
/// let c = [1.0, 0.5, 0.0];
/// assert_eq!(generic::sqrt_step::<f64, EvenOdd>(0.0, |j| c[j], 2), -0.125);
/// ```
#[inline(always)]
pub fn sqrt_step<T: Float, S: Summation<T>>(uk: T, c: impl Fn(usize) -> T + Copy, k: usize) -> T {
    (uk - inner_square::<T, S>(c, k)) * (c(0) + c(0)).recip()
}

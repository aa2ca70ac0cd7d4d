//! Taylor rules, one function per primitive, in **incremental form**.
//!
//! A rule computes coefficient `k` of its result `c` from coefficients `0..=k` of its
//! inputs and coefficients `0..k` of `c` (and of its auxiliary series, e.g. `cos` for
//! `sin`). It reads nothing above those indices, so the same function serves
//!
//! - whole jets: [`unary`] / [`binary`] run it for `k = 0..N` over `[T; N]` (const bounds,
//!   the loops unroll), and
//! - the ODE mode, where coefficient `k` of the state is known only after coefficient
//!   `k - 1` of the right-hand side, and the rule is called one `k` at a time.
//!
//! Conventions: inputs are slices `a`, `b`, ... of normalized coefficients; the result's
//! lower coefficients are passed as `c` (only `c[..k]` is read); `k = 0` evaluates the
//! primal. Rules never panic on values (IEEE semantics: NaN and infinities propagate);
//! they index only below `k + 1`, so slices of length `k + 1` suffice.
//!
//! ```
//! use jet_runtime::rules;
//!
//! // exp of a(t) = t, one coefficient at a time, as the ODE mode does.
//! let a = [0.0, 1.0, 0.0, 0.0];
//! let mut c = [0.0; 4];
//! for k in 0..4 {
//!     c[k] = rules::exp(&a, &c, k);
//! }
//! assert_eq!(c, [1.0, 1.0, 0.5, 1.0 / 6.0]);
//! ```

use num_traits::Float;

mod arith;
mod exp_log;
mod hyperbolic;
mod inverse_trig;
mod piecewise;
mod power;
mod special;
mod trig;

pub use arith::*;
pub use exp_log::*;
pub use hyperbolic::*;
pub use inverse_trig::*;
pub use piecewise::*;
pub use power::*;
pub use special::*;
pub use trig::*;

/// `k` as a `T` (exact for every order a jet can have).
#[inline(always)]
pub fn scalar<T: Float>(k: usize) -> T {
    // usize -> f32/f64 never fails; NaN keeps the contract of no panics for exotic `T`.
    T::from(k).unwrap_or_else(T::nan)
}

/// `Σ_{j=lo..=hi} (w0 + j·dw) a_j b_{k-j}`: the one kernel behind every Cauchy product
/// (plain: `w0 = 1, dw = 0`; the recurrences of `c' = f'(a) a'` weigh term `j` by `j`,
/// the power recurrence by `(r+1) j − k`). Requires `hi ≤ k < b.len()`.
///
/// The loop runs over the whole of `a` with a guard, so its trip count is the slice's
/// length: a compile-time constant for whole jets (`[T; N]`) and for the ODE mode's
/// unrolled passes, which lets the compiler unroll it completely and fold the guard.
/// Two partial sums (even and odd `j`) halve the chain of dependent additions; they
/// start at `-0.0`, the identity of IEEE addition, so the compiler drops the additions
/// of an empty partial sum.
#[inline(always)]
pub fn weighted_convolution<T: Float>(
    a: &[T],
    b: &[T],
    k: usize,
    lo: usize,
    hi: usize,
    w0: T,
    dw: T,
) -> T {
    let (mut even, mut odd) = (-T::zero(), -T::zero());
    for (j, &aj) in a.iter().enumerate() {
        if lo <= j && j <= hi {
            let term = (w0 + dw * scalar(j)) * aj * b[k - j];
            if j % 2 == 0 {
                even = even + term;
            } else {
                odd = odd + term;
            }
        }
    }
    even + odd
}

/// `1/k` as a `T`: recurrences multiply by it instead of dividing by `k`.
///
/// For `k < 64` it comes from a table of correctly rounded `f64` reciprocals (a load, or a
/// constant when `k` is known at compile time); a division costs several times a
/// multiplication in the ODE mode's hot loop. `inverse(0)` is `+inf`.
#[inline(always)]
pub fn inverse<T: Float>(k: usize) -> T {
    const TABLE: [f64; 64] = {
        let mut table = [f64::INFINITY; 64];
        let mut i = 1;
        while i < 64 {
            table[i] = 1.0 / i as f64;
            i += 1;
        }
        table
    };
    match TABLE.get(k) {
        Some(&r) => T::from(r).unwrap_or_else(T::nan),
        None => scalar::<T>(k).recip(),
    }
}

/// Cauchy product term `Σ_{j=lo..=hi} a_j b_{k-j}` (zero when `lo > hi`).
#[inline(always)]
pub fn convolution<T: Float>(a: &[T], b: &[T], k: usize, lo: usize, hi: usize) -> T {
    // The loop of `weighted_convolution` without the weight.
    let (mut even, mut odd) = (-T::zero(), -T::zero());
    for (j, &aj) in a.iter().enumerate() {
        if lo <= j && j <= hi {
            if j % 2 == 0 {
                even = even + aj * b[k - j];
            } else {
                odd = odd + aj * b[k - j];
            }
        }
    }
    even + odd
}

/// Weighted Cauchy sum `Σ_{j=1..=k} j a_j b_{k-j}`: the coefficient `k` of `t·a'(t)·b(t)`,
/// the kernel of every rule derived from `c' = f'(a) a'` (exp, ln, sin, ...).
#[inline(always)]
pub fn derivative_convolution<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    weighted_convolution(a, b, k, 1, k, T::zero(), T::one())
}

/// Two weighted Cauchy sums sharing their left factor:
/// `(Σ_{j=1..k} j a_j b_{k-j}, Σ_{j=1..k} j a_j c_{k-j})`, in one pass over `a` (the
/// kernel of `sin_cos` and `sinh_cosh`, whose two series feed each other).
#[inline(always)]
pub fn derivative_convolution_pair<T: Float>(a: &[T], b: &[T], c: &[T], k: usize) -> (T, T) {
    if k == 0 {
        return (T::zero(), T::zero());
    }
    // The guarded full-length loop of `weighted_convolution`, with the weight and `a_j`
    // shared by both sums.
    let (mut b_even, mut b_odd, mut c_even, mut c_odd) =
        (-T::zero(), -T::zero(), -T::zero(), -T::zero());
    for (j, &aj) in a.iter().enumerate() {
        if 1 <= j && j <= k {
            let t = scalar::<T>(j) * aj;
            if j % 2 == 0 {
                b_even = b_even + t * b[k - j];
                c_even = c_even + t * c[k - j];
            } else {
                b_odd = b_odd + t * b[k - j];
                c_odd = c_odd + t * c[k - j];
            }
        }
    }
    (b_even + b_odd, c_even + c_odd)
}

/// The step of every rule of the form `c' = a' / d`, i.e. `d·c' = a'` (ln, atan, asin,
/// ...): for `k ≥ 1`,
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0.
///
/// Reads `a[k]`, `c[1..k]`, `d[..k]`.
#[inline(always)]
pub fn quotient_step<T: Float>(a: &[T], d: &[T], c: &[T], k: usize) -> T {
    let s = weighted_convolution(c, d, k, 1, k - 1, T::zero(), T::one());
    (a[k] - s * inverse(k)) * d[0].recip()
}

/// The step of the square-root recurrence `c² = u`: for `k ≥ 1`,
/// c_k = (u_k − Σ_{j=1..k-1} c_j c_{k-j}) / (2 c_0).
///
/// Takes `u_k` as a value (callers often build `u` on the fly) and reads `c[..k]`.
#[inline(always)]
pub fn sqrt_step<T: Float>(uk: T, c: &[T], k: usize) -> T {
    (uk - inner_square(c, k)) * (c[0] + c[0]).recip()
}

/// `Σ_{j=1..k-1} c_j c_{k-j}`: coefficient `k` of `c²` without the two `c_0 c_k` terms,
/// with half the products (symmetry).
#[inline(always)]
pub fn inner_square<T: Float>(c: &[T], k: usize) -> T {
    if k < 2 {
        return T::zero();
    }
    // Pairs (j, k - j) for j = 1..=m with j < k - j, then the middle term for even k.
    let s = convolution(c, c, k, 1, (k - 1) / 2);
    let s = s + s;
    if k % 2 == 0 {
        s + c[k / 2] * c[k / 2]
    } else {
        s
    }
}

/// Runs a unary incremental rule `c_k = rule(a, c, k)` for `k = 0..N`.
#[inline(always)]
pub fn unary<T: Float, const N: usize>(
    a: &[T; N],
    rule: impl Fn(&[T], &[T], usize) -> T,
) -> [T; N] {
    let mut c = [T::zero(); N];
    for k in 0..N {
        c[k] = rule(a, &c, k);
    }
    c
}

/// Runs a binary incremental rule `c_k = rule(a, b, c, k)` for `k = 0..N`.
#[inline(always)]
pub fn binary<T: Float, const N: usize>(
    a: &[T; N],
    b: &[T; N],
    rule: impl Fn(&[T], &[T], &[T], usize) -> T,
) -> [T; N] {
    let mut c = [T::zero(); N];
    for k in 0..N {
        c[k] = rule(a, b, &c, k);
    }
    c
}

/// Runs a rule that produces two series at once (`sin_cos`, `sinh_cosh`, `tan` with its
/// auxiliary, ...): `(c_k, d_k) = rule(a, c, d, k)` for `k = 0..N`.
#[inline(always)]
pub fn unary_pair<T: Float, const N: usize>(
    a: &[T; N],
    rule: impl Fn(&[T], &[T], &[T], usize) -> (T, T),
) -> ([T; N], [T; N]) {
    let mut c = [T::zero(); N];
    let mut d = [T::zero(); N];
    for k in 0..N {
        let (ck, dk) = rule(a, &c, &d, k);
        c[k] = ck;
        d[k] = dk;
    }
    (c, d)
}

/// Runs a three-input incremental rule `d_k = rule(a, b, c, d, k)` for `k = 0..N`.
#[inline(always)]
pub fn ternary<T: Float, const N: usize>(
    a: &[T; N],
    b: &[T; N],
    c: &[T; N],
    rule: impl Fn(&[T], &[T], &[T], &[T], usize) -> T,
) -> [T; N] {
    let mut d = [T::zero(); N];
    for k in 0..N {
        d[k] = rule(a, b, c, &d, k);
    }
    d
}

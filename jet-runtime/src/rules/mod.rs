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

use generic::{at, EvenOdd};
use num_traits::Float;

mod arith;
mod exp_log;
pub mod generic;
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
///
/// ```
/// use jet_runtime::rules;
///
/// let seven: f64 = rules::scalar(7);
/// assert_eq!(seven, 7.0);
/// ```
#[inline(always)]
pub fn scalar<T: Float>(k: usize) -> T {
    // usize -> f32/f64 never fails; NaN keeps the contract of no panics for exotic `T`.
    T::from(k).unwrap_or_else(T::nan)
}

/// `Σ_{j=lo..=hi} term(j)` as two partial sums over even and odd `j` (each in increasing
/// `j`), starting at `-0.0`, the identity of IEEE addition, so the compiler drops the
/// additions of an empty partial sum. The loop runs over exactly `lo..=hi`, two terms per
/// iteration: with a constant `k` (whole jets, whose drivers write their passes out, and
/// the ODE mode's unrolled passes) it unrolls completely, and otherwise it does no
/// wasted work.
///
/// A sum of exactly three terms is one chain in increasing `j`: two partial sums shorten
/// no chain there, and their vectorized form (one register, a shuffle and an addition to
/// combine the halves) lengthened the low orders' critical path (the `0.3 sin(t) t^10`
/// companion at K = 3, 4: 1.3–1.4× → 1.0× the hand-written recurrence). Two terms keep
/// the even/odd form: the same addition with the operands swapped moved LLVM's
/// vectorization of the multi-directional drivers (+14 % instructions in the MLP
/// Laplacian).
#[inline(always)]
pub fn even_odd_sum<T: Float>(lo: usize, hi: usize, term: impl Fn(usize) -> T) -> T {
    let (mut even, mut odd) = (-T::zero(), -T::zero());
    if lo > hi {
        return even + odd;
    }
    if hi - lo == 2 {
        // As a loop: written out as `term(lo) + term(lo + 1) + term(lo + 2)`, the same
        // sum measured 1.2–1.6× slower in the scalar companions (LLVM's inlining and
        // vectorization decisions, not the arithmetic).
        let mut sum = -T::zero();
        for j in lo..=hi {
            sum = sum + term(j);
        }
        return sum;
    }
    let mut j = lo;
    if j % 2 == 1 {
        odd = odd + term(j);
        j += 1;
    }
    while j < hi {
        even = even + term(j);
        odd = odd + term(j + 1);
        j += 2;
    }
    if j == hi {
        even = even + term(j);
    }
    even + odd
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
///
/// ```
/// use jet_runtime::rules;
///
/// // Σ_{j=0..2} (1 + j) a_j b_{2-j} = 1·1·6 + 2·2·5 + 3·3·4 = 62
/// let (a, b) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
/// assert_eq!(rules::weighted_convolution(&a, &b, 2, 0, 2, 1.0, 1.0), 62.0);
/// ```
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
    even_odd_sum(lo, hi, |j| (w0 + dw * scalar(j)) * a[j] * b[k - j])
}

/// `1/k` as a `T`: recurrences multiply by it instead of dividing by `k`.
///
/// For `k < 64` it comes from a table of correctly rounded `f64` reciprocals (a load, or a
/// constant when `k` is known at compile time); a division costs several times a
/// multiplication in the ODE mode's hot loop. `inverse(0)` is `+inf`.
///
/// ```
/// use jet_runtime::rules;
///
/// assert_eq!(rules::inverse::<f64>(4), 0.25);
/// assert_eq!(rules::inverse::<f64>(100), 0.01);
/// assert_eq!(rules::inverse::<f64>(0), f64::INFINITY);
/// ```
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
///
/// ```
/// use jet_runtime::rules;
///
/// let (a, b) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
/// // 1·6 + 2·5 + 3·4 = 28: coefficient 2 of (1 + 2t + 3t²)(4 + 5t + 6t²)
/// assert_eq!(rules::convolution(&a, &b, 2, 0, 2), 28.0);
/// assert_eq!(rules::convolution(&a, &b, 2, 1, 1), 10.0);
/// assert_eq!(rules::convolution(&a, &b, 2, 2, 1), 0.0);
/// ```
#[inline(always)]
pub fn convolution<T: Float>(a: &[T], b: &[T], k: usize, lo: usize, hi: usize) -> T {
    even_odd_sum(lo, hi, |j| a[j] * b[k - j])
}

/// Weighted Cauchy sum `Σ_{j=1..=k} j a_j b_{k-j}`: the coefficient `k` of `t·a'(t)·b(t)`,
/// the kernel of every rule derived from `c' = f'(a) a'` (exp, ln, sin, ...).
///
/// ```
/// use jet_runtime::rules;
///
/// // 1·a_1·b_1 + 2·a_2·b_0 = 1·2·5 + 2·3·4 = 34
/// let (a, b) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
/// assert_eq!(rules::derivative_convolution(&a, &b, 2), 34.0);
/// ```
#[inline(always)]
pub fn derivative_convolution<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    generic::derivative_sum::<T, EvenOdd>(at(a), at(b), k)
}

/// Two weighted Cauchy sums sharing their left factor:
/// `(Σ_{j=1..k} j a_j b_{k-j}, Σ_{j=1..k} j a_j c_{k-j})`, in one pass over `a` (the
/// kernel of `sin_cos` and `sinh_cosh`, whose two series feed each other).
///
/// ```
/// use jet_runtime::rules;
///
/// let (a, b, c) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]);
/// // (1·2·5 + 2·3·4, 1·2·8 + 2·3·7)
/// assert_eq!(rules::derivative_convolution_pair(&a, &b, &c, 2), (34.0, 58.0));
/// ```
#[inline(always)]
pub fn derivative_convolution_pair<T: Float>(a: &[T], b: &[T], c: &[T], k: usize) -> (T, T) {
    generic::derivative_sum_pair::<T, EvenOdd>(at(a), at(b), at(c), k)
}

/// The step of every rule of the form `c' = a' / d`, i.e. `d·c' = a'` (ln, atan, asin,
/// ...): for `k ≥ 1`,
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0.
///
/// Reads `a[k]`, `c[1..k]`, `d[..k]`.
///
/// ```
/// use jet_runtime::rules;
///
/// // c = ln a solves a·c' = a' (d = a); along a(t) = 2 + t: c_1 = 1/2, c_2 = −1/8.
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [2f64.ln(), 0.0, 0.0];
/// for k in 1..3 {
///     c[k] = rules::quotient_step(&a, &a, &c, k);
/// }
/// assert_eq!((c[1], c[2]), (0.5, -0.125));
/// ```
#[inline(always)]
pub fn quotient_step<T: Float>(a: &[T], d: &[T], c: &[T], k: usize) -> T {
    let s = weighted_convolution(c, d, k, 1, k - 1, T::zero(), T::one());
    (a[k] - s * inverse(k)) * d[0].recip()
}

/// The step of the square-root recurrence `c² = u`: for `k ≥ 1`,
/// c_k = (u_k − Σ_{j=1..k-1} c_j c_{k-j}) / (2 c_0).
///
/// Takes `u_k` as a value (callers often build `u` on the fly) and reads `c[..k]`.
///
/// ```
/// use jet_runtime::rules;
///
/// // √(1 + t) = 1 + t/2 − t²/8 + ...
/// let u = [1.0, 1.0, 0.0];
/// let mut c = [1.0, 0.0, 0.0];
/// for k in 1..3 {
///     c[k] = rules::sqrt_step(u[k], &c, k);
/// }
/// assert_eq!(c, [1.0, 0.5, -0.125]);
/// ```
#[inline(always)]
pub fn sqrt_step<T: Float>(uk: T, c: &[T], k: usize) -> T {
    generic::sqrt_step::<T, EvenOdd>(uk, at(c), k)
}

/// `Σ_{j=1..k-1} c_j c_{k-j}`: coefficient `k` of `c²` without the two `c_0 c_k` terms,
/// with half the products (symmetry).
///
/// ```
/// use jet_runtime::rules;
///
/// let c = [1.0, 2.0, 3.0, 4.0];
/// assert_eq!(rules::inner_square(&c, 3), 12.0); // c_1 c_2 + c_2 c_1
/// assert_eq!(rules::inner_square(&c, 2), 4.0); // c_1²
/// assert_eq!(rules::inner_square(&c, 1), 0.0);
/// ```
#[inline(always)]
pub fn inner_square<T: Float>(c: &[T], k: usize) -> T {
    generic::inner_square::<T, EvenOdd>(at(c), k)
}

/// Calls `body(k)` for `k = 0..N`. For `N ≤ 16` the calls are written out with a literal
/// `k`, so every rule's inner loop gets a constant length and unrolls (a compiler does
/// not reliably unroll the loop over `k` itself once its body holds loops); above, a loop.
#[inline(always)]
fn each_order<const N: usize>(mut body: impl FnMut(usize)) {
    macro_rules! written_out {
        ($($k:literal)*) => { $( if $k < N { body($k); } )* };
    }
    if N <= 16 {
        written_out!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15);
    } else {
        for k in 0..N {
            body(k);
        }
    }
}

/// Runs a unary incremental rule `c_k = rule(a, c, k)` for `k = 0..N`.
///
/// ```
/// use jet_runtime::rules;
///
/// // exp(0.5 + t) = e^0.5 (1 + t + t²/2 + ...)
/// let c = rules::unary(&[0.5, 1.0, 0.0], rules::exp);
/// let e = 0.5f64.exp();
/// assert!((c[1] - e).abs() < 1e-15 && (c[2] - e / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn unary<T: Float, const N: usize>(
    a: &[T; N],
    rule: impl Fn(&[T], &[T], usize) -> T,
) -> [T; N] {
    let mut c = [T::zero(); N];
    each_order::<N>(
        #[inline(always)]
        |k| c[k] = rule(a, &c, k),
    );
    c
}

/// Runs a binary incremental rule `c_k = rule(a, b, c, k)` for `k = 0..N`.
///
/// ```
/// use jet_runtime::rules;
///
/// // (2 + t) / (1 − t) = 2 + 3t + 3t² + ...
/// let c = rules::binary(&[2.0, 1.0, 0.0], &[1.0, -1.0, 0.0], rules::div);
/// assert_eq!(c, [2.0, 3.0, 3.0]);
/// ```
#[inline(always)]
pub fn binary<T: Float, const N: usize>(
    a: &[T; N],
    b: &[T; N],
    rule: impl Fn(&[T], &[T], &[T], usize) -> T,
) -> [T; N] {
    let mut c = [T::zero(); N];
    each_order::<N>(
        #[inline(always)]
        |k| c[k] = rule(a, b, &c, k),
    );
    c
}

/// Runs a rule that produces two series at once (`sin_cos`, `sinh_cosh`, `tan` with its
/// auxiliary, ...): `(c_k, d_k) = rule(a, c, d, k)` for `k = 0..N`.
///
/// ```
/// use jet_runtime::rules;
///
/// // sin and cos of 0.3 + t: coefficient k is the k-th derivative over k!.
/// let (s, c) = rules::unary_pair(&[0.3, 1.0, 0.0], rules::sin_cos);
/// let (sin, cos) = (0.3f64.sin(), 0.3f64.cos());
/// assert!((s[1] - cos).abs() < 1e-15 && (s[2] + sin / 2.0).abs() < 1e-15);
/// assert!((c[1] + sin).abs() < 1e-15 && (c[2] + cos / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn unary_pair<T: Float, const N: usize>(
    a: &[T; N],
    rule: impl Fn(&[T], &[T], &[T], usize) -> (T, T),
) -> ([T; N], [T; N]) {
    let mut c = [T::zero(); N];
    let mut d = [T::zero(); N];
    each_order::<N>(
        #[inline(always)]
        |k| {
            let (ck, dk) = rule(a, &c, &d, k);
            c[k] = ck;
            d[k] = dk;
        },
    );
    (c, d)
}

/// Runs a three-input incremental rule `d_k = rule(a, b, c, d, k)` for `k = 0..N`.
///
/// ```
/// use jet_runtime::rules;
///
/// // (1 + t)(2 + t) + (3 + t²) = 5 + 3t + 2t²
/// let (a, b, c) = ([1.0, 1.0, 0.0], [2.0, 1.0, 0.0], [3.0, 0.0, 1.0]);
/// assert_eq!(rules::ternary(&a, &b, &c, rules::mul_add), [5.0, 3.0, 2.0]);
/// ```
#[inline(always)]
pub fn ternary<T: Float, const N: usize>(
    a: &[T; N],
    b: &[T; N],
    c: &[T; N],
    rule: impl Fn(&[T], &[T], &[T], &[T], usize) -> T,
) -> [T; N] {
    let mut d = [T::zero(); N];
    each_order::<N>(
        #[inline(always)]
        |k| d[k] = rule(a, b, c, &d, k),
    );
    d
}

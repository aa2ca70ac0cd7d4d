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

/// `Σ_i x_i y_{n-1-i}` for slices of equal length `n`: the inner product of `x` with `y`
/// reversed, the kernel of every Cauchy product.
///
/// Four partial sums break the dependency chain of the additions (and round like a
/// shallow pairwise sum); iterating over slices leaves no bounds checks in the loop.
#[inline(always)]
pub fn dot_reversed<T: Float>(x: &[T], y: &[T]) -> T {
    let mut acc = [T::zero(); 4];
    let mut xs = x.chunks_exact(4);
    let mut ys = y.rchunks_exact(4);
    for (cx, cy) in (&mut xs).zip(&mut ys) {
        acc[0] = acc[0] + cx[0] * cy[3];
        acc[1] = acc[1] + cx[1] * cy[2];
        acc[2] = acc[2] + cx[2] * cy[1];
        acc[3] = acc[3] + cx[3] * cy[0];
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (&a, &b) in xs.remainder().iter().zip(ys.remainder().iter().rev()) {
        s = s + a * b;
    }
    s
}

/// `Σ_i (w0 + i·dw) x_i y_{n-1-i}`: [`dot_reversed`] with affine weights (the recurrences
/// of `c' = f'(a) a'` weigh term `j` by `j`, the power recurrence by `(r+1) j − k`).
#[inline(always)]
pub fn weighted_dot_reversed<T: Float>(x: &[T], y: &[T], w0: T, dw: T) -> T {
    let mut acc = [T::zero(); 4];
    let dw4 = dw + dw + dw + dw;
    let mut w = [w0, w0 + dw, w0 + dw + dw, w0 + dw + dw + dw];
    let mut xs = x.chunks_exact(4);
    let mut ys = y.rchunks_exact(4);
    for (cx, cy) in (&mut xs).zip(&mut ys) {
        acc[0] = acc[0] + w[0] * cx[0] * cy[3];
        acc[1] = acc[1] + w[1] * cx[1] * cy[2];
        acc[2] = acc[2] + w[2] * cx[2] * cy[1];
        acc[3] = acc[3] + w[3] * cx[3] * cy[0];
        for wl in &mut w {
            *wl = *wl + dw4;
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    let mut wl = w[0];
    for (&a, &b) in xs.remainder().iter().zip(ys.remainder().iter().rev()) {
        s = s + wl * a * b;
        wl = wl + dw;
    }
    s
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
    if lo > hi {
        return T::zero();
    }
    dot_reversed(&a[lo..=hi], &b[k - hi..=k - lo])
}

/// Weighted Cauchy sum `Σ_{j=1..=k} j a_j b_{k-j}`: the coefficient `k` of `t·a'(t)·b(t)`,
/// the kernel of every rule derived from `c' = f'(a) a'` (exp, ln, sin, ...).
#[inline(always)]
pub fn derivative_convolution<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    if k == 0 {
        return T::zero();
    }
    weighted_dot_reversed(&a[1..=k], &b[..k], T::one(), T::one())
}

/// Two weighted Cauchy sums sharing their left factor:
/// `(Σ_{j=1..k} j a_j b_{k-j}, Σ_{j=1..k} j a_j c_{k-j})`, in one pass over `a` (the
/// kernel of `sin_cos` and `sinh_cosh`, whose two series feed each other).
#[inline(always)]
pub fn derivative_convolution_pair<T: Float>(a: &[T], b: &[T], c: &[T], k: usize) -> (T, T) {
    if k == 0 {
        return (T::zero(), T::zero());
    }
    let (a, b, c) = (&a[1..=k], &b[..k], &c[..k]);
    // Two partial sums per result: four independent chains of additions.
    let (mut sb, mut sc) = ([T::zero(); 2], [T::zero(); 2]);
    let two = T::one() + T::one();
    let mut w = T::one();
    let mut xs = a.chunks_exact(2);
    let mut bs = b.rchunks_exact(2);
    let mut cs = c.rchunks_exact(2);
    for ((x, y), z) in (&mut xs).zip(&mut bs).zip(&mut cs) {
        let t0 = w * x[0];
        let t1 = (w + T::one()) * x[1];
        sb[0] = sb[0] + t0 * y[1];
        sb[1] = sb[1] + t1 * y[0];
        sc[0] = sc[0] + t0 * z[1];
        sc[1] = sc[1] + t1 * z[0];
        w = w + two;
    }
    let (mut sb, mut sc) = (sb[0] + sb[1], sc[0] + sc[1]);
    if let (Some(&x), Some(&y), Some(&z)) = (
        xs.remainder().first(),
        bs.remainder().first(),
        cs.remainder().first(),
    ) {
        let t = w * x;
        sb = sb + t * y;
        sc = sc + t * z;
    }
    (sb, sc)
}

/// The step of every rule of the form `c' = a' / d`, i.e. `d·c' = a'` (ln, atan, asin,
/// ...): for `k ≥ 1`,
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j d_{k-j}) / d_0.
///
/// Reads `a[k]`, `c[1..k]`, `d[..k]`.
#[inline(always)]
pub fn quotient_step<T: Float>(a: &[T], d: &[T], c: &[T], k: usize) -> T {
    let s = if k < 2 {
        T::zero()
    } else {
        weighted_dot_reversed(&c[1..k], &d[1..k], T::one(), T::one())
    };
    (a[k] - s * inverse(k)) / d[0]
}

/// The step of the square-root recurrence `c² = u`: for `k ≥ 1`,
/// c_k = (u_k − Σ_{j=1..k-1} c_j c_{k-j}) / (2 c_0).
///
/// Takes `u_k` as a value (callers often build `u` on the fly) and reads `c[..k]`.
#[inline(always)]
pub fn sqrt_step<T: Float>(uk: T, c: &[T], k: usize) -> T {
    (uk - inner_square(c, k)) / (c[0] + c[0])
}

/// `Σ_{j=1..k-1} c_j c_{k-j}`: coefficient `k` of `c²` without the two `c_0 c_k` terms,
/// with half the products (symmetry).
#[inline(always)]
pub fn inner_square<T: Float>(c: &[T], k: usize) -> T {
    if k < 2 {
        return T::zero();
    }
    // Pairs (j, k - j) for j = 1..=m with j < k - j, then the middle term for even k.
    let m = (k - 1) / 2;
    let s = dot_reversed(&c[1..=m], &c[k - m..k]);
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

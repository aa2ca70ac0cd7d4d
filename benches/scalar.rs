//! Scalar benchmark: the `#[jet]` companion of `f(t) = 0.3 sin(t) t^10` against the same
//! Taylor recurrence written out by hand, and against nested dual numbers (num-dual).
//!
//! - `scalar/K=<K>/jet`: `f_<K>_jet(Jet::variable(1.1))`, the macro's companion;
//! - `scalar/K=<K>/handwritten`: `handwritten_<K>`, below: the sin/cos recurrence, the
//!   power recurrence for `t^10` (weights `(11 j - k)/k` folded into constants, one
//!   division `1/a0`), and one Cauchy product, every coefficient formula written out.
//!   Like the companion, it takes a general input jet (it cannot assume `t(t) = 1.1 + t`);
//! - `scalar/K=<K>/num-dual` (K ≤ 3): `Dual64`, `Dual2_64`, `Dual3_64` evaluating the
//!   same function (value and derivatives up to K by the chain rule).
//!
//! Every variant is `#[inline(never)]` and timed as one call per iteration: LLVM
//! otherwise inlined the small hand-written and num-dual functions into the timing loop
//! at K ≤ 4 but not the companion (larger: it carries `powi`'s rare zero-value path), so
//! the ratio measured the inliner's size threshold, not the arithmetic. The companion's
//! `#[inline(never)]` is the original's, passed through by `#[jet]`.
//!
//! `main` checks that all three agree before timing. Run with `cargo bench --bench
//! scalar` (criterion), or with `JET_BENCH_INTERLEAVED=1` for a table of ratios measured
//! in alternating rounds; the ratios are in `benches/README.md`.

use criterion::black_box;
use jet::{jet, Jet};
use num_dual::{Dual2_64, Dual3_64, Dual64, DualNum};

#[jet(order = 1)]
#[inline(never)]
fn f_1(t: f64) -> f64 {
    0.3 * t.sin() * t.powi(10)
}

#[jet(order = 2)]
#[inline(never)]
fn f_2(t: f64) -> f64 {
    0.3 * t.sin() * t.powi(10)
}

#[jet(order = 3)]
#[inline(never)]
fn f_3(t: f64) -> f64 {
    0.3 * t.sin() * t.powi(10)
}

#[jet(order = 4)]
#[inline(never)]
fn f_4(t: f64) -> f64 {
    0.3 * t.sin() * t.powi(10)
}

#[jet(order = 6)]
#[inline(never)]
fn f_6(t: f64) -> f64 {
    0.3 * t.sin() * t.powi(10)
}

#[jet(order = 8)]
#[inline(never)]
fn f_8(t: f64) -> f64 {
    0.3 * t.sin() * t.powi(10)
}

#[jet(order = 10)]
#[inline(never)]
fn f_10(t: f64) -> f64 {
    0.3 * t.sin() * t.powi(10)
}

/// The same function over any dual number (the constant on the right: num-dual has no
/// `f64 * Dual`).
#[inline]
fn f_dual<D: DualNum<f64> + Copy>(t: D) -> D {
    t.sin() * 0.3 * t.powi(10)
}

/// `f_dual` on `Dual64`, `Dual2_64`, `Dual3_64`: the timed num-dual variants, one
/// non-generic `#[inline(never)]` function each like the other variants.
#[inline(never)]
fn f_dual1(t: Dual64) -> Dual64 {
    f_dual(t)
}
#[inline(never)]
fn f_dual2(t: Dual2_64) -> Dual2_64 {
    f_dual(t)
}
#[inline(never)]
fn f_dual3(t: Dual3_64) -> Dual3_64 {
    f_dual(t)
}

/// `0.3 sin(a) a^10` on an input jet `a`, K = 2, written out: sin/cos recurrence,
/// the power recurrence for `a^10`, one Cauchy product.
#[inline(never)]
fn handwritten_2(a: [f64; 3]) -> [f64; 3] {
    let [a0, a1, a2] = a;
    let d2 = 2.0 * a2;
    // sin and cos (cos up to K - 1)
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) * 0.5;
    // p = a^10: p_k = (1/(k a0)) Σ_{j=1..k} (11 j - k) a_j p_{k-j}
    let r = 1.0 / a0;
    let p0 = a0.powi(10);
    let p1 = (10.0 * a1 * p0) * r;
    let p2 = ((9.0 / 2.0) * a1 * p1 + 10.0 * a2 * p0) * r;
    // 0.3 s p
    let f0 = 0.3 * (s0 * p0);
    let f1 = 0.3 * (s0 * p1 + s1 * p0);
    let f2 = 0.3 * (s0 * p2 + s1 * p1 + s2 * p0);
    [f0, f1, f2]
}

/// `0.3 sin(a) a^10` on an input jet `a`, K = 3, written out: sin/cos recurrence,
/// the power recurrence for `a^10`, one Cauchy product.
#[inline(never)]
fn handwritten_3(a: [f64; 4]) -> [f64; 4] {
    let [a0, a1, a2, a3] = a;
    let d2 = 2.0 * a2;
    let d3 = 3.0 * a3;
    // sin and cos (cos up to K - 1)
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) * 0.5;
    let c2 = -(a1 * s1 + d2 * s0) * 0.5;
    let s3 = (a1 * c2 + d2 * c1 + d3 * c0) * (1.0 / 3.0);
    // p = a^10: p_k = (1/(k a0)) Σ_{j=1..k} (11 j - k) a_j p_{k-j}
    let r = 1.0 / a0;
    let p0 = a0.powi(10);
    let p1 = (10.0 * a1 * p0) * r;
    let p2 = ((9.0 / 2.0) * a1 * p1 + 10.0 * a2 * p0) * r;
    let p3 = ((8.0 / 3.0) * a1 * p2 + (19.0 / 3.0) * a2 * p1 + 10.0 * a3 * p0) * r;
    // 0.3 s p
    let f0 = 0.3 * (s0 * p0);
    let f1 = 0.3 * (s0 * p1 + s1 * p0);
    let f2 = 0.3 * (s0 * p2 + s1 * p1 + s2 * p0);
    let f3 = 0.3 * (s0 * p3 + s1 * p2 + s2 * p1 + s3 * p0);
    [f0, f1, f2, f3]
}

/// `0.3 sin(a) a^10` on an input jet `a`, K = 4, written out: sin/cos recurrence,
/// the power recurrence for `a^10`, one Cauchy product.
#[inline(never)]
fn handwritten_4(a: [f64; 5]) -> [f64; 5] {
    let [a0, a1, a2, a3, a4] = a;
    let d2 = 2.0 * a2;
    let d3 = 3.0 * a3;
    let d4 = 4.0 * a4;
    // sin and cos (cos up to K - 1)
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) * 0.5;
    let c2 = -(a1 * s1 + d2 * s0) * 0.5;
    let s3 = (a1 * c2 + d2 * c1 + d3 * c0) * (1.0 / 3.0);
    let c3 = -(a1 * s2 + d2 * s1 + d3 * s0) * (1.0 / 3.0);
    let s4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) * 0.25;
    // p = a^10: p_k = (1/(k a0)) Σ_{j=1..k} (11 j - k) a_j p_{k-j}
    let r = 1.0 / a0;
    let p0 = a0.powi(10);
    let p1 = (10.0 * a1 * p0) * r;
    let p2 = ((9.0 / 2.0) * a1 * p1 + 10.0 * a2 * p0) * r;
    let p3 = ((8.0 / 3.0) * a1 * p2 + (19.0 / 3.0) * a2 * p1 + 10.0 * a3 * p0) * r;
    let p4 =
        ((7.0 / 4.0) * a1 * p3 + (18.0 / 4.0) * a2 * p2 + (29.0 / 4.0) * a3 * p1 + 10.0 * a4 * p0)
            * r;
    // 0.3 s p
    let f0 = 0.3 * (s0 * p0);
    let f1 = 0.3 * (s0 * p1 + s1 * p0);
    let f2 = 0.3 * (s0 * p2 + s1 * p1 + s2 * p0);
    let f3 = 0.3 * (s0 * p3 + s1 * p2 + s2 * p1 + s3 * p0);
    let f4 = 0.3 * (s0 * p4 + s1 * p3 + s2 * p2 + s3 * p1 + s4 * p0);
    [f0, f1, f2, f3, f4]
}

/// `0.3 sin(a) a^10` on an input jet `a`, K = 6, written out: sin/cos recurrence,
/// the power recurrence for `a^10`, one Cauchy product.
#[inline(never)]
fn handwritten_6(a: [f64; 7]) -> [f64; 7] {
    let [a0, a1, a2, a3, a4, a5, a6] = a;
    let d2 = 2.0 * a2;
    let d3 = 3.0 * a3;
    let d4 = 4.0 * a4;
    let d5 = 5.0 * a5;
    let d6 = 6.0 * a6;
    // sin and cos (cos up to K - 1)
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) * 0.5;
    let c2 = -(a1 * s1 + d2 * s0) * 0.5;
    let s3 = (a1 * c2 + d2 * c1 + d3 * c0) * (1.0 / 3.0);
    let c3 = -(a1 * s2 + d2 * s1 + d3 * s0) * (1.0 / 3.0);
    let s4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) * 0.25;
    let c4 = -(a1 * s3 + d2 * s2 + d3 * s1 + d4 * s0) * 0.25;
    let s5 = (a1 * c4 + d2 * c3 + d3 * c2 + d4 * c1 + d5 * c0) * (1.0 / 5.0);
    let c5 = -(a1 * s4 + d2 * s3 + d3 * s2 + d4 * s1 + d5 * s0) * (1.0 / 5.0);
    let s6 = (a1 * c5 + d2 * c4 + d3 * c3 + d4 * c2 + d5 * c1 + d6 * c0) * (1.0 / 6.0);
    // p = a^10: p_k = (1/(k a0)) Σ_{j=1..k} (11 j - k) a_j p_{k-j}
    let r = 1.0 / a0;
    let p0 = a0.powi(10);
    let p1 = (10.0 * a1 * p0) * r;
    let p2 = ((9.0 / 2.0) * a1 * p1 + 10.0 * a2 * p0) * r;
    let p3 = ((8.0 / 3.0) * a1 * p2 + (19.0 / 3.0) * a2 * p1 + 10.0 * a3 * p0) * r;
    let p4 =
        ((7.0 / 4.0) * a1 * p3 + (18.0 / 4.0) * a2 * p2 + (29.0 / 4.0) * a3 * p1 + 10.0 * a4 * p0)
            * r;
    let p5 = ((6.0 / 5.0) * a1 * p4
        + (17.0 / 5.0) * a2 * p3
        + (28.0 / 5.0) * a3 * p2
        + (39.0 / 5.0) * a4 * p1
        + 10.0 * a5 * p0)
        * r;
    let p6 = ((5.0 / 6.0) * a1 * p5
        + (16.0 / 6.0) * a2 * p4
        + (27.0 / 6.0) * a3 * p3
        + (38.0 / 6.0) * a4 * p2
        + (49.0 / 6.0) * a5 * p1
        + 10.0 * a6 * p0)
        * r;
    // 0.3 s p
    let f0 = 0.3 * (s0 * p0);
    let f1 = 0.3 * (s0 * p1 + s1 * p0);
    let f2 = 0.3 * (s0 * p2 + s1 * p1 + s2 * p0);
    let f3 = 0.3 * (s0 * p3 + s1 * p2 + s2 * p1 + s3 * p0);
    let f4 = 0.3 * (s0 * p4 + s1 * p3 + s2 * p2 + s3 * p1 + s4 * p0);
    let f5 = 0.3 * (s0 * p5 + s1 * p4 + s2 * p3 + s3 * p2 + s4 * p1 + s5 * p0);
    let f6 = 0.3 * (s0 * p6 + s1 * p5 + s2 * p4 + s3 * p3 + s4 * p2 + s5 * p1 + s6 * p0);
    [f0, f1, f2, f3, f4, f5, f6]
}

/// `0.3 sin(a) a^10` on an input jet `a`, K = 8, written out: sin/cos recurrence,
/// the power recurrence for `a^10`, one Cauchy product.
#[inline(never)]
fn handwritten_8(a: [f64; 9]) -> [f64; 9] {
    let [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a;
    let d2 = 2.0 * a2;
    let d3 = 3.0 * a3;
    let d4 = 4.0 * a4;
    let d5 = 5.0 * a5;
    let d6 = 6.0 * a6;
    let d7 = 7.0 * a7;
    let d8 = 8.0 * a8;
    // sin and cos (cos up to K - 1)
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) * 0.5;
    let c2 = -(a1 * s1 + d2 * s0) * 0.5;
    let s3 = (a1 * c2 + d2 * c1 + d3 * c0) * (1.0 / 3.0);
    let c3 = -(a1 * s2 + d2 * s1 + d3 * s0) * (1.0 / 3.0);
    let s4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) * 0.25;
    let c4 = -(a1 * s3 + d2 * s2 + d3 * s1 + d4 * s0) * 0.25;
    let s5 = (a1 * c4 + d2 * c3 + d3 * c2 + d4 * c1 + d5 * c0) * (1.0 / 5.0);
    let c5 = -(a1 * s4 + d2 * s3 + d3 * s2 + d4 * s1 + d5 * s0) * (1.0 / 5.0);
    let s6 = (a1 * c5 + d2 * c4 + d3 * c3 + d4 * c2 + d5 * c1 + d6 * c0) * (1.0 / 6.0);
    let c6 = -(a1 * s5 + d2 * s4 + d3 * s3 + d4 * s2 + d5 * s1 + d6 * s0) * (1.0 / 6.0);
    let s7 = (a1 * c6 + d2 * c5 + d3 * c4 + d4 * c3 + d5 * c2 + d6 * c1 + d7 * c0) * (1.0 / 7.0);
    let c7 = -(a1 * s6 + d2 * s5 + d3 * s4 + d4 * s3 + d5 * s2 + d6 * s1 + d7 * s0) * (1.0 / 7.0);
    let s8 =
        (a1 * c7 + d2 * c6 + d3 * c5 + d4 * c4 + d5 * c3 + d6 * c2 + d7 * c1 + d8 * c0) * 0.125;
    // p = a^10: p_k = (1/(k a0)) Σ_{j=1..k} (11 j - k) a_j p_{k-j}
    let r = 1.0 / a0;
    let p0 = a0.powi(10);
    let p1 = (10.0 * a1 * p0) * r;
    let p2 = ((9.0 / 2.0) * a1 * p1 + 10.0 * a2 * p0) * r;
    let p3 = ((8.0 / 3.0) * a1 * p2 + (19.0 / 3.0) * a2 * p1 + 10.0 * a3 * p0) * r;
    let p4 =
        ((7.0 / 4.0) * a1 * p3 + (18.0 / 4.0) * a2 * p2 + (29.0 / 4.0) * a3 * p1 + 10.0 * a4 * p0)
            * r;
    let p5 = ((6.0 / 5.0) * a1 * p4
        + (17.0 / 5.0) * a2 * p3
        + (28.0 / 5.0) * a3 * p2
        + (39.0 / 5.0) * a4 * p1
        + 10.0 * a5 * p0)
        * r;
    let p6 = ((5.0 / 6.0) * a1 * p5
        + (16.0 / 6.0) * a2 * p4
        + (27.0 / 6.0) * a3 * p3
        + (38.0 / 6.0) * a4 * p2
        + (49.0 / 6.0) * a5 * p1
        + 10.0 * a6 * p0)
        * r;
    let p7 = ((4.0 / 7.0) * a1 * p6
        + (15.0 / 7.0) * a2 * p5
        + (26.0 / 7.0) * a3 * p4
        + (37.0 / 7.0) * a4 * p3
        + (48.0 / 7.0) * a5 * p2
        + (59.0 / 7.0) * a6 * p1
        + 10.0 * a7 * p0)
        * r;
    let p8 = ((3.0 / 8.0) * a1 * p7
        + (14.0 / 8.0) * a2 * p6
        + (25.0 / 8.0) * a3 * p5
        + (36.0 / 8.0) * a4 * p4
        + (47.0 / 8.0) * a5 * p3
        + (58.0 / 8.0) * a6 * p2
        + (69.0 / 8.0) * a7 * p1
        + 10.0 * a8 * p0)
        * r;
    // 0.3 s p
    let f0 = 0.3 * (s0 * p0);
    let f1 = 0.3 * (s0 * p1 + s1 * p0);
    let f2 = 0.3 * (s0 * p2 + s1 * p1 + s2 * p0);
    let f3 = 0.3 * (s0 * p3 + s1 * p2 + s2 * p1 + s3 * p0);
    let f4 = 0.3 * (s0 * p4 + s1 * p3 + s2 * p2 + s3 * p1 + s4 * p0);
    let f5 = 0.3 * (s0 * p5 + s1 * p4 + s2 * p3 + s3 * p2 + s4 * p1 + s5 * p0);
    let f6 = 0.3 * (s0 * p6 + s1 * p5 + s2 * p4 + s3 * p3 + s4 * p2 + s5 * p1 + s6 * p0);
    let f7 = 0.3 * (s0 * p7 + s1 * p6 + s2 * p5 + s3 * p4 + s4 * p3 + s5 * p2 + s6 * p1 + s7 * p0);
    let f8 = 0.3
        * (s0 * p8 + s1 * p7 + s2 * p6 + s3 * p5 + s4 * p4 + s5 * p3 + s6 * p2 + s7 * p1 + s8 * p0);
    [f0, f1, f2, f3, f4, f5, f6, f7, f8]
}

/// `0.3 sin(a) a^10` on an input jet `a`, K = 10, written out: sin/cos recurrence,
/// the power recurrence for `a^10`, one Cauchy product.
#[inline(never)]
fn handwritten_10(a: [f64; 11]) -> [f64; 11] {
    let [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10] = a;
    let d2 = 2.0 * a2;
    let d3 = 3.0 * a3;
    let d4 = 4.0 * a4;
    let d5 = 5.0 * a5;
    let d6 = 6.0 * a6;
    let d7 = 7.0 * a7;
    let d8 = 8.0 * a8;
    let d9 = 9.0 * a9;
    let d10 = 10.0 * a10;
    // sin and cos (cos up to K - 1)
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) * 0.5;
    let c2 = -(a1 * s1 + d2 * s0) * 0.5;
    let s3 = (a1 * c2 + d2 * c1 + d3 * c0) * (1.0 / 3.0);
    let c3 = -(a1 * s2 + d2 * s1 + d3 * s0) * (1.0 / 3.0);
    let s4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) * 0.25;
    let c4 = -(a1 * s3 + d2 * s2 + d3 * s1 + d4 * s0) * 0.25;
    let s5 = (a1 * c4 + d2 * c3 + d3 * c2 + d4 * c1 + d5 * c0) * (1.0 / 5.0);
    let c5 = -(a1 * s4 + d2 * s3 + d3 * s2 + d4 * s1 + d5 * s0) * (1.0 / 5.0);
    let s6 = (a1 * c5 + d2 * c4 + d3 * c3 + d4 * c2 + d5 * c1 + d6 * c0) * (1.0 / 6.0);
    let c6 = -(a1 * s5 + d2 * s4 + d3 * s3 + d4 * s2 + d5 * s1 + d6 * s0) * (1.0 / 6.0);
    let s7 = (a1 * c6 + d2 * c5 + d3 * c4 + d4 * c3 + d5 * c2 + d6 * c1 + d7 * c0) * (1.0 / 7.0);
    let c7 = -(a1 * s6 + d2 * s5 + d3 * s4 + d4 * s3 + d5 * s2 + d6 * s1 + d7 * s0) * (1.0 / 7.0);
    let s8 =
        (a1 * c7 + d2 * c6 + d3 * c5 + d4 * c4 + d5 * c3 + d6 * c2 + d7 * c1 + d8 * c0) * 0.125;
    let c8 =
        -(a1 * s7 + d2 * s6 + d3 * s5 + d4 * s4 + d5 * s3 + d6 * s2 + d7 * s1 + d8 * s0) * 0.125;
    let s9 =
        (a1 * c8 + d2 * c7 + d3 * c6 + d4 * c5 + d5 * c4 + d6 * c3 + d7 * c2 + d8 * c1 + d9 * c0)
            * (1.0 / 9.0);
    let c9 =
        -(a1 * s8 + d2 * s7 + d3 * s6 + d4 * s5 + d5 * s4 + d6 * s3 + d7 * s2 + d8 * s1 + d9 * s0)
            * (1.0 / 9.0);
    let s10 = (a1 * c9
        + d2 * c8
        + d3 * c7
        + d4 * c6
        + d5 * c5
        + d6 * c4
        + d7 * c3
        + d8 * c2
        + d9 * c1
        + d10 * c0)
        * (1.0 / 10.0);
    // p = a^10: p_k = (1/(k a0)) Σ_{j=1..k} (11 j - k) a_j p_{k-j}
    let r = 1.0 / a0;
    let p0 = a0.powi(10);
    let p1 = (10.0 * a1 * p0) * r;
    let p2 = ((9.0 / 2.0) * a1 * p1 + 10.0 * a2 * p0) * r;
    let p3 = ((8.0 / 3.0) * a1 * p2 + (19.0 / 3.0) * a2 * p1 + 10.0 * a3 * p0) * r;
    let p4 =
        ((7.0 / 4.0) * a1 * p3 + (18.0 / 4.0) * a2 * p2 + (29.0 / 4.0) * a3 * p1 + 10.0 * a4 * p0)
            * r;
    let p5 = ((6.0 / 5.0) * a1 * p4
        + (17.0 / 5.0) * a2 * p3
        + (28.0 / 5.0) * a3 * p2
        + (39.0 / 5.0) * a4 * p1
        + 10.0 * a5 * p0)
        * r;
    let p6 = ((5.0 / 6.0) * a1 * p5
        + (16.0 / 6.0) * a2 * p4
        + (27.0 / 6.0) * a3 * p3
        + (38.0 / 6.0) * a4 * p2
        + (49.0 / 6.0) * a5 * p1
        + 10.0 * a6 * p0)
        * r;
    let p7 = ((4.0 / 7.0) * a1 * p6
        + (15.0 / 7.0) * a2 * p5
        + (26.0 / 7.0) * a3 * p4
        + (37.0 / 7.0) * a4 * p3
        + (48.0 / 7.0) * a5 * p2
        + (59.0 / 7.0) * a6 * p1
        + 10.0 * a7 * p0)
        * r;
    let p8 = ((3.0 / 8.0) * a1 * p7
        + (14.0 / 8.0) * a2 * p6
        + (25.0 / 8.0) * a3 * p5
        + (36.0 / 8.0) * a4 * p4
        + (47.0 / 8.0) * a5 * p3
        + (58.0 / 8.0) * a6 * p2
        + (69.0 / 8.0) * a7 * p1
        + 10.0 * a8 * p0)
        * r;
    let p9 = ((2.0 / 9.0) * a1 * p8
        + (13.0 / 9.0) * a2 * p7
        + (24.0 / 9.0) * a3 * p6
        + (35.0 / 9.0) * a4 * p5
        + (46.0 / 9.0) * a5 * p4
        + (57.0 / 9.0) * a6 * p3
        + (68.0 / 9.0) * a7 * p2
        + (79.0 / 9.0) * a8 * p1
        + 10.0 * a9 * p0)
        * r;
    let p10 = ((1.0 / 10.0) * a1 * p9
        + (12.0 / 10.0) * a2 * p8
        + (23.0 / 10.0) * a3 * p7
        + (34.0 / 10.0) * a4 * p6
        + (45.0 / 10.0) * a5 * p5
        + (56.0 / 10.0) * a6 * p4
        + (67.0 / 10.0) * a7 * p3
        + (78.0 / 10.0) * a8 * p2
        + (89.0 / 10.0) * a9 * p1
        + 10.0 * a10 * p0)
        * r;
    // 0.3 s p
    let f0 = 0.3 * (s0 * p0);
    let f1 = 0.3 * (s0 * p1 + s1 * p0);
    let f2 = 0.3 * (s0 * p2 + s1 * p1 + s2 * p0);
    let f3 = 0.3 * (s0 * p3 + s1 * p2 + s2 * p1 + s3 * p0);
    let f4 = 0.3 * (s0 * p4 + s1 * p3 + s2 * p2 + s3 * p1 + s4 * p0);
    let f5 = 0.3 * (s0 * p5 + s1 * p4 + s2 * p3 + s3 * p2 + s4 * p1 + s5 * p0);
    let f6 = 0.3 * (s0 * p6 + s1 * p5 + s2 * p4 + s3 * p3 + s4 * p2 + s5 * p1 + s6 * p0);
    let f7 = 0.3 * (s0 * p7 + s1 * p6 + s2 * p5 + s3 * p4 + s4 * p3 + s5 * p2 + s6 * p1 + s7 * p0);
    let f8 = 0.3
        * (s0 * p8 + s1 * p7 + s2 * p6 + s3 * p5 + s4 * p4 + s5 * p3 + s6 * p2 + s7 * p1 + s8 * p0);
    let f9 = 0.3
        * (s0 * p9
            + s1 * p8
            + s2 * p7
            + s3 * p6
            + s4 * p5
            + s5 * p4
            + s6 * p3
            + s7 * p2
            + s8 * p1
            + s9 * p0);
    let f10 = 0.3
        * (s0 * p10
            + s1 * p9
            + s2 * p8
            + s3 * p7
            + s4 * p6
            + s5 * p5
            + s6 * p4
            + s7 * p3
            + s8 * p2
            + s9 * p1
            + s10 * p0);
    [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10]
}

const T0: f64 = 1.1;

fn close(what: &str, got: &[f64], want: &[f64]) {
    let scale = want.iter().fold(0.0f64, |m, w| m.max(w.abs()));
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-13 * scale,
            "{what}: derivative {k}: {g} vs {w}"
        );
    }
}

macro_rules! times {
    ($body:expr) => {
        Box::new(move |n: u64| {
            for _ in 0..n {
                black_box($body);
            }
        }) as Box<dyn Fn(u64)>
    };
}

/// A group comparing the companion with the hand-written recurrence at order K (and
/// the extra variants given, e.g. num-dual).
macro_rules! group_of_order {
    ($k:literal, $n:literal, $orig:ident, $jet:ident, $hand:ident $(, $extra:expr)*) => {{
        let x = Jet::<f64, $n>::variable(T0);
        let jet = $jet(x);
        let hand = Jet::from_coefficients($hand(x.coefficients()));
        close(
            concat!("handwritten K=", $k),
            &hand.derivatives(),
            &jet.derivatives(),
        );
        close("value", &[jet.value()], &[$orig(T0)]);
        Group {
            name: concat!("scalar/K=", $k).into(),
            variants: vec![
                ("jet", times!($jet(black_box(x)))),
                ("handwritten", times!($hand(black_box(x.coefficients())))),
                $($extra,)*
            ],
        }
    }};
}

fn groups() -> Vec<Group> {
    // K = 1..3: also against num-dual.
    let d1 = Dual64::from_re(T0).derivative();
    let d2 = Dual2_64::from_re(T0).derivative();
    let d3 = Dual3_64::from_re(T0).derivative();
    let (r1, r2, r3) = (f_dual(d1), f_dual(d2), f_dual(d3));
    close("value", &[f_1_jet(Jet::variable(T0)).value()], &[f_1(T0)]);
    close(
        "num-dual K=1",
        &f_1_jet(Jet::variable(T0)).derivatives(),
        &[r1.re, r1.eps],
    );
    close(
        "num-dual K=2",
        &f_2_jet(Jet::variable(T0)).derivatives(),
        &[r2.re, r2.v1, r2.v2],
    );
    close(
        "num-dual K=3",
        &f_3_jet(Jet::variable(T0)).derivatives(),
        &[r3.re, r3.v1, r3.v2, r3.v3],
    );

    let x1 = Jet::<f64, 2>::variable(T0);
    vec![
        Group {
            name: "scalar/K=1".into(),
            variants: vec![
                ("jet", times!(f_1_jet(black_box(x1)))),
                ("num-dual", times!(f_dual1(black_box(d1)))),
            ],
        },
        group_of_order!(
            2,
            3,
            f_2,
            f_2_jet,
            handwritten_2,
            ("num-dual", times!(f_dual2(black_box(d2))))
        ),
        group_of_order!(
            3,
            4,
            f_3,
            f_3_jet,
            handwritten_3,
            ("num-dual", times!(f_dual3(black_box(d3))))
        ),
        group_of_order!(4, 5, f_4, f_4_jet, handwritten_4),
        group_of_order!(6, 7, f_6, f_6_jet, handwritten_6),
        group_of_order!(8, 9, f_8, f_8_jet, handwritten_8),
        group_of_order!(10, 11, f_10, f_10_jet, handwritten_10),
    ]
}

// ---- harness: criterion, or interleaved rounds robust to a loaded machine ------------

#[path = "common/harness.rs"]
mod harness;
use harness::Group;

fn main() {
    harness::main_with(groups());
}

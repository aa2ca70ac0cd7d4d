//! Runtime benchmark: one jet operation vs the same recurrence written out by hand.
//!
//! For `sin`, `exp`, `mul` and `div` at K = 2, 4, 10 (`Jet<f64, 3>`, `Jet<f64, 5>`,
//! `Jet<f64, 11>`), criterion times
//! - `runtime/<op>/K=<K>/jet`: the runtime's operator or method on a `Jet`;
//! - `runtime/<op>/K=<K>/handwritten`: a fully unrolled recurrence in this file, every
//!   coefficient formula written out, the way an expert would write it by hand
//!   (`j a_j` formed once, `1/k` as a constant factor, one division `1/b0` for `div`);
//! - `runtime/<op>/K=<K>/handwritten_div` (`sin`, `exp`, `div`): the same, but dividing
//!   by `k` (and by `b0`) at every coefficient, as the runtime's rules are written. The
//!   gap between the two hand-written versions is the price of the divisions alone.
//!
//! The hand-written sums run left to right (a plain chain of additions); `main` checks
//! that every hand-written result agrees with the jet's before timing.
//! Run with `cargo bench --bench runtime` (criterion), or with `JET_BENCH_INTERLEAVED=1`
//! for a table of ratios measured in alternating rounds (robust when other work shares
//! the machine); the ratios are in `benches/README.md`.

use criterion::black_box;
use jet::Jet;

/// `a * b`, K = 2: c_k = Σ_{j=0..k} a_j b_{k-j}.
#[inline]
fn mul_2(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    let [a0, a1, a2] = a;
    let [b0, b1, b2] = b;
    let c0 = a0 * b0;
    let c1 = a0 * b1 + a1 * b0;
    let c2 = a0 * b2 + a1 * b1 + a2 * b0;
    [c0, c1, c2]
}

/// `exp(a)`, K = 2, multiplying by the constant 1/k: c_k = (1/k) Σ_{j=1..k} j a_j c_{k-j}.
#[inline]
fn exp_2(a: [f64; 3]) -> [f64; 3] {
    let [a0, a1, a2] = a;
    let d2 = 2.0 * a2;
    let c0 = a0.exp();
    let c1 = a1 * c0;
    let c2 = (a1 * c1 + d2 * c0) * 0.5;
    [c0, c1, c2]
}

/// `sin(a)`, K = 2, multiplying by the constant 1/k: s_k = (1/k) Σ j a_j c_{k-j},
/// c_k = -(1/k) Σ j a_j s_{k-j} (cos only up to K - 1).
#[inline]
fn sin_2(a: [f64; 3]) -> [f64; 3] {
    let [a0, a1, a2] = a;
    let d2 = 2.0 * a2;
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) * 0.5;
    [s0, s1, s2]
}

/// `a / b`, K = 2, multiplying by r = 1/b0 (one division): c_k = (a_k - Σ_{j=1..k} b_j c_{k-j}) / b_0.
#[inline]
fn div_2(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    let [a0, a1, a2] = a;
    let [b0, b1, b2] = b;
    let r = 1.0 / b0;
    let c0 = a0 / b0;
    let c1 = (a1 - (b1 * c0)) * r;
    let c2 = (a2 - (b1 * c1 + b2 * c0)) * r;
    [c0, c1, c2]
}

/// `exp(a)`, K = 2, dividing by k, as the runtime's rule does: c_k = (1/k) Σ_{j=1..k} j a_j c_{k-j}.
#[inline]
fn exp_2_div(a: [f64; 3]) -> [f64; 3] {
    let [a0, a1, a2] = a;
    let d2 = 2.0 * a2;
    let c0 = a0.exp();
    let c1 = a1 * c0;
    let c2 = (a1 * c1 + d2 * c0) / 2.0;
    [c0, c1, c2]
}

/// `sin(a)`, K = 2, dividing by k, as the runtime's rule does: s_k = (1/k) Σ j a_j c_{k-j},
/// c_k = -(1/k) Σ j a_j s_{k-j} (cos only up to K - 1).
#[inline]
fn sin_2_div(a: [f64; 3]) -> [f64; 3] {
    let [a0, a1, a2] = a;
    let d2 = 2.0 * a2;
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) / 2.0;
    [s0, s1, s2]
}

/// `a / b`, K = 2, dividing by b0 each time, as the runtime's rule does: c_k = (a_k - Σ_{j=1..k} b_j c_{k-j}) / b_0.
#[inline]
fn div_2_div(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    let [a0, a1, a2] = a;
    let [b0, b1, b2] = b;
    let c0 = a0 / b0;
    let c1 = (a1 - (b1 * c0)) / b0;
    let c2 = (a2 - (b1 * c1 + b2 * c0)) / b0;
    [c0, c1, c2]
}

/// `a * b`, K = 4: c_k = Σ_{j=0..k} a_j b_{k-j}.
#[inline]
fn mul_4(a: [f64; 5], b: [f64; 5]) -> [f64; 5] {
    let [a0, a1, a2, a3, a4] = a;
    let [b0, b1, b2, b3, b4] = b;
    let c0 = a0 * b0;
    let c1 = a0 * b1 + a1 * b0;
    let c2 = a0 * b2 + a1 * b1 + a2 * b0;
    let c3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
    let c4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
    [c0, c1, c2, c3, c4]
}

/// `exp(a)`, K = 4, multiplying by the constant 1/k: c_k = (1/k) Σ_{j=1..k} j a_j c_{k-j}.
#[inline]
fn exp_4(a: [f64; 5]) -> [f64; 5] {
    let [a0, a1, a2, a3, a4] = a;
    let d2 = 2.0 * a2;
    let d3 = 3.0 * a3;
    let d4 = 4.0 * a4;
    let c0 = a0.exp();
    let c1 = a1 * c0;
    let c2 = (a1 * c1 + d2 * c0) * 0.5;
    let c3 = (a1 * c2 + d2 * c1 + d3 * c0) * (1.0 / 3.0);
    let c4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) * 0.25;
    [c0, c1, c2, c3, c4]
}

/// `sin(a)`, K = 4, multiplying by the constant 1/k: s_k = (1/k) Σ j a_j c_{k-j},
/// c_k = -(1/k) Σ j a_j s_{k-j} (cos only up to K - 1).
#[inline]
fn sin_4(a: [f64; 5]) -> [f64; 5] {
    let [a0, a1, a2, a3, a4] = a;
    let d2 = 2.0 * a2;
    let d3 = 3.0 * a3;
    let d4 = 4.0 * a4;
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) * 0.5;
    let c2 = -(a1 * s1 + d2 * s0) * 0.5;
    let s3 = (a1 * c2 + d2 * c1 + d3 * c0) * (1.0 / 3.0);
    let c3 = -(a1 * s2 + d2 * s1 + d3 * s0) * (1.0 / 3.0);
    let s4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) * 0.25;
    [s0, s1, s2, s3, s4]
}

/// `a / b`, K = 4, multiplying by r = 1/b0 (one division): c_k = (a_k - Σ_{j=1..k} b_j c_{k-j}) / b_0.
#[inline]
fn div_4(a: [f64; 5], b: [f64; 5]) -> [f64; 5] {
    let [a0, a1, a2, a3, a4] = a;
    let [b0, b1, b2, b3, b4] = b;
    let r = 1.0 / b0;
    let c0 = a0 / b0;
    let c1 = (a1 - (b1 * c0)) * r;
    let c2 = (a2 - (b1 * c1 + b2 * c0)) * r;
    let c3 = (a3 - (b1 * c2 + b2 * c1 + b3 * c0)) * r;
    let c4 = (a4 - (b1 * c3 + b2 * c2 + b3 * c1 + b4 * c0)) * r;
    [c0, c1, c2, c3, c4]
}

/// `exp(a)`, K = 4, dividing by k, as the runtime's rule does: c_k = (1/k) Σ_{j=1..k} j a_j c_{k-j}.
#[inline]
fn exp_4_div(a: [f64; 5]) -> [f64; 5] {
    let [a0, a1, a2, a3, a4] = a;
    let d2 = 2.0 * a2;
    let d3 = 3.0 * a3;
    let d4 = 4.0 * a4;
    let c0 = a0.exp();
    let c1 = a1 * c0;
    let c2 = (a1 * c1 + d2 * c0) / 2.0;
    let c3 = (a1 * c2 + d2 * c1 + d3 * c0) / 3.0;
    let c4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) / 4.0;
    [c0, c1, c2, c3, c4]
}

/// `sin(a)`, K = 4, dividing by k, as the runtime's rule does: s_k = (1/k) Σ j a_j c_{k-j},
/// c_k = -(1/k) Σ j a_j s_{k-j} (cos only up to K - 1).
#[inline]
fn sin_4_div(a: [f64; 5]) -> [f64; 5] {
    let [a0, a1, a2, a3, a4] = a;
    let d2 = 2.0 * a2;
    let d3 = 3.0 * a3;
    let d4 = 4.0 * a4;
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) / 2.0;
    let c2 = -(a1 * s1 + d2 * s0) / 2.0;
    let s3 = (a1 * c2 + d2 * c1 + d3 * c0) / 3.0;
    let c3 = -(a1 * s2 + d2 * s1 + d3 * s0) / 3.0;
    let s4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) / 4.0;
    [s0, s1, s2, s3, s4]
}

/// `a / b`, K = 4, dividing by b0 each time, as the runtime's rule does: c_k = (a_k - Σ_{j=1..k} b_j c_{k-j}) / b_0.
#[inline]
fn div_4_div(a: [f64; 5], b: [f64; 5]) -> [f64; 5] {
    let [a0, a1, a2, a3, a4] = a;
    let [b0, b1, b2, b3, b4] = b;
    let c0 = a0 / b0;
    let c1 = (a1 - (b1 * c0)) / b0;
    let c2 = (a2 - (b1 * c1 + b2 * c0)) / b0;
    let c3 = (a3 - (b1 * c2 + b2 * c1 + b3 * c0)) / b0;
    let c4 = (a4 - (b1 * c3 + b2 * c2 + b3 * c1 + b4 * c0)) / b0;
    [c0, c1, c2, c3, c4]
}

/// `a * b`, K = 10: c_k = Σ_{j=0..k} a_j b_{k-j}.
#[inline]
fn mul_10(a: [f64; 11], b: [f64; 11]) -> [f64; 11] {
    let [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10] = a;
    let [b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10] = b;
    let c0 = a0 * b0;
    let c1 = a0 * b1 + a1 * b0;
    let c2 = a0 * b2 + a1 * b1 + a2 * b0;
    let c3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
    let c4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
    let c5 = a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0;
    let c6 = a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0;
    let c7 = a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
    let c8 =
        a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0;
    let c9 = a0 * b9
        + a1 * b8
        + a2 * b7
        + a3 * b6
        + a4 * b5
        + a5 * b4
        + a6 * b3
        + a7 * b2
        + a8 * b1
        + a9 * b0;
    let c10 = a0 * b10
        + a1 * b9
        + a2 * b8
        + a3 * b7
        + a4 * b6
        + a5 * b5
        + a6 * b4
        + a7 * b3
        + a8 * b2
        + a9 * b1
        + a10 * b0;
    [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10]
}

/// `exp(a)`, K = 10, multiplying by the constant 1/k: c_k = (1/k) Σ_{j=1..k} j a_j c_{k-j}.
#[inline]
fn exp_10(a: [f64; 11]) -> [f64; 11] {
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
    let c0 = a0.exp();
    let c1 = a1 * c0;
    let c2 = (a1 * c1 + d2 * c0) * 0.5;
    let c3 = (a1 * c2 + d2 * c1 + d3 * c0) * (1.0 / 3.0);
    let c4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) * 0.25;
    let c5 = (a1 * c4 + d2 * c3 + d3 * c2 + d4 * c1 + d5 * c0) * (1.0 / 5.0);
    let c6 = (a1 * c5 + d2 * c4 + d3 * c3 + d4 * c2 + d5 * c1 + d6 * c0) * (1.0 / 6.0);
    let c7 = (a1 * c6 + d2 * c5 + d3 * c4 + d4 * c3 + d5 * c2 + d6 * c1 + d7 * c0) * (1.0 / 7.0);
    let c8 =
        (a1 * c7 + d2 * c6 + d3 * c5 + d4 * c4 + d5 * c3 + d6 * c2 + d7 * c1 + d8 * c0) * 0.125;
    let c9 =
        (a1 * c8 + d2 * c7 + d3 * c6 + d4 * c5 + d5 * c4 + d6 * c3 + d7 * c2 + d8 * c1 + d9 * c0)
            * (1.0 / 9.0);
    let c10 = (a1 * c9
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
    [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10]
}

/// `sin(a)`, K = 10, multiplying by the constant 1/k: s_k = (1/k) Σ j a_j c_{k-j},
/// c_k = -(1/k) Σ j a_j s_{k-j} (cos only up to K - 1).
#[inline]
fn sin_10(a: [f64; 11]) -> [f64; 11] {
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
    [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10]
}

/// `a / b`, K = 10, multiplying by r = 1/b0 (one division): c_k = (a_k - Σ_{j=1..k} b_j c_{k-j}) / b_0.
#[inline]
fn div_10(a: [f64; 11], b: [f64; 11]) -> [f64; 11] {
    let [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10] = a;
    let [b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10] = b;
    let r = 1.0 / b0;
    let c0 = a0 / b0;
    let c1 = (a1 - (b1 * c0)) * r;
    let c2 = (a2 - (b1 * c1 + b2 * c0)) * r;
    let c3 = (a3 - (b1 * c2 + b2 * c1 + b3 * c0)) * r;
    let c4 = (a4 - (b1 * c3 + b2 * c2 + b3 * c1 + b4 * c0)) * r;
    let c5 = (a5 - (b1 * c4 + b2 * c3 + b3 * c2 + b4 * c1 + b5 * c0)) * r;
    let c6 = (a6 - (b1 * c5 + b2 * c4 + b3 * c3 + b4 * c2 + b5 * c1 + b6 * c0)) * r;
    let c7 = (a7 - (b1 * c6 + b2 * c5 + b3 * c4 + b4 * c3 + b5 * c2 + b6 * c1 + b7 * c0)) * r;
    let c8 =
        (a8 - (b1 * c7 + b2 * c6 + b3 * c5 + b4 * c4 + b5 * c3 + b6 * c2 + b7 * c1 + b8 * c0)) * r;
    let c9 = (a9
        - (b1 * c8
            + b2 * c7
            + b3 * c6
            + b4 * c5
            + b5 * c4
            + b6 * c3
            + b7 * c2
            + b8 * c1
            + b9 * c0))
        * r;
    let c10 = (a10
        - (b1 * c9
            + b2 * c8
            + b3 * c7
            + b4 * c6
            + b5 * c5
            + b6 * c4
            + b7 * c3
            + b8 * c2
            + b9 * c1
            + b10 * c0))
        * r;
    [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10]
}

/// `exp(a)`, K = 10, dividing by k, as the runtime's rule does: c_k = (1/k) Σ_{j=1..k} j a_j c_{k-j}.
#[inline]
fn exp_10_div(a: [f64; 11]) -> [f64; 11] {
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
    let c0 = a0.exp();
    let c1 = a1 * c0;
    let c2 = (a1 * c1 + d2 * c0) / 2.0;
    let c3 = (a1 * c2 + d2 * c1 + d3 * c0) / 3.0;
    let c4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) / 4.0;
    let c5 = (a1 * c4 + d2 * c3 + d3 * c2 + d4 * c1 + d5 * c0) / 5.0;
    let c6 = (a1 * c5 + d2 * c4 + d3 * c3 + d4 * c2 + d5 * c1 + d6 * c0) / 6.0;
    let c7 = (a1 * c6 + d2 * c5 + d3 * c4 + d4 * c3 + d5 * c2 + d6 * c1 + d7 * c0) / 7.0;
    let c8 = (a1 * c7 + d2 * c6 + d3 * c5 + d4 * c4 + d5 * c3 + d6 * c2 + d7 * c1 + d8 * c0) / 8.0;
    let c9 =
        (a1 * c8 + d2 * c7 + d3 * c6 + d4 * c5 + d5 * c4 + d6 * c3 + d7 * c2 + d8 * c1 + d9 * c0)
            / 9.0;
    let c10 = (a1 * c9
        + d2 * c8
        + d3 * c7
        + d4 * c6
        + d5 * c5
        + d6 * c4
        + d7 * c3
        + d8 * c2
        + d9 * c1
        + d10 * c0)
        / 10.0;
    [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10]
}

/// `sin(a)`, K = 10, dividing by k, as the runtime's rule does: s_k = (1/k) Σ j a_j c_{k-j},
/// c_k = -(1/k) Σ j a_j s_{k-j} (cos only up to K - 1).
#[inline]
fn sin_10_div(a: [f64; 11]) -> [f64; 11] {
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
    let (s0, c0) = a0.sin_cos();
    let s1 = a1 * c0;
    let c1 = -(a1 * s0);
    let s2 = (a1 * c1 + d2 * c0) / 2.0;
    let c2 = -(a1 * s1 + d2 * s0) / 2.0;
    let s3 = (a1 * c2 + d2 * c1 + d3 * c0) / 3.0;
    let c3 = -(a1 * s2 + d2 * s1 + d3 * s0) / 3.0;
    let s4 = (a1 * c3 + d2 * c2 + d3 * c1 + d4 * c0) / 4.0;
    let c4 = -(a1 * s3 + d2 * s2 + d3 * s1 + d4 * s0) / 4.0;
    let s5 = (a1 * c4 + d2 * c3 + d3 * c2 + d4 * c1 + d5 * c0) / 5.0;
    let c5 = -(a1 * s4 + d2 * s3 + d3 * s2 + d4 * s1 + d5 * s0) / 5.0;
    let s6 = (a1 * c5 + d2 * c4 + d3 * c3 + d4 * c2 + d5 * c1 + d6 * c0) / 6.0;
    let c6 = -(a1 * s5 + d2 * s4 + d3 * s3 + d4 * s2 + d5 * s1 + d6 * s0) / 6.0;
    let s7 = (a1 * c6 + d2 * c5 + d3 * c4 + d4 * c3 + d5 * c2 + d6 * c1 + d7 * c0) / 7.0;
    let c7 = -(a1 * s6 + d2 * s5 + d3 * s4 + d4 * s3 + d5 * s2 + d6 * s1 + d7 * s0) / 7.0;
    let s8 = (a1 * c7 + d2 * c6 + d3 * c5 + d4 * c4 + d5 * c3 + d6 * c2 + d7 * c1 + d8 * c0) / 8.0;
    let c8 = -(a1 * s7 + d2 * s6 + d3 * s5 + d4 * s4 + d5 * s3 + d6 * s2 + d7 * s1 + d8 * s0) / 8.0;
    let s9 =
        (a1 * c8 + d2 * c7 + d3 * c6 + d4 * c5 + d5 * c4 + d6 * c3 + d7 * c2 + d8 * c1 + d9 * c0)
            / 9.0;
    let c9 =
        -(a1 * s8 + d2 * s7 + d3 * s6 + d4 * s5 + d5 * s4 + d6 * s3 + d7 * s2 + d8 * s1 + d9 * s0)
            / 9.0;
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
        / 10.0;
    [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10]
}

/// `a / b`, K = 10, dividing by b0 each time, as the runtime's rule does: c_k = (a_k - Σ_{j=1..k} b_j c_{k-j}) / b_0.
#[inline]
fn div_10_div(a: [f64; 11], b: [f64; 11]) -> [f64; 11] {
    let [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10] = a;
    let [b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10] = b;
    let c0 = a0 / b0;
    let c1 = (a1 - (b1 * c0)) / b0;
    let c2 = (a2 - (b1 * c1 + b2 * c0)) / b0;
    let c3 = (a3 - (b1 * c2 + b2 * c1 + b3 * c0)) / b0;
    let c4 = (a4 - (b1 * c3 + b2 * c2 + b3 * c1 + b4 * c0)) / b0;
    let c5 = (a5 - (b1 * c4 + b2 * c3 + b3 * c2 + b4 * c1 + b5 * c0)) / b0;
    let c6 = (a6 - (b1 * c5 + b2 * c4 + b3 * c3 + b4 * c2 + b5 * c1 + b6 * c0)) / b0;
    let c7 = (a7 - (b1 * c6 + b2 * c5 + b3 * c4 + b4 * c3 + b5 * c2 + b6 * c1 + b7 * c0)) / b0;
    let c8 =
        (a8 - (b1 * c7 + b2 * c6 + b3 * c5 + b4 * c4 + b5 * c3 + b6 * c2 + b7 * c1 + b8 * c0)) / b0;
    let c9 = (a9
        - (b1 * c8
            + b2 * c7
            + b3 * c6
            + b4 * c5
            + b5 * c4
            + b6 * c3
            + b7 * c2
            + b8 * c1
            + b9 * c0))
        / b0;
    let c10 = (a10
        - (b1 * c9
            + b2 * c8
            + b3 * c7
            + b4 * c6
            + b5 * c5
            + b6 * c4
            + b7 * c3
            + b8 * c2
            + b9 * c1
            + b10 * c0))
        / b0;
    [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10]
}

/// Fixed, generic-looking inputs (no zeros, no ones, nothing the optimizer can fold).
fn input<const N: usize>(seed: f64) -> [f64; N] {
    let mut c = [0.0; N];
    for (k, ck) in c.iter_mut().enumerate() {
        *ck = seed + 0.37 * (k as f64 + 1.3).sin() / (k as f64 + 1.0);
    }
    c
}

fn close<const N: usize>(what: &str, got: [f64; N], want: [f64; N]) {
    let scale = want.iter().fold(f64::MIN_POSITIVE, |m, w| m.max(w.abs()));
    for k in 0..N {
        assert!(
            (got[k] - want[k]).abs() <= 1e-12 * scale,
            "{what}: coefficient {k}: jet {} vs hand-written {}",
            got[k],
            want[k]
        );
    }
}

/// One group per (op, K): `jet`, `handwritten` and, where it applies, `handwritten_div`.
macro_rules! groups_of_order {
    ($groups:expr, $k:literal, $n:literal, $mul:ident, $exp:ident, $exp_div:ident, $sin:ident,
     $sin_div:ident, $div:ident, $div_div:ident) => {{
        let groups: &mut Vec<Group> = $groups;
        let a: [f64; $n] = input(0.3);
        let b: [f64; $n] = input(1.3);
        let (ja, jb) = (Jet::from_coefficients(a), Jet::from_coefficients(b));

        // The hand-written code computes what the jet computes.
        close(concat!("mul K=", $k), (ja * jb).coefficients(), $mul(a, b));
        close(concat!("exp K=", $k), ja.exp().coefficients(), $exp(a));
        close(
            concat!("exp_div K=", $k),
            ja.exp().coefficients(),
            $exp_div(a),
        );
        close(concat!("sin K=", $k), ja.sin().coefficients(), $sin(a));
        close(
            concat!("sin_div K=", $k),
            ja.sin().coefficients(),
            $sin_div(a),
        );
        close(concat!("div K=", $k), (ja / jb).coefficients(), $div(a, b));
        close(
            concat!("div_div K=", $k),
            (ja / jb).coefficients(),
            $div_div(a, b),
        );

        macro_rules! times {
            ($body:expr) => {
                Box::new(move |n: u64| {
                    for _ in 0..n {
                        black_box($body);
                    }
                }) as Box<dyn Fn(u64)>
            };
        }
        groups.push(Group {
            name: concat!("runtime/sin/K=", $k).into(),
            variants: vec![
                ("jet", times!(black_box(ja).sin())),
                ("handwritten", times!($sin(black_box(a)))),
                ("handwritten_div", times!($sin_div(black_box(a)))),
            ],
        });
        groups.push(Group {
            name: concat!("runtime/exp/K=", $k).into(),
            variants: vec![
                ("jet", times!(black_box(ja).exp())),
                ("handwritten", times!($exp(black_box(a)))),
                ("handwritten_div", times!($exp_div(black_box(a)))),
            ],
        });
        groups.push(Group {
            name: concat!("runtime/mul/K=", $k).into(),
            variants: vec![
                ("jet", times!(black_box(ja) * black_box(jb))),
                ("handwritten", times!($mul(black_box(a), black_box(b)))),
            ],
        });
        groups.push(Group {
            name: concat!("runtime/div/K=", $k).into(),
            variants: vec![
                ("jet", times!(black_box(ja) / black_box(jb))),
                ("handwritten", times!($div(black_box(a), black_box(b)))),
                (
                    "handwritten_div",
                    times!($div_div(black_box(a), black_box(b))),
                ),
            ],
        });
    }};
}

fn groups() -> Vec<Group> {
    let mut groups = Vec::new();
    groups_of_order!(
        &mut groups,
        2,
        3,
        mul_2,
        exp_2,
        exp_2_div,
        sin_2,
        sin_2_div,
        div_2,
        div_2_div
    );
    groups_of_order!(
        &mut groups,
        4,
        5,
        mul_4,
        exp_4,
        exp_4_div,
        sin_4,
        sin_4_div,
        div_4,
        div_4_div
    );
    groups_of_order!(
        &mut groups,
        10,
        11,
        mul_10,
        exp_10,
        exp_10_div,
        sin_10,
        sin_10_div,
        div_10,
        div_10_div
    );
    groups
}

// ---- harness: criterion, or interleaved rounds robust to a loaded machine ------------

#[path = "common/harness.rs"]
mod harness;
use harness::Group;

fn main() {
    harness::main_with(groups());
}

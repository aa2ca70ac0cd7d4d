//! The W2 MLP's Laplacian written by hand in plain `f64` arrays, in the standard and the
//! collapsed form: the floor that the two jet kinds are measured against in
//! `operators.rs`. Same operations in the same order as the jets pushed through
//! `Mlp::eval` (left-to-right dot products, bias, tanh with its auxiliary series), the
//! directions given as data, so the compiler can fold nothing the jets cannot.
#![allow(clippy::needless_range_loop)] // indexed loops, as in `Mlp::eval`

use crate::mlp::{Mlp, D, H};

/// One hidden unit's standard 2-jets: value, first and second coefficients per direction.
type Standard = (f64, [f64; D], [f64; D]);
/// One hidden unit's collapsed jet: value, first coefficients, summed second coefficient.
type Collapsed = (f64, [f64; D], f64);

/// `tanh` and `sech²` of a value: coefficient 0 of the runtime's `tanh` rule (one libm
/// call, as a careful hand-written kernel would make).
#[inline(always)]
fn tanh_sech2(v: f64) -> (f64, f64) {
    jet::rules::tanh(&[v], &[], &[], 0)
}

/// `w · inputs + b` over standard 2-jets, then tanh: y1 = d0 a1, y2 = d0 a2 − y0 y1 a1.
#[inline(always)]
fn unit_standard<const M: usize>(w: &[f64; M], b: f64, inputs: &[Standard; M]) -> Standard {
    let (mut v, mut f, mut s) = (w[0] * inputs[0].0, [0.0; D], [0.0; D]);
    for r in 0..D {
        f[r] = w[0] * inputs[0].1[r];
        s[r] = w[0] * inputs[0].2[r];
    }
    for j in 1..M {
        v += w[j] * inputs[j].0;
        for r in 0..D {
            f[r] += w[j] * inputs[j].1[r];
            s[r] += w[j] * inputs[j].2[r];
        }
    }
    let (y, d0) = tanh_sech2(v + b);
    let (mut y1, mut y2) = ([0.0; D], [0.0; D]);
    for r in 0..D {
        y1[r] = d0 * f[r];
        y2[r] = d0 * s[r] - y * y1[r] * f[r];
    }
    (y, y1, y2)
}

/// `w · inputs + b` over collapsed jets, then tanh: top = d0 A2 − y0 Σ_r y1_r a1_r.
#[inline(always)]
fn unit_collapsed<const M: usize>(w: &[f64; M], b: f64, inputs: &[Collapsed; M]) -> Collapsed {
    let (mut v, mut f, mut top) = (w[0] * inputs[0].0, [0.0; D], w[0] * inputs[0].2);
    for r in 0..D {
        f[r] = w[0] * inputs[0].1[r];
    }
    for j in 1..M {
        v += w[j] * inputs[j].0;
        for r in 0..D {
            f[r] += w[j] * inputs[j].1[r];
        }
        top += w[j] * inputs[j].2;
    }
    let (y, d0) = tanh_sech2(v + b);
    let (mut y1, mut q) = ([0.0; D], 0.0);
    for r in 0..D {
        y1[r] = d0 * f[r];
        q += y1[r] * f[r];
    }
    (y, y1, d0 * top - y * q)
}

/// Δf(x) by `D` standard 2-jets along `dirs` (the unit vectors), by hand.
#[inline(never)]
pub fn standard(m: &Mlp, x: &[f64; D], dirs: &[[f64; D]; D]) -> f64 {
    let x: [Standard; D] = core::array::from_fn(|i| (x[i], dirs[i], [0.0; D]));
    let h1: [Standard; H] = core::array::from_fn(|i| unit_standard(&m.w1[i], m.b1[i], &x));
    let h2: [Standard; H] = core::array::from_fn(|i| unit_standard(&m.w2[i], m.b2[i], &h1));
    let mut s = [0.0; D];
    for r in 0..D {
        s[r] = m.w3[0] * h2[0].2[r];
    }
    for j in 1..H {
        for r in 0..D {
            s[r] += m.w3[j] * h2[j].2[r];
        }
    }
    2.0 * s.iter().sum::<f64>()
}

/// Δf(x) by one collapsed jet along `dirs`, by hand.
#[inline(never)]
pub fn collapsed(m: &Mlp, x: &[f64; D], dirs: &[[f64; D]; D]) -> f64 {
    let x: [Collapsed; D] = core::array::from_fn(|i| (x[i], dirs[i], 0.0));
    let h1: [Collapsed; H] = core::array::from_fn(|i| unit_collapsed(&m.w1[i], m.b1[i], &x));
    let h2: [Collapsed; H] = core::array::from_fn(|i| unit_collapsed(&m.w2[i], m.b2[i], &h1));
    let mut top = m.w3[0] * h2[0].2;
    for j in 1..H {
        top += m.w3[j] * h2[j].2;
    }
    2.0 * top
}

/// The unit vectors of `R^D` (the Laplacian's directions).
pub fn unit_vectors() -> [[f64; D]; D] {
    core::array::from_fn(|i| core::array::from_fn(|r| if r == i { 1.0 } else { 0.0 }))
}

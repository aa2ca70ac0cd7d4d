//! Kernels over slices, arrays and `Vec`s through `#[jet]`, against independent
//! references:
//! - Lennard-Jones energy of 16 particles (`tests/data/w3_lj.json`), its Taylor
//!   coefficients to order 4 along the file's direction, against per-pair radial
//!   derivatives of `4 (s^-6 - s^-3)` (`s = r²`) combined by Faà di Bruno along the
//!   quadratic `s(t) = |d + t w|²`, written out here without any Taylor recurrence;
//! - the tanh MLP 8 → 32 → 32 → 1 (`tests/data/w2_mlp.json`), weights as inactive
//!   slices, against num-dual's `Dual3_64` along the same direction;
//! - a Morse pair potential to order 6 against its closed-form derivatives, and forces
//!   (the gradient by one first-order jet per coordinate) against the closed form;
//! - the container shapes one by one: `&mut [T]` outputs, `[T; N]` and `Vec<T>`
//!   results, buffers that become active, iterator chains, helpers calling helpers.

// The original functions are kept beside their companions; the tests call companions.
#![allow(dead_code)]

use jet::{jet, Jet};
use num_dual::{Dual3_64, DualNum};

fn rel_close(got: f64, want: f64, scale: f64, tol: f64) -> bool {
    (got - want).abs() <= tol * scale.max(f64::MIN_POSITIVE)
}

fn assert_all_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    let scale = want.iter().fold(0.0f64, |m, w| m.max(w.abs()));
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            rel_close(*g, *w, scale, tol),
            "{what}: coefficient {k}: got {g:e}, want {w:e} (all: {got:?} vs {want:?})"
        );
    }
}

fn load(name: &str) -> serde_json::Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn floats(v: &serde_json::Value) -> Vec<f64> {
    match v {
        serde_json::Value::Array(a) => a.iter().flat_map(floats).collect(),
        other => vec![other.as_f64().expect("a number")],
    }
}

// ---- Lennard-Jones ---------------------------------------------------------------------

#[path = "support/lj.rs"]
mod lj;
use lj::{lj_energy, lj_energy_jet};

/// The same energy through `sqrt` and `powi`, with an `order`.
#[jet(order = 4)]
fn lj_energy_sqrt(x: &[f64]) -> f64 {
    let n = x.len() / 3;
    let mut e = 0.0;
    for i in 0..n {
        for j in (i + 1)..n {
            let dx = x[3 * i] - x[3 * j];
            let dy = x[3 * i + 1] - x[3 * j + 1];
            let dz = x[3 * i + 2] - x[3 * j + 2];
            let r = (dx * dx + dy * dy + dz * dz).sqrt();
            e += 4.0 * (r.powi(-12) - r.powi(-6));
        }
    }
    e
}

/// Falling factorial a (a − 1) ... (a − m + 1).
fn falling(a: f64, m: usize) -> f64 {
    (0..m).fold(1.0, |p, i| p * (a - i as f64))
}

fn factorial(n: usize) -> f64 {
    (1..=n).fold(1.0, |p, i| p * i as f64)
}

/// Normalized Taylor coefficients of t ↦ E(x + t v), pair by pair: with d = x_i − x_j,
/// w = v_i − v_j, s(t) = a + b t + c t² (a = |d|², b = 2 d·w, c = |w|²) and
/// φ(s) = 4 (s⁻⁶ − s⁻³), Faà di Bruno with s' = b, s'' = 2c and no higher derivative
/// gives g_n = Σ_m φ⁽ᵐ⁾(a) b^{2m−n} c^{n−m} / ((2m−n)! (n−m)!).
fn lj_reference(x: &[f64], v: &[f64], order: usize) -> Vec<f64> {
    let n = x.len() / 3;
    let mut out = vec![0.0; order + 1];
    for i in 0..n {
        for j in (i + 1)..n {
            let (mut a, mut b, mut c) = (0.0, 0.0, 0.0);
            for k in 0..3 {
                let d = x[3 * i + k] - x[3 * j + k];
                let w = v[3 * i + k] - v[3 * j + k];
                a += d * d;
                b += 2.0 * d * w;
                c += w * w;
            }
            let phi = |m: usize| {
                4.0 * (falling(-6.0, m) * a.powi(-6 - m as i32)
                    - falling(-3.0, m) * a.powi(-3 - m as i32))
            };
            for (nn, slot) in out.iter_mut().enumerate() {
                let mut g = 0.0;
                for m in 0..=nn {
                    if 2 * m < nn {
                        continue;
                    }
                    let (j1, j2) = (2 * m - nn, nn - m);
                    g += phi(m) * b.powi(j1 as i32) * c.powi(j2 as i32)
                        / (factorial(j1) * factorial(j2));
                }
                *slot += g;
            }
        }
    }
    out
}

fn lj_data() -> (Vec<f64>, Vec<f64>) {
    let data = load("w3_lj.json");
    (floats(&data["positions"]), floats(&data["direction"]))
}

#[test]
fn lennard_jones_16_taylor_coefficients_match_faa_di_bruno() {
    let (x, v) = lj_data();
    assert_eq!(x.len(), 48);
    let xj: Vec<Jet<f64, 5>> = x.iter().zip(&v).map(|(&x, &v)| Jet::along(x, v)).collect();
    let got = lj_energy_jet(&xj);
    let want = lj_reference(&x, &v, 4);
    assert_all_close("LJ-16 squared distances", &got.coefficients(), &want, 1e-13);
    // Each coefficient separately, relative to itself where it is not a cancellation.
    for (k, &w) in want.iter().enumerate() {
        let g = got.coefficient(k);
        assert!(
            (g - w).abs() <= 1e-12 * w.abs(),
            "coefficient {k}: {g:e} vs {w:e}"
        );
    }
    assert!((got.value() - lj_energy(&x)).abs() <= 1e-13 * lj_energy(&x).abs());
    let got_sqrt = lj_energy_sqrt_jet(&xj);
    assert_all_close("LJ-16 sqrt/powi", &got_sqrt.coefficients(), &want, 1e-13);
}

#[test]
fn lennard_jones_companion_takes_an_array_too() {
    let (x, v) = lj_data();
    let mut xj = [Jet::<f64, 3>::constant(0.0); 48];
    for k in 0..48 {
        xj[k] = Jet::along(x[k], v[k]);
    }
    let got = lj_energy_jet(&xj);
    assert_all_close(
        "LJ-16 from an array",
        &got.coefficients(),
        &lj_reference(&x, &v, 2),
        1e-13,
    );
}

// ---- MLP -------------------------------------------------------------------------------

/// f(x) = w3 · tanh(W2 tanh(W1 x + b1) + b2); weights row-major, inactive.
#[jet(wrt(x))]
fn mlp(w1: &[f64], b1: &[f64], w2: &[f64], b2: &[f64], w3: &[f64], x: &[f64]) -> f64 {
    let d = x.len();
    let h1 = b1.len();
    let h2 = b2.len();
    let mut a1 = vec![0.0; h1];
    for i in 0..h1 {
        let mut s = b1[i];
        for j in 0..d {
            s += w1[i * d + j] * x[j];
        }
        a1[i] = s.tanh();
    }
    let mut out = 0.0;
    for i in 0..h2 {
        let mut s = b2[i];
        for j in 0..h1 {
            s += w2[i * h1 + j] * a1[j];
        }
        out += w3[i] * s.tanh();
    }
    out
}

/// The same network with iterators and a `#[jet]` helper per layer.
#[jet(wrt(x))]
fn dense_tanh(w: &[f64], b: &[f64], x: &[f64]) -> Vec<f64> {
    let d = x.len();
    let mut out = Vec::with_capacity(b.len());
    for (i, bi) in b.iter().enumerate() {
        let row = &w[i * d..(i + 1) * d];
        let s: f64 = row.iter().zip(x.iter()).map(|(wij, xj)| wij * xj).sum();
        out.push((s + bi).tanh());
    }
    out
}

#[jet(wrt(x))]
fn mlp_layers(w1: &[f64], b1: &[f64], w2: &[f64], b2: &[f64], w3: &[f64], x: &[f64]) -> f64 {
    let a1 = dense_tanh(w1, b1, x);
    let a2 = dense_tanh(w2, b2, &a1);
    w3.iter()
        .zip(a2.iter())
        .fold(0.0, |acc, (w, a)| acc + w * a)
}

struct Mlp {
    w1: Vec<f64>,
    b1: Vec<f64>,
    w2: Vec<f64>,
    b2: Vec<f64>,
    w3: Vec<f64>,
}

fn mlp_data() -> (Mlp, Vec<f64>) {
    let d = load("w2_mlp.json");
    let net = Mlp {
        w1: floats(&d["W1"]),
        b1: floats(&d["b1"]),
        w2: floats(&d["W2"]),
        b2: floats(&d["b2"]),
        w3: floats(&d["w3"]),
    };
    (net, floats(&d["x_single"]))
}

/// The reference: the network over any `DualNum` (num-dual's chain rule, no Taylor
/// recurrence).
fn mlp_dual<D: DualNum<f64> + Copy>(net: &Mlp, x: &[D]) -> D {
    let d = x.len();
    let a1: Vec<D> = (0..net.b1.len())
        .map(|i| {
            let s = (0..d).fold(D::from(net.b1[i]), |s, j| s + x[j] * net.w1[i * d + j]);
            s.tanh()
        })
        .collect();
    let h1 = a1.len();
    (0..net.b2.len()).fold(D::from(0.0), |out, i| {
        let s = (0..h1).fold(D::from(net.b2[i]), |s, j| s + a1[j] * net.w2[i * h1 + j]);
        out + s.tanh() * net.w3[i]
    })
}

fn direction(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
        })
        .collect()
}

#[test]
fn mlp_jet_along_a_direction_matches_nested_duals() {
    let (net, x) = mlp_data();
    assert_eq!((x.len(), net.w1.len(), net.w2.len()), (8, 256, 1024));
    for seed in [1u64, 7, 42] {
        let v = direction(8, seed);
        let xj: Vec<Jet<f64, 4>> = x.iter().zip(&v).map(|(&x, &v)| Jet::along(x, v)).collect();
        let xd: Vec<Dual3_64> = x
            .iter()
            .zip(&v)
            .map(|(&x, &v)| Dual3_64::new(x, v, 0.0, 0.0))
            .collect();
        let r = mlp_dual(&net, &xd);
        let want = [r.re, r.v1, r.v2, r.v3];
        let got = mlp_jet(&net.w1, &net.b1, &net.w2, &net.b2, &net.w3, &xj);
        assert_all_close("MLP loops", &got.derivatives(), &want, 1e-13);
        let got = mlp_layers_jet(&net.w1, &net.b1, &net.w2, &net.b2, &net.w3, &xj);
        assert_all_close("MLP iterators + helper", &got.derivatives(), &want, 1e-13);
        assert!((mlp(&net.w1, &net.b1, &net.w2, &net.b2, &net.w3, &x) - r.re).abs() < 1e-14);
    }
}

// ---- Morse pair potential and forces ---------------------------------------------------

const MORSE_D: f64 = 4.7;
const MORSE_A: f64 = 1.9;
const MORSE_R0: f64 = 0.74;

/// Σ_{i<j} D (1 − e^{−a (r − r0)})² over particles `x[3 i + c]`.
#[jet]
fn morse_energy(x: &[f64]) -> f64 {
    let n = x.len() / 3;
    let mut e = 0.0;
    for i in 0..n {
        for j in (i + 1)..n {
            let mut r2 = 0.0;
            for c in 0..3 {
                let d = x[3 * i + c] - x[3 * j + c];
                r2 += d * d;
            }
            let q = 1.0 - (-MORSE_A * (r2.sqrt() - MORSE_R0)).exp();
            e += MORSE_D * q * q;
        }
    }
    e
}

/// V^(k)(r) of the Morse pair: V = D (1 − 2u + u²), u = e^{−a (r − r0)}.
fn morse_derivative(r: f64, k: usize) -> f64 {
    let u = (-MORSE_A * (r - MORSE_R0)).exp();
    if k == 0 {
        return MORSE_D * (1.0 - u) * (1.0 - u);
    }
    MORSE_D * (-2.0 * (-MORSE_A).powi(k as i32) * u + (-2.0 * MORSE_A).powi(k as i32) * u * u)
}

#[test]
fn morse_pair_derivatives_to_order_six() {
    for r in [0.6, 0.74, 0.9, 1.4, 2.5] {
        // Particle 1 moves along the axis: r(t) = r + t.
        let x = [
            Jet::<f64, 7>::constant(0.0),
            Jet::constant(0.0),
            Jet::constant(0.0),
            Jet::variable(r),
            Jet::constant(0.0),
            Jet::constant(0.0),
        ];
        let got = morse_energy_jet(&x);
        let want: Vec<f64> = (0..7).map(|k| morse_derivative(r, k)).collect();
        assert_all_close(
            &format!("Morse at r = {r}"),
            &got.derivatives(),
            &want,
            1e-13,
        );
    }
}

#[test]
fn forces_by_first_order_jets_match_the_closed_form_gradient() {
    let (x, _) = lj_data();
    let x = &x[..24]; // 8 particles
    let n = x.len() / 3;
    let mut want = vec![0.0; x.len()];
    for i in 0..n {
        for j in (i + 1)..n {
            let d: Vec<f64> = (0..3).map(|c| x[3 * i + c] - x[3 * j + c]).collect();
            let r = d.iter().map(|v| v * v).sum::<f64>().sqrt();
            let dv = morse_derivative(r, 1);
            for c in 0..3 {
                want[3 * i + c] += dv * d[c] / r;
                want[3 * j + c] -= dv * d[c] / r;
            }
        }
    }
    let mut grad = vec![0.0; x.len()];
    let mut xj: Vec<Jet<f64, 2>> = x.iter().map(|&v| Jet::constant(v)).collect();
    for k in 0..x.len() {
        xj[k] = Jet::variable(x[k]);
        grad[k] = morse_energy_jet(&xj).derivative(1);
        xj[k] = Jet::constant(x[k]);
    }
    assert_all_close("Morse forces", &grad, &want, 1e-13);
}

// ---- shapes ----------------------------------------------------------------------------

/// `&mut [T]` output written in place, with an inactive weight slice.
#[jet(order = 3, wrt(x, out))]
fn scaled_sines(w: &[f64], x: &[f64], out: &mut [f64]) -> f64 {
    let mut total = 0.0;
    for i in 0..x.len() {
        out[i] = w[i] * x[i].sin();
        total += out[i];
    }
    total
}

#[test]
fn mutable_slice_outputs_are_written_in_place() {
    let w = [2.0, -1.0, 0.5];
    let x: Vec<Jet<f64, 4>> = [0.3, 1.1, -0.7].iter().map(|&v| Jet::variable(v)).collect();
    let mut out = [Jet::<f64, 4>::constant(0.0); 3];
    let total = scaled_sines_jet(&w, &x, &mut out);
    let mut sum = [0.0; 4];
    for i in 0..3 {
        let x0: f64 = x[i].value();
        let want = [x0.sin(), x0.cos(), -x0.sin(), -x0.cos()].map(|d| w[i] * d);
        assert_all_close("out[i]", &out[i].derivatives(), &want, 1e-14);
        for k in 0..4 {
            sum[k] += want[k];
        }
    }
    assert_all_close("total", &total.derivatives(), &sum, 1e-14);
}

/// `[T; N]` in, `[T; N]` out (a rotation), a `[0.0; N]` buffer, tuples with arrays.
#[jet(order = 2)]
fn rotate(p: [f64; 2], theta: f64) -> ([f64; 2], f64) {
    let (s, c) = theta.sin_cos();
    let mut q = [0.0; 2];
    q[0] = c * p[0] - s * p[1];
    q[1] = s * p[0] + c * p[1];
    (q, q[0] * q[0] + q[1] * q[1])
}

#[test]
fn arrays_in_and_out() {
    let p = [Jet::<f64, 3>::constant(1.0), Jet::constant(0.0)];
    let (q, norm) = rotate_jet(p, Jet::variable(0.0));
    // Rotating (1, 0) by θ = t: (cos t, sin t).
    assert_all_close("q0", &q[0].coefficients(), &[1.0, 0.0, -0.5], 1e-15);
    assert_all_close("q1", &q[1].coefficients(), &[0.0, 1.0, 0.0], 1e-15);
    assert_all_close("|q|²", &norm.coefficients(), &[1.0, 0.0, 0.0], 1e-15);
}

/// `Vec<T>` result built with `push`, iterator sums, products and folds.
#[jet(order = 3)]
fn powers(x: f64, n: usize) -> (Vec<f64>, f64, f64) {
    let mut v = Vec::new();
    let mut p = 1.0;
    for _ in 0..n {
        p *= x;
        v.push(p);
    }
    let s: f64 = v.iter().sum();
    let prod = v.iter().copied().product::<f64>();
    (v, s, prod)
}

#[test]
fn vec_results_sums_and_products() {
    let (v, s, prod) = powers_jet(Jet::variable(2.0), 3);
    assert_eq!(v.len(), 3);
    assert_all_close("x^3", &v[2].derivatives(), &[8.0, 12.0, 12.0, 6.0], 1e-15);
    // s = x + x² + x³, prod = x⁶.
    assert_all_close("sum", &s.derivatives(), &[14.0, 17.0, 14.0, 6.0], 1e-15);
    assert_all_close(
        "product",
        &prod.derivatives(),
        &[64.0, 192.0, 480.0, 960.0],
        1e-15,
    );
}

/// Helpers taking and returning slices and arrays, calling each other.
#[jet]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        s += a[i] * b[i];
    }
    s
}

#[jet]
fn normalized(a: &[f64; 3]) -> [f64; 3] {
    let n = dot(a, a).sqrt();
    [a[0] / n, a[1] / n, a[2] / n]
}

#[jet]
fn cosine(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let (ua, ub) = (normalized(a), normalized(b));
    dot(&ua, &ub)
}

#[test]
fn helpers_over_slices_call_each_other() {
    let t = Jet::<f64, 5>::variable(0.0);
    let a = [Jet::constant(1.0), Jet::constant(0.0), Jet::constant(0.0)];
    let b = [t.cos(), t.sin(), Jet::constant(0.0)];
    let c = cosine_jet(&a, &b);
    // cos(t) = 1 − t²/2 + t⁴/24.
    assert_all_close(
        "cosine",
        &c.coefficients(),
        &[1.0, 0.0, -0.5, 0.0, 1.0 / 24.0],
        1e-15,
    );
}

/// `iter_mut`, `enumerate`, `zip`, a `fold` with a closure, `windows`, nested arrays.
#[jet(order = 2, wrt(x))]
fn iterator_shapes(x: &[f64], m: &[[f64; 2]]) -> f64 {
    let mut y = vec![0.0; x.len()];
    for (yi, xi) in y.iter_mut().zip(x.iter()) {
        *yi = 2.0 * xi;
    }
    for yi in y.iter_mut() {
        *yi += 1.0;
    }
    let mut e = 0.0;
    for (i, &yi) in y.iter().enumerate() {
        e += yi * (i as f64 + 1.0);
    }
    let f = x.iter().fold(0.0, |acc, xi| acc + xi * xi);
    let mut g = 0.0;
    for row in m {
        g += row[0] * x[0] + row[1] * x[1];
    }
    let mut h = 0.0;
    for w in x.windows(2) {
        h += w[1] - w[0];
    }
    e + f + g + h
}

#[test]
fn iterator_chains() {
    let x: Vec<Jet<f64, 3>> = [0.5, -1.0, 2.0].iter().map(|&v| Jet::variable(v)).collect();
    let m = [[1.0, 2.0], [3.0, -1.0]];
    let y = iterator_shapes_jet(&x, &m);
    // All x_i = x0_i + t: e = Σ (2x_i + 1)(i + 1), f = Σ x_i², g = 4 x_0 + x_1, h = x_2 − x_0.
    let x0 = [0.5, -1.0, 2.0];
    let e0: f64 = (0..3).map(|i| (2.0 * x0[i] + 1.0) * (i as f64 + 1.0)).sum();
    let f0: f64 = x0.iter().map(|v| v * v).sum();
    let value = e0 + f0 + 4.0 * x0[0] + x0[1] + x0[2] - x0[0];
    let slope = 2.0 * 6.0 + 2.0 * x0.iter().sum::<f64>() + 5.0;
    assert_all_close("iterators", &y.coefficients(), &[value, slope, 3.0], 1e-14);
}

// ---- structs of floats -----------------------------------------------------------------

/// A particle; `#[jet::jet_struct]` emits `ParticleJet<J> { x: J, y: J, z: J }`.
#[jet::jet_struct]
#[derive(Clone, Copy, Debug)]
pub struct Particle {
    pub x: f64,
    pub y: f64,
    pub z: f64,
}

/// Lennard-Jones over a slice of particles, the struct written as a user would.
#[jet(structs(Particle))]
fn lj_particles(ps: &[Particle]) -> f64 {
    let mut e = 0.0;
    for (i, p) in ps.iter().enumerate() {
        for q in &ps[i + 1..] {
            let (dx, dy, dz) = (p.x - q.x, p.y - q.y, p.z - q.z);
            let s = 1.0 / (dx * dx + dy * dy + dz * dz);
            let s3 = s * s * s;
            e += 4.0 * (s3 * s3 - s3);
        }
    }
    e
}

/// A struct result and a struct built in the body.
#[jet(structs(Particle), order = 2)]
fn centroid(ps: &[Particle]) -> Particle {
    let mut c = Particle {
        x: 0.0,
        y: 0.0,
        z: 0.0,
    };
    for p in ps {
        c.x += p.x;
        c.y += p.y;
        c.z += p.z;
    }
    let n = ps.len() as f64;
    Particle {
        x: c.x / n,
        y: c.y / n,
        z: c.z / n,
    }
}

#[test]
fn structs_of_floats_through_their_jet_twin() {
    let (x, v) = lj_data();
    let ps: Vec<ParticleJet<Jet<f64, 5>>> = (0..16)
        .map(|i| ParticleJet {
            x: Jet::along(x[3 * i], v[3 * i]),
            y: Jet::along(x[3 * i + 1], v[3 * i + 1]),
            z: Jet::along(x[3 * i + 2], v[3 * i + 2]),
        })
        .collect();
    let got = lj_particles_jet(&ps);
    assert_all_close(
        "LJ-16 over particles",
        &got.coefficients(),
        &lj_reference(&x, &v, 4),
        1e-13,
    );
    let plain: Vec<Particle> = ps.iter().map(|p| p.value()).collect();
    assert!((lj_particles(&plain) - got.value()).abs() <= 1e-13 * got.value().abs());
    let qs: Vec<ParticleJet<Jet<f64, 3>>> = plain
        .iter()
        .map(|p| {
            ParticleJet::from_fn(p, |name, v| {
                if name == "x" {
                    Jet::variable(v)
                } else {
                    Jet::constant(v)
                }
            })
        })
        .collect();
    let c = centroid_jet(&qs);
    let cx: f64 = plain.iter().map(|p| p.x).sum::<f64>() / 16.0;
    assert_all_close("centroid x", &c.x.coefficients(), &[cx, 1.0, 0.0], 1e-14);
    assert_eq!(c.y.coefficient(1), 0.0);
    assert_eq!(
        ParticleJet::<Jet<f64, 3>>::constant(&plain[0]).value().z,
        plain[0].z
    );
}

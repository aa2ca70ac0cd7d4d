//! Kernels over slices: the `#[jet]` companions of the Lennard-Jones energy of 16
//! particles (4-jet along a direction, `tests/data/w3_lj.json`) and of the tanh MLP
//! 8 → 32 → 32 → 1 (2-jet along a direction, `tests/data/w2_mlp.json`), against the same
//! Taylor computation written by hand on coefficient arrays `[f64; N]` with the
//! runtime's incremental rules (`jet::rules::*`, one loop over k per operation, the
//! operations in the companion's order).
//!
//! - `kernels/<kernel>/jet`: the companion (`&[Jet<f64, N>]` in, weights as `&[f64]`);
//! - `kernels/<kernel>/handwritten`: the hand-written version below.
//!
//! `main` checks both agree (1e-13) before timing. Run with `cargo bench --bench kernels`
//! (criterion, 2 s measurement); with `JET_BENCH_INTERLEAVED=1` it prints the median
//! ratio `jet / handwritten` over alternating rounds (robust to a loaded machine).

use criterion::{black_box, Criterion};
use jet::{jet, rules, Jet};
use std::time::{Duration, Instant};

#[path = "../tests/support/lj.rs"]
mod lj;
use lj::{lj_energy, lj_energy_jet};

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

/// One operation: `c[k] = rule(k)` for k = 0..N (rules read `c[..k]`).
macro_rules! run {
    ($n:expr, |$c:ident, $k:ident| $rule:expr) => {{
        let mut $c = [0.0f64; $n];
        for $k in 0..$n {
            $c[$k] = $rule;
        }
        $c
    }};
}

/// LJ by hand on coefficient arrays, the companion's operations in its order.
fn lj_handwritten<const N: usize>(x: &[[f64; N]]) -> [f64; N] {
    let n = x.len() / 3;
    let mut e = [0.0; N];
    for i in 0..n {
        for j in (i + 1)..n {
            let mut r2 = [0.0; N];
            for c in 0..3 {
                let (a, b) = (&x[3 * i + c], &x[3 * j + c]);
                let d = run!(N, |d, k| rules::sub(a, b, k));
                let d2 = run!(N, |q, k| rules::square(&d, k));
                r2 = run!(N, |s, k| rules::add(&r2, &d2, k));
            }
            let r4 = run!(N, |q, k| rules::square(&r2, k));
            let r6 = run!(N, |q, k| rules::mul(&r4, &r2, k));
            let mut s6 = [0.0; N];
            for k in 0..N {
                s6[k] = rules::scalar_div(1.0, &r6, &s6, k);
            }
            let s12 = run!(N, |q, k| rules::square(&s6, k));
            let diff = run!(N, |q, k| rules::sub(&s12, &s6, k));
            let term = run!(N, |q, k| rules::mul_scalar(&diff, 4.0, k));
            e = run!(N, |q, k| rules::add(&e, &term, k));
        }
    }
    e
}

fn tanh_arr<const N: usize>(a: &[f64; N]) -> [f64; N] {
    let (mut c, mut d) = ([0.0; N], [0.0; N]);
    for k in 0..N {
        let (ck, dk) = rules::tanh(a, &c, &d, k);
        c[k] = ck;
        d[k] = dk;
    }
    c
}

/// The MLP by hand on coefficient arrays (scalar weights: O(K) per multiply-add).
#[allow(clippy::too_many_arguments)]
fn mlp_handwritten<const N: usize>(
    w1: &[f64],
    b1: &[f64],
    w2: &[f64],
    b2: &[f64],
    w3: &[f64],
    x: &[[f64; N]],
) -> [f64; N] {
    let d = x.len();
    let (h1, h2) = (b1.len(), b2.len());
    let mut a1 = vec![[0.0; N]; h1];
    for i in 0..h1 {
        let mut s = [0.0; N];
        s[0] = b1[i];
        for j in 0..d {
            let w = w1[i * d + j];
            let t = run!(N, |q, k| rules::mul_scalar(&x[j], w, k));
            s = run!(N, |q, k| rules::add(&s, &t, k));
        }
        a1[i] = tanh_arr(&s);
    }
    let mut out = [0.0; N];
    for i in 0..h2 {
        let mut s = [0.0; N];
        s[0] = b2[i];
        for j in 0..h1 {
            let w = w2[i * h1 + j];
            let t = run!(N, |q, k| rules::mul_scalar(&a1[j], w, k));
            s = run!(N, |q, k| rules::add(&s, &t, k));
        }
        let a = tanh_arr(&s);
        let t = run!(N, |q, k| rules::mul_scalar(&a, w3[i], k));
        out = run!(N, |q, k| rules::add(&out, &t, k));
    }
    out
}

fn load(name: &str) -> serde_json::Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("data file")).expect("json")
}

fn floats(v: &serde_json::Value) -> Vec<f64> {
    match v {
        serde_json::Value::Array(a) => a.iter().flat_map(floats).collect(),
        other => vec![other.as_f64().expect("a number")],
    }
}

struct Data {
    lj_jets: Vec<Jet<f64, 5>>,
    lj_arrays: Vec<[f64; 5]>,
    net: [Vec<f64>; 5],
    x_jets: Vec<Jet<f64, 3>>,
    x_arrays: Vec<[f64; 3]>,
}

fn data() -> Data {
    let lj = load("w3_lj.json");
    let (x, v) = (floats(&lj["positions"]), floats(&lj["direction"]));
    let lj_jets: Vec<Jet<f64, 5>> = x.iter().zip(&v).map(|(&x, &v)| Jet::along(x, v)).collect();
    let lj_arrays = lj_jets.iter().map(|j| j.coefficients()).collect();
    let m = load("w2_mlp.json");
    let net = ["W1", "b1", "W2", "b2", "w3"].map(|k| floats(&m[k]));
    let xs = floats(&m["x_single"]);
    let x_jets: Vec<Jet<f64, 3>> = xs
        .iter()
        .enumerate()
        .map(|(i, &x)| Jet::along(x, 0.3 + 0.1 * i as f64))
        .collect();
    let x_arrays = x_jets.iter().map(|j| j.coefficients()).collect();
    Data {
        lj_jets,
        lj_arrays,
        net,
        x_jets,
        x_arrays,
    }
}

fn run_lj_jet(d: &Data) -> [f64; 5] {
    lj_energy_jet(black_box(&d.lj_jets)).coefficients()
}

fn run_lj_hand(d: &Data) -> [f64; 5] {
    lj_handwritten(black_box(&d.lj_arrays))
}

fn run_mlp_jet(d: &Data) -> [f64; 3] {
    let [w1, b1, w2, b2, w3] = &d.net;
    mlp_jet(w1, b1, w2, b2, w3, black_box(&d.x_jets)).coefficients()
}

fn run_mlp_hand(d: &Data) -> [f64; 3] {
    let [w1, b1, w2, b2, w3] = &d.net;
    mlp_handwritten(w1, b1, w2, b2, w3, black_box(&d.x_arrays))
}

fn check(what: &str, a: &[f64], b: &[f64]) {
    let scale = b.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    for (x, y) in a.iter().zip(b) {
        assert!((x - y).abs() <= 1e-13 * scale, "{what}: {a:?} vs {b:?}");
    }
}

/// Median over rounds of the per-round time ratio `jet / handwritten`.
fn interleaved(d: &Data) {
    fn time(f: &dyn Fn() -> f64, reps: u32) -> f64 {
        let t = Instant::now();
        let mut acc = 0.0;
        for _ in 0..reps {
            acc += f();
        }
        black_box(acc);
        t.elapsed().as_secs_f64() / f64::from(reps)
    }
    type Variant<'a> = (
        &'a str,
        Box<dyn Fn() -> f64 + 'a>,
        Box<dyn Fn() -> f64 + 'a>,
        u32,
    );
    let variants: [Variant; 2] = [
        (
            "LJ-16, 4-jet",
            Box::new(|| run_lj_jet(d)[4]),
            Box::new(|| run_lj_hand(d)[4]),
            20,
        ),
        (
            "MLP 8-32-32-1, 2-jet",
            Box::new(|| run_mlp_jet(d)[2]),
            Box::new(|| run_mlp_hand(d)[2]),
            40,
        ),
    ];
    for (name, jet, hand, reps) in &variants {
        let mut ratios = Vec::new();
        let mut best = (f64::MAX, f64::MAX);
        for _ in 0..200 {
            let a = time(jet.as_ref(), *reps);
            let b = time(hand.as_ref(), *reps);
            best = (best.0.min(a), best.1.min(b));
            ratios.push(a / b);
        }
        ratios.sort_by(f64::total_cmp);
        println!(
            "{name}: jet {:.2} µs, handwritten {:.2} µs (best), median ratio jet/handwritten {:.3}",
            best.0 * 1e6,
            best.1 * 1e6,
            ratios[ratios.len() / 2]
        );
    }
}

fn main() {
    let d = data();
    check("LJ", &run_lj_jet(&d), &run_lj_hand(&d));
    check("MLP", &run_mlp_jet(&d), &run_mlp_hand(&d));
    // The companions' values are the primal functions' values.
    let x0: Vec<f64> = d.lj_jets.iter().map(|j| j.value()).collect();
    check("LJ value", &[run_lj_jet(&d)[0]], &[lj_energy(&x0)]);
    let [w1, b1, w2, b2, w3] = &d.net;
    let x0: Vec<f64> = d.x_jets.iter().map(|j| j.value()).collect();
    check(
        "MLP value",
        &[run_mlp_jet(&d)[0]],
        &[mlp(w1, b1, w2, b2, w3, &x0)],
    );
    if std::env::var_os("JET_BENCH_INTERLEAVED").is_some() {
        interleaved(&d);
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    {
        let mut g = c.benchmark_group("kernels/lj16_k4");
        g.bench_function("jet", |b| b.iter(|| run_lj_jet(&d)));
        g.bench_function("handwritten", |b| b.iter(|| run_lj_hand(&d)));
        g.finish();
    }
    {
        let mut g = c.benchmark_group("kernels/mlp_k2");
        g.bench_function("jet", |b| b.iter(|| run_mlp_jet(&d)));
        g.bench_function("handwritten", |b| b.iter(|| run_mlp_hand(&d)));
        g.finish();
    }
    c.final_summary();
}

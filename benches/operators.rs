//! PDE-operator benchmark: the Laplacian of the W2 tanh MLP (8 → 32 → 32 → 1,
//! `tests/data/w2_mlp.json`) three ways, at one point and over the 256-point batch.
//!
//! - `collapsed`: [`jet::ops::laplacian`], one pass of `CollapsedJet<f64, 3, 8>` (value
//!   shared, first coefficients per direction, second coefficient summed);
//! - `standard`: [`jet::ops::laplacian_standard`], one pass of `MultiJet<f64, 3, 8>`
//!   (8 second-order jets sharing the value);
//! - `nested_duals`: the Hessian trace by `num-dual` hyper-dual numbers, 8 evaluations with
//!   `ε₁ = ε₂ = e_i` (forward over forward), the usual nested-AD baseline.
//!
//! The batch runs in a local rayon pool of 1 thread and of all threads. `main` checks
//! that the three agree to 1e-13 before timing, runs criterion (2 s per case), then
//! prints the ratios (best of several timed runs) that `benches/README.md` records.
//! Run with `cargo bench --bench operators`.

#[path = "../tests/support/mlp.rs"]
mod mlp;

use criterion::{black_box, criterion_group, Criterion};
use jet::ops;
use mlp::Mlp;
use std::time::{Duration, Instant};

fn collapsed(m: &Mlp, x: &[f64; 8]) -> f64 {
    ops::laplacian(|x: &[_]| m.eval(x), x)
}

fn standard(m: &Mlp, x: &[f64; 8]) -> f64 {
    ops::laplacian_standard(|x: &[_]| m.eval(x), x)
}

fn nested(m: &Mlp, x: &[f64; 8]) -> f64 {
    m.laplacian_nested_duals(x)
}

type Method = fn(&Mlp, &[f64; 8]) -> f64;

const METHODS: [(&str, Method); 3] = [
    ("collapsed", collapsed),
    ("standard", standard),
    ("nested_duals", nested),
];

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
}

fn check(m: &Mlp) {
    let mut points = vec![m.x_single];
    points.extend_from_slice(&m.x_batch);
    for x in &points {
        let n = nested(m, x);
        for (name, f) in METHODS {
            let v = f(m, x);
            assert!(
                (v - n).abs() <= 1e-13 * n.abs().max(1.0),
                "{name} disagrees with nested duals: {v} vs {n}"
            );
        }
    }
}

fn operators(c: &mut Criterion) {
    let m = Mlp::load();
    check(&m);
    let x = m.x_single;

    let mut g = c.benchmark_group("operators/laplacian/single");
    for (name, f) in METHODS {
        g.bench_function(name, |b| b.iter(|| f(black_box(&m), black_box(&x))));
    }
    g.finish();

    let all = rayon::current_num_threads();
    for (label, threads) in [("1_thread", 1), ("all_threads", all)] {
        let p = pool(threads);
        let mut g = c.benchmark_group(format!("operators/laplacian/batch256/{label}"));
        for (name, f) in METHODS {
            g.bench_function(name, |b| {
                b.iter(|| p.install(|| ops::batch(black_box(&m.x_batch), |x| f(&m, x))))
            });
        }
        g.finish();
    }
}

/// Best time of `runs` runs of `reps` calls, per call.
fn best(runs: usize, reps: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..reps {
                f();
            }
            t.elapsed().as_secs_f64() / reps as f64
        })
        .fold(f64::INFINITY, f64::min)
}

/// The ratios recorded in `benches/README.md`.
fn summary() {
    let m = Mlp::load();
    let x = m.x_single;
    let single: Vec<f64> = METHODS
        .iter()
        .map(|(_, f)| {
            best(15, 400, || {
                black_box(f(black_box(&m), black_box(&x)));
            })
        })
        .collect();
    let all = rayon::current_num_threads();
    let batch = |threads: usize, f: Method| {
        let p = pool(threads);
        best(10, 5, || {
            black_box(p.install(|| ops::batch(&m.x_batch, |x| f(&m, x))));
        })
    };
    println!("\n## operators summary (best of runs; {all} threads available)\n");
    println!(
        "| method | single point | batch 256, 1 thread | batch 256, {all} threads | scaling |"
    );
    println!("|---|---|---|---|---|");
    let mut b1 = Vec::new();
    for (i, (name, f)) in METHODS.iter().enumerate() {
        let t1 = batch(1, *f);
        let ta = batch(all, *f);
        b1.push(t1);
        println!(
            "| {name} | {:.2} µs | {:.3} ms | {:.3} ms | {:.2}× |",
            single[i] * 1e6,
            t1 * 1e3,
            ta * 1e3,
            t1 / ta
        );
    }
    println!(
        "\ncollapsed / standard: {:.2} (single), {:.2} (batch, 1 thread); \
         collapsed / nested duals: {:.2} (single); standard / nested duals: {:.2} (single)",
        single[0] / single[1],
        b1[0] / b1[1],
        single[0] / single[2],
        single[1] / single[2],
    );
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = operators
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}

//! PDE-operator benchmark: the Laplacian of the W2 tanh MLP (8 → 32 → 32 → 1,
//! `tests/data/w2_mlp.json`) three ways, at one point and over the 256-point batch.
//!
//! - `collapsed`: [`jet::ops::laplacian`], one pass of `CollapsedJet<f64, 3, 8>` (value
//!   shared, first coefficients per direction, second coefficient summed);
//! - `standard`: [`jet::ops::laplacian_standard`], one pass of `MultiJet<f64, 3, 8>`
//!   (8 second-order jets sharing the value);
//! - `nested_duals`: the Hessian trace by `num-dual` hyper-dual numbers, 8 evaluations with
//!   `ε₁ = ε₂ = e_i` (forward over forward), the usual nested-AD baseline;
//! - `hand_collapsed`, `hand_standard` (single point): the same two computations written
//!   by hand over plain `f64` arrays (`common/laplacian_by_hand.rs`), the floor for the
//!   collapsed/standard ratio on this network.
//!
//! - `operators/bilaplacian/single`: the bi-Laplacian of the same MLP, collapsed
//!   (`CollapsedJet<f64, 5, 8>`) vs standard (`MultiJet<f64, 5, 8>`), 9 passes each.
//!
//! The batch runs in a local rayon pool of 1 thread and of all threads. A wider random
//! tanh MLP (32 → 64 → 64 → 1, weights from a fixed seed) shows how the collapsed/standard
//! ratio moves towards the vector-count ratio `(D + 2)/(2D + 1)` when the linear layers
//! dominate (`operators/laplacian/wide32`). `main` checks
//! that the three agree to 1e-13 before timing, runs criterion (2 s per case), then
//! prints the ratios (best of several timed runs) that `benches/README.md` records.
//! Run with `cargo bench --bench operators`.

#[path = "../tests/support/mlp.rs"]
mod mlp;

#[path = "common/laplacian_by_hand.rs"]
mod laplacian_by_hand;

use criterion::{black_box, criterion_group, Criterion};
use jet::ops::{self, Rng};
use jet::Taylor;
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

fn bilaplacian_collapsed(m: &Mlp, x: &[f64; 8]) -> f64 {
    ops::bilaplacian(|x: &[_]| m.eval(x), x)
}

fn bilaplacian_standard(m: &Mlp, x: &[f64; 8]) -> f64 {
    ops::bilaplacian_standard(|x: &[_]| m.eval(x), x)
}

type Method = fn(&Mlp, &[f64; 8]) -> f64;

const METHODS: [(&str, Method); 3] = [
    ("collapsed", collapsed),
    ("standard", standard),
    ("nested_duals", nested),
];

/// A random tanh MLP `D → H → H → 1` (weights standard normal / sqrt(fan-in)).
struct Wide<const D: usize, const H: usize> {
    w1: Vec<[f64; D]>,
    b1: Vec<f64>,
    w2: Vec<[f64; H]>,
    b2: Vec<f64>,
    w3: Vec<f64>,
}

impl<const D: usize, const H: usize> Wide<D, H> {
    fn new(seed: u64) -> Self {
        let mut rng = Rng::seed_from_u64(seed);
        let (sd, sh) = (1.0 / (D as f64).sqrt(), 1.0 / (H as f64).sqrt());
        let mut vec = |n: usize, s: f64| (0..n).map(|_| s * rng.normal()).collect::<Vec<_>>();
        let w1 = (0..H).map(|_| vec(D, sd).try_into().unwrap()).collect();
        let b1 = vec(H, sd);
        let w2 = (0..H).map(|_| vec(H, sh).try_into().unwrap()).collect();
        let b2 = vec(H, sh);
        let w3 = vec(H, sh);
        Self { w1, b1, w2, b2, w3 }
    }

    #[allow(clippy::needless_range_loop)] // indexed loops unroll and vectorize best
    fn eval<J: Taylor<f64>>(&self, x: &[J]) -> J {
        fn dot<J: Taylor<f64>, const M: usize>(w: &[f64; M], v: &[J; M]) -> J {
            let mut z = v[0].mul_scalar(w[0]);
            for j in 1..M {
                z = z.add(v[j].mul_scalar(w[j]));
            }
            z
        }
        let x: &[J; D] = x[..D].try_into().expect("D inputs");
        let h1: [J; H] =
            core::array::from_fn(|i| dot(&self.w1[i], x).add_scalar(self.b1[i]).tanh());
        let h2: [J; H] =
            core::array::from_fn(|i| dot(&self.w2[i], &h1).add_scalar(self.b2[i]).tanh());
        let w3: &[f64; H] = self.w3[..].try_into().expect("H weights");
        dot(w3, &h2)
    }
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
}

fn check(m: &Mlp) {
    let mut points = vec![m.x_single];
    points.extend_from_slice(&m.x_batch);
    let dirs = laplacian_by_hand::unit_vectors();
    for x in &points {
        let n = nested(m, x);
        for (name, v) in [
            ("hand_collapsed", laplacian_by_hand::collapsed(m, x, &dirs)),
            ("hand_standard", laplacian_by_hand::standard(m, x, &dirs)),
        ] {
            assert!(
                (v - n).abs() <= 1e-12 * n.abs().max(1.0),
                "{name} disagrees with nested duals: {v} vs {n}"
            );
        }
        for (name, f) in METHODS {
            let v = f(m, x);
            assert!(
                (v - n).abs() <= 1e-13 * n.abs().max(1.0),
                "{name} disagrees with nested duals: {v} vs {n}"
            );
        }
    }
    // The bi-Laplacian's two kinds against each other (tests/operators.rs checks both
    // against closed forms).
    let x = m.x_single;
    let (c, s) = (bilaplacian_collapsed(m, &x), bilaplacian_standard(m, &x));
    assert!(
        (c - s).abs() <= 1e-12 * s.abs().max(1.0),
        "bi-Laplacian: collapsed {c} vs standard {s}"
    );
}

fn operators(c: &mut Criterion) {
    let m = Mlp::load();
    check(&m);
    let x = m.x_single;

    let mut g = c.benchmark_group("operators/laplacian/single");
    for (name, f) in METHODS {
        g.bench_function(name, |b| b.iter(|| f(black_box(&m), black_box(&x))));
    }
    let dirs = laplacian_by_hand::unit_vectors();
    g.bench_function("hand_collapsed", |b| {
        b.iter(|| laplacian_by_hand::collapsed(black_box(&m), black_box(&x), black_box(&dirs)))
    });
    g.bench_function("hand_standard", |b| {
        b.iter(|| laplacian_by_hand::standard(black_box(&m), black_box(&x), black_box(&dirs)))
    });
    g.finish();

    let mut g = c.benchmark_group("operators/bilaplacian/single");
    g.bench_function("collapsed", |b| {
        b.iter(|| bilaplacian_collapsed(black_box(&m), black_box(&x)))
    });
    g.bench_function("standard", |b| {
        b.iter(|| bilaplacian_standard(black_box(&m), black_box(&x)))
    });
    g.finish();

    let wide = Wide::<32, 64>::new(5);
    let xw: [f64; 32] = core::array::from_fn(|i| (i as f64 / 31.0) * 2.0 - 1.0);
    let (lc, ls) = (
        ops::laplacian(|x: &[_]| wide.eval(x), &xw),
        ops::laplacian_standard(|x: &[_]| wide.eval(x), &xw),
    );
    assert!(
        (lc - ls).abs() <= 1e-13 * ls.abs().max(1.0),
        "wide: {lc} vs {ls}"
    );
    let mut g = c.benchmark_group("operators/laplacian/wide32");
    g.bench_function("collapsed", |b| {
        b.iter(|| ops::laplacian(|x: &[_]| wide.eval(x), black_box(&xw)))
    });
    g.bench_function("standard", |b| {
        b.iter(|| ops::laplacian_standard(|x: &[_]| wide.eval(x), black_box(&xw)))
    });
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

/// Time per call of `reps` calls of `f`.
fn per_call(reps: usize, f: &mut dyn FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..reps {
        f();
    }
    t.elapsed().as_secs_f64() / reps as f64
}

/// The best time per call of each of `fs` over `runs` rounds, the variants interleaved
/// within each round so that a change of machine load hits them alike.
fn interleaved(runs: usize, reps: usize, fs: &mut [&mut dyn FnMut()]) -> Vec<f64> {
    let mut best = vec![f64::INFINITY; fs.len()];
    for _ in 0..runs {
        for (b, f) in best.iter_mut().zip(fs.iter_mut()) {
            *b = b.min(per_call(reps, *f));
        }
    }
    best
}

/// The ratios recorded in `benches/README.md` (best of interleaved runs).
fn summary() {
    let m = Mlp::load();
    let x = m.x_single;
    let all = rayon::current_num_threads();
    let (p1, pa) = (pool(1), pool(all));
    let m = &m;
    let single = |f: Method| {
        move || {
            black_box(f(black_box(m), black_box(&x)));
        }
    };
    let (mut s0, mut s1, mut s2) = (single(collapsed), single(standard), single(nested));
    let dirs = laplacian_by_hand::unit_vectors();
    let mut h0 = || {
        black_box(laplacian_by_hand::collapsed(
            black_box(m),
            black_box(&x),
            black_box(&dirs),
        ));
    };
    let mut h1 = || {
        black_box(laplacian_by_hand::standard(
            black_box(m),
            black_box(&x),
            black_box(&dirs),
        ));
    };
    let t_single = interleaved(30, 200, &mut [&mut s0, &mut s1, &mut s2, &mut h0, &mut h1]);
    println!("\n## operators summary (best of interleaved runs; {all} threads available)\n");
    println!(
        "| method | single point | batch 256, 1 thread | batch 256, {all} threads | scaling |"
    );
    println!("|---|---|---|---|---|");
    let mut b1 = Vec::new();
    for (i, (name, f)) in METHODS.iter().enumerate() {
        let mut one = || {
            black_box(p1.install(|| ops::batch(&m.x_batch, |x| f(m, x))));
        };
        let mut many = || {
            black_box(pa.install(|| ops::batch(&m.x_batch, |x| f(m, x))));
        };
        let reps = if *name == "nested_duals" { 1 } else { 4 };
        let t = interleaved(15, reps, &mut [&mut one, &mut many]);
        b1.push(t[0]);
        println!(
            "| {name} | {:.2} µs | {:.3} ms | {:.3} ms | {:.2}× |",
            t_single[i] * 1e6,
            t[0] * 1e3,
            t[1] * 1e3,
            t[0] / t[1]
        );
    }
    let wide = Wide::<32, 64>::new(5);
    let xw: [f64; 32] = core::array::from_fn(|i| (i as f64 / 31.0) * 2.0 - 1.0);
    let mut wc = || {
        black_box(ops::laplacian(|x: &[_]| wide.eval(x), black_box(&xw)));
    };
    let mut ws = || {
        black_box(ops::laplacian_standard(
            |x: &[_]| wide.eval(x),
            black_box(&xw),
        ));
    };
    let w = interleaved(20, 20, &mut [&mut wc, &mut ws]);
    println!(
        "\nwide MLP 32 → 64 → 64 → 1: collapsed {:.2} µs, standard {:.2} µs, ratio {:.2}",
        w[0] * 1e6,
        w[1] * 1e6,
        w[0] / w[1]
    );
    let (mut bc, mut bs) = (single(bilaplacian_collapsed), single(bilaplacian_standard));
    let b = interleaved(20, 10, &mut [&mut bc, &mut bs]);
    println!(
        "W2 bi-Laplacian (9 passes of 8 fourth-order directions): collapsed {:.1} µs, \
         standard {:.1} µs, ratio {:.2}",
        b[0] * 1e6,
        b[1] * 1e6,
        b[0] / b[1]
    );
    println!(
        "\ncollapsed / standard: {:.2} (single), {:.2} (batch, 1 thread); \
         collapsed / nested duals: {:.2} (single); standard / nested duals: {:.2} (single)",
        t_single[0] / t_single[1],
        b1[0] / b1[1],
        t_single[0] / t_single[2],
        t_single[1] / t_single[2],
    );
    println!(
        "by hand (plain f64 arrays, same operations): collapsed {:.2} µs, standard {:.2} µs, \
         ratio {:.2}; jet / by hand: collapsed {:.2}, standard {:.2}",
        t_single[3] * 1e6,
        t_single[4] * 1e6,
        t_single[3] / t_single[4],
        t_single[0] / t_single[3],
        t_single[1] / t_single[4],
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

/// `JET_OPS_COUNT=<method>:<n>`: only evaluate `<method>` (`collapsed`, `standard`,
/// `nested_duals`, `wide_collapsed`, `wide_standard`, `hand_collapsed`, `hand_standard`,
/// `bilaplacian_collapsed`, `bilaplacian_standard`)
/// `n` times and exit, for counting
/// instructions with `valgrind --tool=cachegrind` (the difference of two `n` cancels the
/// set-up), which, unlike time, does not depend on the load of a shared machine.
fn count(spec: &str) {
    let (method, n) = spec.split_once(':').expect("JET_OPS_COUNT=<method>:<n>");
    let n: usize = n.parse().expect("a count");
    let m = Mlp::load();
    let wide = Wide::<32, 64>::new(5);
    let xw: [f64; 32] = core::array::from_fn(|i| (i as f64 / 31.0) * 2.0 - 1.0);
    let mut acc = 0.0;
    let dirs = laplacian_by_hand::unit_vectors();
    for _ in 0..n {
        acc += match method {
            "hand_collapsed" => {
                laplacian_by_hand::collapsed(&m, black_box(&m.x_single), black_box(&dirs))
            }
            "hand_standard" => {
                laplacian_by_hand::standard(&m, black_box(&m.x_single), black_box(&dirs))
            }
            "wide_collapsed" => ops::laplacian(|x: &[_]| wide.eval(x), black_box(&xw)),
            "bilaplacian_collapsed" => bilaplacian_collapsed(&m, black_box(&m.x_single)),
            "bilaplacian_standard" => bilaplacian_standard(&m, black_box(&m.x_single)),
            "wide_standard" => ops::laplacian_standard(|x: &[_]| wide.eval(x), black_box(&xw)),
            _ => {
                let f = METHODS
                    .iter()
                    .find(|(name, _)| *name == method)
                    .expect("a method name")
                    .1;
                f(&m, black_box(&m.x_single))
            }
        };
    }
    println!("{method} x {n}: {acc}");
}

fn main() {
    if let Ok(spec) = std::env::var("JET_OPS_COUNT") {
        count(&spec);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}

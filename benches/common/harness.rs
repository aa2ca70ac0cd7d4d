//! The harness shared by `runtime.rs` and `scalar.rs`: criterion, or interleaved rounds
//! robust to a loaded machine (`JET_BENCH_INTERLEAVED=1`).

use criterion::Criterion;
use std::time::{Duration, Instant};

/// A timed variant: runs its operation `n` times (inputs and outputs through
/// `black_box`), so one dynamic call is amortized over the whole batch.
pub type Variant = (&'static str, Box<dyn Fn(u64)>);

/// A benchmark group: `jet` first, then the baselines.
pub struct Group {
    pub name: String,
    pub variants: Vec<Variant>,
}

fn run_criterion(c: &mut Criterion, groups: &[Group]) {
    for group in groups {
        let mut g = c.benchmark_group(group.name.as_str());
        for (name, run) in &group.variants {
            g.bench_function(*name, |b| {
                b.iter_custom(|iters| {
                    let start = Instant::now();
                    run(iters);
                    start.elapsed()
                })
            });
        }
        g.finish();
    }
}

/// Runs the variants of each group in alternation (`ROUNDS` rounds of ~20 µs batches),
/// so a change of load hits them alike, and prints a Markdown table: the median time
/// per call of each variant and the median over rounds of the per-round ratio
/// `jet / baseline`.
fn run_interleaved(groups: &[Group]) {
    const ROUNDS: usize = 300;
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|x, y| x.total_cmp(y));
        v[v.len() / 2]
    };
    println!("| group | variant | median ns/call | jet / variant (median of paired rounds) |");
    println!("|---|---|---|---|");
    for group in groups {
        // Batch size from a short calibration of the first variant.
        let (_, first) = &group.variants[0];
        first(1000);
        let start = Instant::now();
        first(10_000);
        let per_call = start.elapsed().as_secs_f64() / 10_000.0;
        let batch = ((20e-6 / per_call) as u64).clamp(50, 1_000_000);
        let mut times = vec![Vec::with_capacity(ROUNDS); group.variants.len()];
        for _ in 0..ROUNDS {
            for (i, (_, run)) in group.variants.iter().enumerate() {
                let start = Instant::now();
                run(batch);
                times[i].push(start.elapsed().as_secs_f64() * 1e9 / batch as f64);
            }
        }
        for (i, (name, _)) in group.variants.iter().enumerate() {
            let mut ratios: Vec<f64> = times[0].iter().zip(&times[i]).map(|(j, v)| j / v).collect();
            let ratio = median(&mut ratios);
            let t = median(&mut times[i].clone());
            let shown = if i == 0 {
                String::new()
            } else {
                format!("{ratio:.2}")
            };
            println!("| {} | {name} | {t:.2} | {shown} |", group.name);
        }
    }
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(60)
        .configure_from_args()
}

/// `cargo bench --bench <name>`: criterion. With `JET_BENCH_INTERLEAVED=1`: the
/// interleaved table instead.
pub fn main_with(groups: Vec<Group>) {
    if std::env::var_os("JET_BENCH_INTERLEAVED").is_some() {
        run_interleaved(&groups);
    } else {
        let mut c = config();
        run_criterion(&mut c, &groups);
        c.final_summary();
    }
}

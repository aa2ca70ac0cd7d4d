//! User-defined primitives: the generic derivative-based rules of `#[jet::primitive]`
//! against hand-written recurrences for the same function, at K = 4 and 10.
//!
//! - `custom/logistic/K=<K>/`
//!   - `builtin_composition`: `1 / (1 + exp(−x))` with the runtime's `exp` and `recip`
//!     (its tuned hand-written rules; the base of the ratios);
//!   - `handwritten`: a one-pass pair rule (σ and e^{−x} together) as a user would write
//!     it in plain Rust, declared with `#[primitive(pair_rule = ...)]`;
//!   - `derivative_of_x`: `#[primitive(derivative = |x| e / (1 + e)²)]` with `e = exp(−x)`
//!     (one evaluation of the derivative, then one chain pass);
//!   - `derivative_of_output`: `#[primitive(derivative = |x, s| s * (1.0 - s))]`, K Picard
//!     steps (each one evaluation of the derivative and one chain pass).
//! - `custom/lambert_w/K=<K>/`
//!   - `handwritten`: `jet::special::lambert_w`, a one-pass pair rule with the auxiliary
//!     e^W;
//!   - `derivative_of_output`: `#[primitive(derivative = |x, w| w / (x * (1.0 + w)))]`,
//!     K Picard steps.
//! - `custom/erf/K=<K>/`
//!   - `builtin`: the runtime's hand-written `erf` rule (erf and e^{−x²} in one pass);
//!   - `derivative_of_x`: `#[primitive(derivative = |x| 2/√π exp(−x²))]`.
//!
//! `main` checks every variant against the hand-written one before timing. Run with
//! `cargo bench --bench custom`; criterion measures each for 2 s. With
//! `JET_BENCH_INTERLEAVED=1` it instead prints a table of median times and ratios
//! measured in alternating rounds (robust when other work shares the machine).

use criterion::{black_box, Criterion};
use jet::{primitive, Jet, Taylor};
use std::f64::consts::FRAC_2_SQRT_PI;
use std::time::{Duration, Instant};

fn logistic_value(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// σ from σ' = σ (1 − σ): a derivative of the output, K Picard steps.
#[primitive(derivative = |x, s| s * (1.0 - s))]
fn logistic_output(x: f64) -> f64 {
    logistic_value(x)
}

/// σ from σ' = e / (1 + e)², e = exp(−x): a derivative of x alone.
#[primitive(derivative = |x| {
    let e = (-x).exp();
    e / ((1.0 + e) * (1.0 + e))
})]
fn logistic_x(x: f64) -> f64 {
    logistic_value(x)
}

/// Hand-written σ with the auxiliary e = exp(−a): e_k = −(1/k) Σ j a_j e_{k−j},
/// σ_k = −(Σ_{j=1..k} e_j σ_{k−j}) / (1 + e_0).
#[inline(always)]
fn logistic_rule(a: &[f64], c: &[f64], e: &[f64], k: usize) -> (f64, f64) {
    if k == 0 {
        let e0 = (-a[0]).exp();
        return (1.0 / (1.0 + e0), e0);
    }
    let mut s = 0.0;
    for j in 1..=k {
        s += j as f64 * a[j] * e[k - j];
    }
    let ek = -s / k as f64;
    let mut t = ek * c[0];
    for j in 1..k {
        t += e[j] * c[k - j];
    }
    (-t / (1.0 + e[0]), ek)
}

#[primitive(pair_rule = logistic_rule)]
fn logistic_hand(x: f64) -> f64 {
    logistic_value(x)
}

/// Lambert W from W' = W / (x (1 + W)) (a derivative of the output), value from the
/// library.
#[primitive(derivative = |x, w| w / (x * (1.0 + w)))]
fn lambert_w_output(x: f64) -> f64 {
    jet::special::lambert_w(x)
}

/// erf from erf' = 2/√π e^{−x²}.
#[primitive(derivative = |x| FRAC_2_SQRT_PI * (-x * x).exp())]
fn user_erf(x: f64) -> f64 {
    jet::rules::erf_value(x)
}

fn input<const N: usize>() -> Jet<f64, N> {
    let mut c = [0.0; N];
    c[0] = 0.37;
    c[1] = 1.0;
    if N > 2 {
        c[2] = -0.25;
    }
    Jet::from_coefficients(c)
}

fn check<const N: usize>() {
    let x = input::<N>();
    let close = |a: Jet<f64, N>, b: Jet<f64, N>, what: &str| {
        for k in 0..N {
            let (p, q) = (a.coefficient(k), b.coefficient(k));
            assert!(
                (p - q).abs() <= 1e-13 * q.abs().max(1e-3),
                "{what} c_{k}: {p} vs {q}"
            );
        }
    };
    let hand = logistic_hand_jet(x);
    assert_eq!(hand.value(), logistic_hand(x.value()));
    close(logistic_output_jet(x), hand, "logistic output");
    close(logistic_x_jet(x), hand, "logistic x");
    close((-x).exp().add_scalar(1.0).recip(), hand, "logistic builtin");
    close(user_erf_jet(x), x.erf(), "erf");
    close(
        lambert_w_output_jet(x),
        jet::special::lambert_w_jet(x),
        "lambert_w",
    );
}

fn bench_order<const N: usize>(c: &mut Criterion) {
    let k = N - 1;
    let x = input::<N>();
    let mut g = c.benchmark_group(format!("custom/logistic/K={k}"));
    g.bench_function("handwritten", |b| {
        b.iter(|| logistic_hand_jet(black_box(x)))
    });
    g.bench_function("builtin_composition", |b| {
        b.iter(|| (-black_box(x)).exp().add_scalar(1.0).recip())
    });
    g.bench_function("derivative_of_x", |b| {
        b.iter(|| logistic_x_jet(black_box(x)))
    });
    g.bench_function("derivative_of_output", |b| {
        b.iter(|| logistic_output_jet(black_box(x)))
    });
    g.finish();
    let mut g = c.benchmark_group(format!("custom/lambert_w/K={k}"));
    g.bench_function("handwritten", |b| {
        b.iter(|| jet::special::lambert_w_jet(black_box(x)))
    });
    g.bench_function("derivative_of_output", |b| {
        b.iter(|| lambert_w_output_jet(black_box(x)))
    });
    g.finish();
    let mut g = c.benchmark_group(format!("custom/erf/K={k}"));
    g.bench_function("builtin", |b| b.iter(|| black_box(x).erf()));
    g.bench_function("derivative_of_x", |b| b.iter(|| user_erf_jet(black_box(x))));
    g.finish();
}

/// Median ns per call of each variant over alternating rounds.
fn interleaved<const N: usize>() {
    let x = input::<N>();
    type Variant<const N: usize> = (&'static str, &'static str, fn(Jet<f64, N>) -> Jet<f64, N>);
    let variants: [Variant<N>; 8] = [
        ("logistic", "builtin_composition", |x| {
            (-x).exp().add_scalar(1.0).recip()
        }),
        ("logistic", "handwritten", logistic_hand_jet),
        ("logistic", "derivative_of_x", logistic_x_jet),
        ("logistic", "derivative_of_output", logistic_output_jet),
        ("lambert_w", "handwritten", jet::special::lambert_w_jet),
        ("lambert_w", "derivative_of_output", lambert_w_output_jet),
        ("erf", "builtin", |x| x.erf()),
        ("erf", "derivative_of_x", user_erf_jet),
    ];
    let (rounds, iters) = (31, 20_000);
    let mut times = vec![Vec::new(); variants.len()];
    for _ in 0..rounds {
        for (i, (_, _, f)) in variants.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(f(black_box(x)));
            }
            times[i].push(start.elapsed().as_nanos() as f64 / iters as f64);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let medians: Vec<f64> = times.iter_mut().map(median).collect();
    println!("K = {}", N - 1);
    for (i, (func, name, _)) in variants.iter().enumerate() {
        // Ratio to the first variant of the same function: the runtime's rules (logistic:
        // `exp` then `recip`; erf: its own rule) or, for Lambert W, the library's rule.
        let base = variants
            .iter()
            .position(|v| v.0 == *func)
            .map_or(1.0, |j| medians[j]);
        println!(
            "  {func:10} {name:22} {:9.1} ns   x{:.2}",
            medians[i],
            medians[i] / base
        );
    }
}

fn main() {
    check::<5>();
    check::<11>();
    if std::env::var_os("JET_BENCH_INTERLEAVED").is_some() {
        interleaved::<5>();
        interleaved::<11>();
        return;
    }
    let mut c = Criterion::default()
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500))
        .configure_from_args();
    bench_order::<5>(&mut c);
    bench_order::<11>(&mut c);
    c.final_summary();
}

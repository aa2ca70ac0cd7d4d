//! User-defined primitives: the generic derivative-based rules of `#[jet::primitive]`
//! against hand-written recurrences for the same function, at K = 4 and 10.
//!
//! - `custom/logistic/K=<K>/`
//!   - `handwritten`: a one-pass pair rule (σ and e^{−x} together), declared with
//!     `#[primitive(pair_rule = ...)]` (what an expert writes);
//!   - `builtin_composition`: `1 / (1 + exp(−x))` with the runtime's `exp` and `recip`;
//!   - `derivative_of_x`: `#[primitive(derivative = |x| e / (1 + e)²)]` with `e = exp(−x)`
//!     (one evaluation of the derivative, then one chain pass);
//!   - `derivative_of_output`: `#[primitive(derivative = |x, s| s * (1.0 - s))]`, K Picard
//!     steps (each one evaluation of the derivative and one chain pass).
//! - `custom/erf/K=<K>/`
//!   - `builtin`: the runtime's hand-written `erf` rule (erf and e^{−x²} in one pass);
//!   - `derivative_of_x`: `#[primitive(derivative = |x| 2/√π exp(−x²))]`.
//!
//! `main` checks every variant against the hand-written one before timing. Run with
//! `cargo bench --bench custom`; criterion measures each for 2 s.

use criterion::{black_box, Criterion};
use jet::{primitive, Jet, Taylor};
use std::f64::consts::FRAC_2_SQRT_PI;
use std::time::Duration;

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
    let mut g = c.benchmark_group(format!("custom/erf/K={k}"));
    g.bench_function("builtin", |b| b.iter(|| black_box(x).erf()));
    g.bench_function("derivative_of_x", |b| b.iter(|| user_erf_jet(black_box(x))));
    g.finish();
}

fn main() {
    check::<5>();
    check::<11>();
    let mut c = Criterion::default()
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500))
        .configure_from_args();
    bench_order::<5>(&mut c);
    bench_order::<11>(&mut c);
    c.final_summary();
}

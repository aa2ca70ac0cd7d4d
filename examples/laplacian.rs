//! Laplacians with `jet::ops`: the W2 tanh MLP (8 → 32 → 32 → 1) three ways with timing
//! ratios, and PDE residuals of known solutions (Poisson, heat, wave).
//!
//! Run with `cargo run --release --example laplacian`.

#[path = "../tests/support/mlp.rs"]
mod mlp;

use jet::{ops, Taylor};
use std::hint::black_box;
use std::time::Instant;

/// Best time per call of `f` over a few runs.
fn time(mut f: impl FnMut() -> f64) -> f64 {
    (0..7)
        .map(|_| {
            let reps = 200;
            let t = Instant::now();
            for _ in 0..reps {
                black_box(f());
            }
            t.elapsed().as_secs_f64() / reps as f64
        })
        .fold(f64::INFINITY, f64::min)
}

/// Poisson: `u = sin(πx) sin(πy)` solves `-Δu = 2π² u`.
fn poisson_u<J: Taylor<f64>>(x: &[J]) -> J {
    let pi = std::f64::consts::PI;
    x[0].mul_scalar(pi).sin().mul(x[1].mul_scalar(pi).sin())
}

/// Heat: `u(t, x, y) = e^{-2t} sin x cos y` solves `u_t = Δ_{x,y} u`.
fn heat_u<J: Taylor<f64>>(txy: &[J]) -> J {
    txy[0]
        .mul_scalar(-2.0)
        .exp()
        .mul(txy[1].sin())
        .mul(txy[2].cos())
}

/// Wave: `u(t, x) = cos(t) sin(x)` solves `u_tt = u_xx`.
fn wave_u<J: Taylor<f64>>(tx: &[J]) -> J {
    tx[0].cos().mul(tx[1].sin())
}

fn main() {
    // ---- the MLP Laplacian three ways ----------------------------------------------
    let m = mlp::Mlp::load();
    let x = m.x_single;
    let f = |x: &[_]| m.eval(x);
    let collapsed = ops::laplacian(f, &x);
    let standard = ops::laplacian_standard(|x: &[_]| m.eval(x), &x);
    let nested = m.laplacian_nested_duals(&x);
    println!("W2 MLP at x = linspace(-1, 1, 8):");
    println!("  collapsed (CollapsedJet<f64, 3, 8>) Δf = {collapsed:+.17e}");
    println!("  standard  (MultiJet<f64, 3, 8>)     Δf = {standard:+.17e}");
    println!("  nested duals (8 × HyperDual64)      Δf = {nested:+.17e}");
    println!(
        "  |collapsed − nested| = {:.1e}, |standard − nested| = {:.1e}",
        (collapsed - nested).abs(),
        (standard - nested).abs()
    );

    let t_c = time(|| ops::laplacian(|x: &[_]| m.eval(x), black_box(&x)));
    let t_s = time(|| ops::laplacian_standard(|x: &[_]| m.eval(x), black_box(&x)));
    let t_n = time(|| m.laplacian_nested_duals(black_box(&x)));
    println!(
        "  time per point: collapsed {:.2} µs, standard {:.2} µs, nested duals {:.2} µs",
        t_c * 1e6,
        t_s * 1e6,
        t_n * 1e6
    );
    println!(
        "  ratios: collapsed/standard {:.2}, collapsed/nested {:.2}, standard/nested {:.2}",
        t_c / t_s,
        t_c / t_n,
        t_s / t_n
    );

    // The 256-point batch on all cores.
    let t = Instant::now();
    let batch = ops::laplacian_batch(|x: &[_]| m.eval(x), &m.x_batch);
    let elapsed = t.elapsed();
    let worst = m
        .x_batch
        .iter()
        .zip(&batch)
        .map(|(x, l)| (l - m.laplacian_nested_duals(x)).abs())
        .fold(0.0, f64::max);
    println!(
        "  batch of {} points on {} cores: {:.2} ms, largest |collapsed − nested| {worst:.1e}",
        batch.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        elapsed.as_secs_f64() * 1e3
    );

    // ---- PDE residuals of known solutions ------------------------------------------
    println!("\nPDE residuals of exact solutions (rounding level expected):");
    let pi = std::f64::consts::PI;
    for p in [[0.1, 0.2], [0.5, 0.75], [0.9, 0.3]] {
        let parts = ops::laplacian_parts(poisson_u, &p);
        let residual = -parts.laplacian - 2.0 * pi * pi * parts.value;
        println!("  Poisson −Δu − 2π²u at {p:?}: {residual:+.1e}");
    }
    for txy in [[0.0, 0.3, 0.4], [0.5, 1.0, -2.0], [1.5, -0.7, 0.2]] {
        // u_t from the gradient, Δ over (x, y) as a weighted Laplacian with S = [e_x, e_y].
        let u_t = ops::gradient(heat_u, &txy)[0];
        let s = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]];
        let lap_xy = ops::weighted_laplacian(heat_u, &txy, &s);
        println!("  heat u_t − Δu at {txy:?}: {:+.1e}", u_t - lap_xy);
    }
    for tx in [[0.3, 1.2], [2.0, -0.7]] {
        let [u_tt, u_xx] = ops::hessian_diagonal(wave_u, &tx);
        println!("  wave u_tt − u_xx at {tx:?}: {:+.1e}", u_tt - u_xx);
    }
}

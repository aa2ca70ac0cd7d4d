//! jet's adaptive Taylor integrator on heyoka's three anchor problems, measured the way
//! `../shared/peers/heyoka_ode.py` measures heyoka: tol 1e-15, median wall time of 7
//! `propagate_until` runs from the initial state, time per step, relative energy error.
//!
//! Run: `taskset -c 0 cargo bench --bench ode` (and the heyoka script in the same
//! session, pinned the same way); compare ratios, not absolute times.

#[path = "../tests/common/ode_systems.rs"]
mod ode_systems;

use jet::ode::{Integrator, OdeSystem};
use ode_systems::{
    kepler_energy, pendulum_energy, HandKepler, HandLorenz, HandPendulum, KeplerOde, LorenzOde,
    PendulumOde, LORENZ_PARAMS,
};
use std::time::Instant;

const TOL: f64 = 1e-15;
/// heyoka's script takes the median of 7; the minimum of more runs is also printed
/// (robust to a loaded machine).
const REPEATS: usize = 41;

fn run<S: OdeSystem<f64>>(
    name: &str,
    system: S,
    s0: &[f64],
    t_end: f64,
    energy: Option<fn(&[f64]) -> f64>,
) {
    let mut ode = Integrator::new(system, 0.0, s0, TOL).expect("valid problem");
    let mut walls = Vec::with_capacity(REPEATS);
    let mut steps = 0;
    for _ in 0..REPEATS {
        ode.set_state(0.0, s0).expect("same dimension");
        let start = Instant::now();
        steps = ode
            .propagate_until(t_end)
            .expect("propagation succeeds")
            .steps;
        walls.push(start.elapsed().as_secs_f64());
    }
    walls.sort_by(f64::total_cmp);
    let wall = walls[REPEATS / 2];
    let fastest = walls[0];
    let err = energy.map_or("-".to_string(), |e| {
        format!("{:.1e}", ((e(ode.state()) - e(s0)) / e(s0)).abs())
    });
    println!(
        "{name:10} {:>5} {steps:>6} {:>10.1}us {:>8.0}ns {err:>15} {:>8.0}ns",
        ode.order(),
        wall * 1e6,
        wall / steps as f64 * 1e9,
        fastest / steps as f64 * 1e9
    );
}

fn main() {
    // `cargo test --benches` runs bench binaries with `--bench` absent: stay quick there.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    println!("jet ode, tol {TOL:e}");
    println!(
        "{:10} {:>5} {:>6} {:>12} {:>10} {:>15} {:>10}",
        "problem", "order", "steps", "median wall", "per step", "energy rel err", "min/step"
    );
    let e = 0.5f64;
    let kepler0 = [1.0 - e, 0.0, 0.0, ((1.0 + e) / (1.0 - e)).sqrt()];
    let kepler_end = 200.0 * std::f64::consts::PI;
    let pendulum0 = [0.5, 0.0];
    let lorenz0 = [1.0, 1.0, 1.0];
    println!("-- #[jet::ode] generated kernels");
    run(
        "pendulum",
        PendulumOde::new(),
        &pendulum0,
        1000.0,
        Some(pendulum_energy),
    );
    run(
        "kepler",
        KeplerOde::new(),
        &kepler0,
        kepler_end,
        Some(kepler_energy),
    );
    run(
        "lorenz",
        LorenzOde::new(LORENZ_PARAMS),
        &lorenz0,
        100.0,
        None,
    );
    println!("-- hand-written kernels (the same rules, called by hand)");
    run(
        "pendulum",
        HandPendulum::default(),
        &pendulum0,
        1000.0,
        Some(pendulum_energy),
    );
    run(
        "kepler",
        HandKepler::default(),
        &kepler0,
        kepler_end,
        Some(kepler_energy),
    );
    run("lorenz", HandLorenz, &lorenz0, 100.0, None);
}

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
/// (robust to a loaded machine). `JET_ODE_REPEATS=n` changes it (e.g. 1 and 11 under
/// callgrind: the difference is the cost of 10 propagations).
const REPEATS: usize = 41;

fn repeats() -> usize {
    std::env::var("JET_ODE_REPEATS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(REPEATS)
}

/// `JET_ODE_ONLY=name` runs only the problem called `name` (`lorenz`, `hand lorenz`, ...).
fn selected(name: &str) -> bool {
    std::env::var("JET_ODE_ONLY").map_or(true, |only| name == only)
}

fn run<S: OdeSystem<f64>>(
    name: &str,
    system: S,
    s0: &[f64],
    t_end: f64,
    energy: Option<fn(&[f64]) -> f64>,
) {
    if !selected(name) {
        return;
    }
    let repeats = repeats();
    let mut system = system;
    if std::env::var("JET_ODE_KERNEL").is_ok() {
        kernel_latency(name, &mut system, s0);
    }
    let mut ode = Integrator::new(system, 0.0, s0, TOL).expect("valid problem");
    let mut walls = Vec::with_capacity(repeats);
    let mut steps = 0;
    for _ in 0..repeats {
        ode.set_state(0.0, s0).expect("same dimension");
        let start = Instant::now();
        steps = ode
            .propagate_until(t_end)
            .expect("propagation succeeds")
            .steps;
        walls.push(start.elapsed().as_secs_f64());
    }
    walls.sort_by(f64::total_cmp);
    let wall = walls[repeats / 2];
    let fastest = walls[0];
    let err = energy.map_or("-".to_string(), |e| {
        format!("{:.1e}", ((e(ode.state()) - e(s0)) / e(s0)).abs())
    });
    println!(
        "{name:13} {:>5} {steps:>6} {:>10.1}us {:>8.0}ns {err:>15} {:>8.0}ns",
        ode.order(),
        wall * 1e6,
        wall / steps as f64 * 1e9,
        fastest / steps as f64 * 1e9
    );
}

/// `JET_ODE_KERNEL=1`: the time of one `taylor_coefficients` call when each call's state
/// depends on the previous call's last coefficient (as in the integrator, where the next
/// state depends on the whole series), minimum over repeats.
fn kernel_latency<S: OdeSystem<f64>>(name: &str, system: &mut S, s0: &[f64]) {
    let order = jet::ode::step_size::order_from_tolerance(TOL);
    let n = order + 1;
    let mut tc = vec![0.0; s0.len() * n];
    let calls = 2000;
    let mut best = f64::INFINITY;
    for _ in 0..repeats() {
        let start = Instant::now();
        for _ in 0..calls {
            for (i, &y) in s0.iter().enumerate() {
                // `0 * last` is +-0 (finite coefficients): the same state, a dependency.
                tc[i * n] = y + 0.0 * tc[i * n + order];
            }
            system.taylor_coefficients(0.0, order, &mut tc);
        }
        best = best.min(start.elapsed().as_secs_f64() / calls as f64);
    }
    println!(
        "{name:13} kernel {:>8.0}ns per call (dependent calls)",
        best * 1e9
    );
}

/// `JET_ODE_ACCURACY=n`: root-mean-square and largest relative energy error of the
/// pendulum (x0 = 0.5 + i/1000) and Kepler (e = 0.5 + i/1000) runs over `n` nearby
/// initial conditions (the error of one run is one draw of the rounding errors).
fn accuracy(n: usize) {
    let stats = |errs: &[f64]| {
        let rms = (errs.iter().map(|e| e * e).sum::<f64>() / errs.len() as f64).sqrt();
        let max = errs.iter().copied().fold(0.0, f64::max);
        (rms, max)
    };
    let mut pend = Vec::new();
    let mut kep = Vec::new();
    for i in 0..n {
        let s0 = [0.5 + i as f64 / 1000.0, 0.0];
        let mut ode = Integrator::new(PendulumOde::new(), 0.0, &s0, TOL).expect("valid");
        ode.propagate_until(1000.0).expect("propagates");
        pend.push(
            ((pendulum_energy(ode.state()) - pendulum_energy(&s0)) / pendulum_energy(&s0)).abs(),
        );
        let e = 0.5 + i as f64 / 1000.0;
        let s0 = [1.0 - e, 0.0, 0.0, ((1.0 + e) / (1.0 - e)).sqrt()];
        let mut ode = Integrator::new(KeplerOde::new(), 0.0, &s0, TOL).expect("valid");
        ode.propagate_until(200.0 * std::f64::consts::PI)
            .expect("propagates");
        kep.push(((kepler_energy(ode.state()) - kepler_energy(&s0)) / kepler_energy(&s0)).abs());
    }
    let (pr, pm) = stats(&pend);
    let (kr, km) = stats(&kep);
    println!("energy error over {n} runs: pendulum rms {pr:.2e} max {pm:.2e}; kepler rms {kr:.2e} max {km:.2e}");
}

fn main() {
    // `cargo test --benches` runs bench binaries with `--bench` absent: stay quick there.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    if let Some(n) = std::env::var("JET_ODE_ACCURACY")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        accuracy(n);
        return;
    }
    println!("jet ode, tol {TOL:e}");
    println!(
        "{:13} {:>5} {:>6} {:>12} {:>10} {:>15} {:>10}",
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
        "hand pendulum",
        HandPendulum::default(),
        &pendulum0,
        1000.0,
        Some(pendulum_energy),
    );
    run(
        "hand kepler",
        HandKepler::default(),
        &kepler0,
        kepler_end,
        Some(kepler_energy),
    );
    run("hand lorenz", HandLorenz, &lorenz0, 100.0, None);
}

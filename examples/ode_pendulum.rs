//! A Taylor integrator compiled from an ordinary right-hand side: the pendulum
//! x'' = -sin x, integrated to t = 1000 at tolerance 1e-15, with its energy drift, the
//! times it swings through the bottom (events), and the period against the closed form.
//!
//! Run with `cargo run --release --example ode_pendulum`.

use jet::ode::{Direction, Event, Integrator, Outcome};
use std::f64::consts::PI;

/// The right-hand side, written as plain Rust. `#[jet::ode]` keeps it and emits
/// `PendulumOde`, which computes the solution's Taylor coefficients order by order.
#[jet::ode]
fn pendulum(_t: f64, y: &[f64; 2]) -> [f64; 2] {
    [y[1], -y[0].sin()]
}

fn energy(y: &[f64]) -> f64 {
    0.5 * y[1] * y[1] - y[0].cos()
}

/// Complete elliptic integral of the first kind K(m) by the arithmetic-geometric mean.
fn elliptic_k(m: f64) -> f64 {
    let (mut a, mut b) = (1.0f64, (1.0 - m).sqrt());
    while (a - b).abs() > 1e-17 * a {
        (a, b) = (0.5 * (a + b), (a * b).sqrt());
    }
    PI / (2.0 * a)
}

fn main() {
    let y0 = [0.5, 0.0];
    println!(
        "pendulum x'' = -sin x from x = {}, v = {}; the plain rhs: {:?}",
        y0[0],
        y0[1],
        pendulum(0.0, &y0)
    );

    // 1. Long integration: energy is conserved to rounding.
    let mut ode = Integrator::new(PendulumOde::new(), 0.0, &y0, 1e-15).expect("valid problem");
    let run = ode.propagate_until(1000.0).expect("no failure");
    let drift = ((energy(ode.state()) - energy(&y0)) / energy(&y0)).abs();
    println!(
        "t = 1000: order {}, {} steps (h from {:.3} to {:.3}), relative energy error {drift:.1e}",
        ode.order(),
        run.steps,
        run.min_h,
        run.max_h
    );

    // 2. Events: every downward swing through x = 0, found on each step's polynomial.
    let mut crossings = Vec::new();
    {
        let swing = Event::non_terminal(|_t, y: &[f64]| y[0], |t, _y| crossings.push(t))
            .direction(Direction::Negative);
        let mut ode = Integrator::new(PendulumOde::new(), 0.0, &y0, 1e-15)
            .expect("valid problem")
            .with_event(swing);
        ode.propagate_until(30.0).expect("no failure");
    }
    let period = 4.0 * elliptic_k((0.25f64).sin().powi(2));
    println!(
        "\ndownward crossings of x = 0 up to t = 30 (closed form: T/4 + n T, T = {period:.15}):"
    );
    for (n, t) in crossings.iter().enumerate() {
        let exact = period / 4.0 + n as f64 * period;
        println!(
            "  t = {t:.15}   closed form {exact:.15}   difference {:+.1e}",
            t - exact
        );
    }

    // 3. A terminal event and dense output: stop at the first turning point (v = 0 going
    //    up from below), then read the trajectory anywhere inside the last step.
    let turn = Event::terminal(|_t, y: &[f64]| y[1]).direction(Direction::Positive);
    let mut ode = Integrator::new(PendulumOde::new(), 0.0, &y0, 1e-15)
        .expect("valid problem")
        .with_event(turn);
    let run = ode.propagate_until(100.0).expect("no failure");
    if let Outcome::TerminalEvent { time, .. } = run.outcome {
        println!(
            "\nfirst turning point at t = {time:.15} (closed form T/2 = {:.15}), x = {:+.15}",
            period / 2.0,
            ode.state()[0]
        );
    }

    // 4. Values on a grid by dense output: one step covers many grid points.
    let grid: Vec<f64> = (0..=8).map(|i| i as f64 * period / 8.0).collect();
    let mut ode = Integrator::new(PendulumOde::new(), 0.0, &y0, 1e-15).expect("valid problem");
    let (run, states) = ode.propagate_grid(&grid).expect("no failure");
    println!("\none period on a grid of 9 points ({} steps):", run.steps);
    for (t, y) in grid.iter().zip(&states) {
        println!("  t = {t:8.5}   x = {:+.12}   v = {:+.12}", y[0], y[1]);
    }
}

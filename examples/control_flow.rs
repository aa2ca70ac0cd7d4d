//! Code with real control flow, differentiated as written: a piecewise function, a
//! `match`, a series summed to a tolerance in a `while` loop, and an early `return`.
//! Branches follow the value (the branch taken at t = 0); a traced jet cannot do this.
//!
//! Run with `cargo run --example control_flow`.

use jet::{jet, Jet};

/// The Huber loss: quadratic near 0, linear outside.
#[jet(order = 3)]
fn huber(x: f64) -> f64 {
    let delta = 1.0;
    if x.abs() <= delta {
        0.5 * x * x
    } else {
        delta * (x.abs() - 0.5 * delta)
    }
}

/// A smooth step by regions, chosen with `match` on an integer computed from the value.
#[jet(order = 3)]
fn regions(x: f64) -> f64 {
    let region = if x < 0.0 {
        0
    } else if x < 1.0 {
        1
    } else {
        2
    };
    match region {
        0 => 0.0,
        1 => x * x * (3.0 - 2.0 * x),
        _ => 1.0,
    }
}

/// exp(x) by its series, summed until the terms are negligible (at least 8 terms so
/// that the derivatives, which the stopping test does not see, have converged too).
#[jet(order = 3)]
fn exp_series(x: f64) -> f64 {
    let mut term: f64 = 1.0;
    let mut sum: f64 = 1.0;
    let mut n = 1;
    while n < 8 || term.abs() > 1e-17 * sum.abs() {
        term = term * x / (n as f64);
        sum += term;
        n += 1;
        if n > 200 {
            return sum;
        }
    }
    sum
}

fn show(name: &str, values: &[f64]) {
    let v: Vec<String> = values.iter().map(|v| format!("{v:+.12}")).collect();
    println!("  {name:<28} {}", v.join("  "));
}

fn main() {
    println!("derivatives 0..=3 on both sides of each branch point\n");
    println!("huber (kinks at ±1):");
    for x in [0.5, 1.5, -2.0] {
        show(
            &format!("x = {x}"),
            &huber_jet(Jet::variable(x)).derivatives(),
        );
    }
    println!("  closed form at 0.5: [0.125, 0.5, 1, 0]; at 1.5: [1, 1, 0, 0]");

    println!("\nregions (smoothstep on [0, 1]):");
    for x in [-0.5, 0.25, 0.75, 2.0] {
        show(
            &format!("x = {x}"),
            &regions_jet(Jet::variable(x)).derivatives(),
        );
    }
    println!("  closed form at 0.25: [3x²-2x³, 6x-6x², 6-12x, -12] = [0.15625, 1.125, 3, -12]");

    println!("\nexp by a series summed in a while loop:");
    for x in [0.0, 1.0, -2.5] {
        show(
            &format!("x = {x}"),
            &exp_series_jet(Jet::variable(x)).derivatives(),
        );
        show("  closed form e^x (every k)", &[x.exp(); 4]);
    }
    println!(
        "\n(plain functions: huber(1.5) = {}, regions(0.25) = {}, exp_series(1) = {})",
        huber(1.5),
        regions(0.25),
        exp_series(1.0)
    );
}

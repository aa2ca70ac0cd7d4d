//! The main example: derivatives of a Morse potential, a piecewise function and a
//! Newton iteration, all from `#[jet]` companions.
//!
//! Run with `cargo run --example quickstart`.

use jet::{jet, Jet};

/// Morse pair potential V(r) = D (1 - e^{-a (r - r0)})².
#[jet(order = 4)]
fn morse(r: f64) -> f64 {
    let e = (-1.9 * (r - 0.74)).exp();
    4.7 * (1.0 - e) * (1.0 - e)
}

/// A piecewise function: the companion follows the branch the value takes.
#[jet(order = 3)]
fn soft_step(x: f64) -> f64 {
    if x < 0.0 {
        0.5 * x.exp()
    } else {
        1.0 - 0.5 * (-x).exp()
    }
}

/// sqrt(a) by Newton's method, iterated to tolerance: the loop runs on values,
/// the jets ride along.
#[jet(order = 3)]
fn newton_sqrt(a: f64) -> f64 {
    let mut y = a;
    let mut steps = 0;
    while (y * y - a).abs() > 1e-15 * a && steps < 100 {
        y = 0.5 * (y + a / y);
        steps += 1;
    }
    y
}

fn main() {
    let r0 = 0.9;
    let y = morse_jet(Jet::variable(r0));
    println!("Morse potential at r = {r0}: derivatives 0..=4 (one pass, order 4)");
    println!(
        "  the plain function, unchanged: morse({r0}) = {:+.12e}",
        morse(r0)
    );
    for (k, d) in y.derivatives().iter().enumerate() {
        println!("  d^{k}V/dr^{k} = {d:+.12e}");
    }
    // Closed form of the 4th derivative: V = D (1 - 2e + e²), e = exp(-a (r - r0)),
    // so V'''' = D (-2 a^4 e + 16 a^4 e²).
    let (d, a) = (4.7f64, 1.9f64);
    let e = (-a * (r0 - 0.74)).exp();
    let exact = d * (-2.0 * a.powi(4) * e + 16.0 * a.powi(4) * e * e);
    println!("  closed form V'''' = {exact:+.12e}\n");

    println!("soft_step on both sides of its branch point (value, 1st, 2nd, 3rd derivative):");
    for x in [-0.5, 0.5] {
        println!("  x = {x:+}: value of the plain function {}", soft_step(x));
        println!(
            "  x = {x:+}: {:?}",
            soft_step_jet(Jet::variable(x)).derivatives()
        );
    }

    let s = newton_sqrt_jet(Jet::variable(2.0));
    println!("\nNewton sqrt(a) at a = 2 (derivatives through a while loop):");
    println!("  plain:       {}", newton_sqrt(2.0));
    println!("  jet:         {:?}", s.derivatives());
    let r = 2f64.sqrt();
    println!(
        "  closed form: {:?}",
        [r, 0.5 / r, -0.25 / r.powi(3), 0.375 / r.powi(5)]
    );
}

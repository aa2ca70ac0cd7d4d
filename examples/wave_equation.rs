//! Check that u(t, x) = cos(t) sin(x) solves the wave equation u_tt = u_xx, with one
//! second-order jet along t and one along x (a PDE residual without finite differences).
//!
//! Run with `cargo run --example wave_equation`.

use jet::{jet, Jet};

/// A candidate solution of u_tt = u_xx.
#[jet(order = 2)]
fn u(t: f64, x: f64) -> f64 {
    t.cos() * x.sin()
}

/// Not a solution: u_tt = -4 u but u_xx = -u.
#[jet(order = 2)]
fn not_a_solution(t: f64, x: f64) -> f64 {
    (2.0 * t).cos() * x.sin()
}

fn main() {
    println!(
        "{:>6} {:>6}  {:>22}  {:>22}",
        "t", "x", "residual of cos t sin x", "residual of cos 2t sin x"
    );
    for (t, x) in [(0.0, 0.3), (0.7, 1.1), (1.9, -2.4), (3.0, 0.5)] {
        // u along t (x fixed), then along x (t fixed): 2nd derivatives from the jets.
        let residual = |g: fn(Jet<f64, 3>, Jet<f64, 3>) -> Jet<f64, 3>| {
            let u_tt = g(Jet::variable(t), Jet::constant(x)).derivative(2);
            let u_xx = g(Jet::constant(t), Jet::variable(x)).derivative(2);
            u_tt - u_xx
        };
        println!(
            "{t:>6} {x:>6}  {:>22.3e}  {:>22.3e}",
            residual(u_jet),
            residual(not_a_solution_jet)
        );
    }
    println!(
        "\n(the plain functions are unchanged: u(0.7, 1.1) = {}, {})",
        u(0.7, 1.1),
        not_a_solution(0.7, 1.1)
    );
}

// A branch makes the right-hand side non-smooth; the ODE mode rejects it.
#[jet::ode]
fn bang_bang(_t: f64, y: &[f64; 1]) -> [f64; 1] {
    [if y[0] > 0.0 { -1.0 } else { 1.0 }]
}

fn main() {}

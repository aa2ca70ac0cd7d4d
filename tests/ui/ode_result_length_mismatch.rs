// Three derivatives for a state of two.
#[jet::ode]
fn oscillator(_t: f64, y: &[f64; 2]) -> [f64; 3] {
    [y[1], -y[0], 0.0]
}

fn main() {}

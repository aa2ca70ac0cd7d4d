// The state is a fixed-size array, so the dimension is known at compile time.
#[jet::ode]
fn decay(_t: f64, y: &[f64]) -> Vec<f64> {
    vec![-y[0]]
}

fn main() {}

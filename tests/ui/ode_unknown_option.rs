#[jet::ode(order = 20)]
fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] {
    [-y[0]]
}

fn main() {}

// The ODE mode needs every state component at compile time.
#[jet::ode]
fn drift(_t: f64, y: &[f64; 2]) -> [f64; 2] {
    let i = 1;
    [y[i], -y[0]]
}

fn main() {}

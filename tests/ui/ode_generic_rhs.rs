// The ODE mode compiles one float type at a time.
use num_traits::Float;

#[jet::ode]
fn decay<T: Float>(_t: T, y: &[T; 1]) -> [T; 1] {
    [-y[0]]
}

fn main() {}

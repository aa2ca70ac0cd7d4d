use jet::jet;
use nalgebra::SVector;

#[jet(order = 3)]
fn f(x: &SVector<f64, 3>) -> f64 {
    x.lp_norm(3) + x.norm() //~ ERROR does not lower `.lp_norm(..)`
}

fn main() {}

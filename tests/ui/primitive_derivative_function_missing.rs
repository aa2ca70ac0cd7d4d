use jet::primitive;

// The derivative names a function that does not exist.
#[primitive(derivative = lambert_w_prime)] //~ ERROR cannot find value `lambert_w_prime`
fn lambert_w(x: f64) -> f64 {
    x
}

fn main() {}

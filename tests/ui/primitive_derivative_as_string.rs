use jet::primitive;

#[primitive(derivative = "y / (x * (1.0 + y))")] //~ ERROR write the derivative as a closure
fn lambert_w(x: f64) -> f64 {
    x
}

fn main() {}

use jet::{jet, primitive};

// A one-argument primitive needs a derivative of one argument.
#[jet]
fn scaled_prime(x: f64, s: f64) -> f64 {
    s * x.cos()
}

#[primitive(derivative = scaled_prime)] //~ ERROR mismatched types
fn scaled(x: f64) -> f64 {
    x.sin()
}

fn main() {}

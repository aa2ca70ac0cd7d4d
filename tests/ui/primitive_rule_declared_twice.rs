use jet::primitive;

// Two derivatives for one function.
#[primitive(derivative = |x| 2.0 * x, derivative = |x| x + x)] //~ ERROR duplicate `derivative` option
fn square(x: f64) -> f64 {
    x * x
}

// A derivative and an incremental rule: which one is the Taylor rule?
#[primitive(derivative = |x, y| y, rule = jet::rules::exp)] //~ ERROR `derivative` already declares the Taylor rule
fn my_exp(x: f64) -> f64 {
    x.exp()
}

fn main() {}

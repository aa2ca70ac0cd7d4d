use jet::primitive;

#[primitive(derivative = |x| 1.0)]
fn classify(x: f64) -> bool { //~ ERROR a `#[jet::primitive]` returns the float type of its parameters
    x > 0.0
}

fn main() {}

use jet::primitive;

#[primitive(derivative = |x, y| y)] //~ ERROR `derivative` declares a one-argument primitive, but `product` has 2 parameters
fn product(x: f64, y: f64) -> f64 {
    x * y
}

fn main() {}

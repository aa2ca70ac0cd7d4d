use jet::primitive;

// Every parameter of a primitive carries a jet; an integer order cannot.
#[primitive(derivative = |n, x| x)]
fn bessel(n: i32, x: f64) -> f64 { //~ ERROR parameter `n` has type `i32`
    x * n as f64
}

fn main() {}

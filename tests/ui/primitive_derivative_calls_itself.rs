use jet::primitive;

// W' = W / (x (1 + W)) written with a call of `lambert_w`: its companion would call the
// derivative, which calls the companion, ... The result is the closure's last parameter.
#[primitive(derivative = |x| lambert_w(x) / (x * (1.0 + lambert_w(x))))] //~ ERROR this derivative calls `lambert_w` itself
fn lambert_w(x: f64) -> f64 {
    x
}

fn main() {}

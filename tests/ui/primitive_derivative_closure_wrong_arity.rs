use jet::primitive;

// A derivative closure takes the argument and, optionally, the result: not three values.
#[primitive(derivative = |x, y, z| y * z)] //~ ERROR the derivative of `f` takes the argument of `f` and optionally its result
fn f(x: f64) -> f64 {
    x.exp()
}

fn main() {}

use jet::{jet, Jet};

// The body has an error, but `f_jet` is still emitted with its signature: the caller
// below produces no second error.
#[jet(order = 2)]
fn f(x: f64) -> f64 {
    x.fract() //~ ERROR no Taylor rule for `fract`
}

fn main() {
    let y: Jet<f64, 3> = f_jet(Jet::variable(1.0));
    let _ = (y, f(1.0));
}

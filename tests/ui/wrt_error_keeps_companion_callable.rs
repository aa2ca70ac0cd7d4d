use jet::{jet, Jet};

// `wrt` names no parameter; the companion is still emitted (differentiating every float
// parameter), so the caller below adds no second error.
#[jet(order = 2, wrt(r))] //~ ERROR `wrt` names `r`, which is not a parameter of `f`
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {
    let y: Jet<f64, 3> = f_jet(Jet::variable(1.0));
    let _ = (y, f(1.0));
}

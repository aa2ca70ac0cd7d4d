use jet::{jet, primitive, Jet};

// The option is misspelled, so the companion is a stub with the right signature: the
// `#[jet]` caller below and the direct call type-check, and only the real error shows.
#[primitive(derivativ = |x| 2.0 * x)] //~ ERROR unknown `#[jet::primitive]` option `derivativ`
fn square(x: f64) -> f64 {
    x * x
}

#[jet(order = 2)]
fn caller(x: f64) -> f64 {
    square(x) + 1.0
}

fn main() {
    let _ = square_jet(Jet::<f64, 3>::variable(1.0));
    let _ = caller_jet(Jet::variable(1.0));
}

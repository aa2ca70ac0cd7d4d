use jet::primitive;

#[primitive(derivatve = |x| 2.0 * x)] //~ ERROR unknown `#[jet::primitive]` option `derivatve` (did you mean `derivative`?)
fn square(x: f64) -> f64 {
    x * x
}

fn main() {}

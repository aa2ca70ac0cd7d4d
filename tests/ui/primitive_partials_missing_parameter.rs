use jet::primitive;

// One partial derivative per parameter: `y` has none.
#[primitive(partials(x = |x, y| y))] //~ ERROR `partials(..)` gives no partial derivative for `y`
fn product(x: f64, y: f64) -> f64 {
    x * y
}

// `z` is not a parameter.
#[primitive(partials(x = |x, y| y, z = |x, y| x))] //~ ERROR `z` is not a parameter of `product2`
fn product2(x: f64, y: f64) -> f64 {
    x * y
}

fn main() {}

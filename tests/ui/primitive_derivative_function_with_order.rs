use jet::{jet, primitive};

// A derivative function is called on every jet kind and order, so its `#[jet]` takes no
// `order`: with one, its companion accepts only `Jet<f64, 5>`.
#[jet(order = 4)]
fn wave_prime(x: f64) -> f64 {
    x.cos()
}

#[primitive(derivative = wave_prime)] //~ ERROR mismatched types
fn wave(x: f64) -> f64 {
    x.sin()
}

fn main() {}

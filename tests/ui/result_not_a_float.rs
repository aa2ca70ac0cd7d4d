use jet::jet;

#[jet(order = 2)]
fn positive(x: f64) -> bool { //~ ERROR the result type `bool` is not a float
    x > 0.0
}

fn main() {}

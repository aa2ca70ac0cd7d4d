use jet::jet;

#[jet(order = 100000000000000000000000)] //~ ERROR is too large
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

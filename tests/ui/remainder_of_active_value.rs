use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    x % 1.0 //~ ERROR no Taylor rule for `%`
}

fn main() {}

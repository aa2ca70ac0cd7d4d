use jet::jet;

#[jet(order = 2, order = 3)] //~ ERROR duplicate `order` option
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

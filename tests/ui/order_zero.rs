use jet::jet;

#[jet(order = 0)] //~ ERROR `order = 0` carries no derivative
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

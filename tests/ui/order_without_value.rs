use jet::jet;

#[jet(order)] //~ ERROR expected `order = <integer>`, found `order`
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

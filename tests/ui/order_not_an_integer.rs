use jet::jet;

#[jet(order = 2.5)] //~ ERROR expected `order = <integer>`
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

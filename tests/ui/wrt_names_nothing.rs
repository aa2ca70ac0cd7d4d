use jet::jet;

#[jet(order = 2, wrt())] //~ ERROR `wrt()` names no parameter
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

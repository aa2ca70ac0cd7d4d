use jet::jet;

#[jet(order = 2, wrt(z))] //~ ERROR `wrt` names `z`, which is not a parameter of `f`
fn f(x: f64, y: f64) -> f64 {
    x * y
}

fn main() {}

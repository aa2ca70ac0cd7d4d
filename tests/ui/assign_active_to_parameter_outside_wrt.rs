use jet::jet;

#[jet(order = 2, wrt(x))]
fn f(x: f64, mut y: f64) -> f64 {
    y = y * x; //~ ERROR `y` cannot hold this value
    y.exp()
}

fn main() {}

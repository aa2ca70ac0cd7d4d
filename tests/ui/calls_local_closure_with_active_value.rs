use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    let square = |v: f64| v * v;
    square(x) //~ ERROR `square` is a local binding (a closure?)
}

fn main() {}

use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    let scale = |v: f64| v * x; //~ ERROR this closure captures `x`
    scale(2.0)
}

fn main() {}

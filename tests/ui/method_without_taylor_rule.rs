use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    x.fract() * 2.0 //~ ERROR no Taylor rule for `fract`
}

fn main() {}

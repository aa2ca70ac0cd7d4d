use jet::jet;

// Every construct that cannot be lowered is reported, not only the first.
#[jet(order = 2)]
fn f(x: f64) -> f64 {
    let a = x.fract(); //~ ERROR no Taylor rule for `fract`
    let b = x % 2.0; //~ ERROR no Taylor rule for `%`
    let c = |t: f64| t * x; //~ ERROR this closure captures `x`
    a + b + c(1.0)
}

fn main() {}

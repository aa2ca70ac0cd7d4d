use jet::jet;

struct Sample {
    at: f64,
}

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    let s = Sample { at: x * 2.0 }; //~ ERROR cannot store `x * 2.0`
    s.at
}

fn main() {}

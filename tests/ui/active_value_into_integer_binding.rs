use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    let n: i32 = x; //~ ERROR `n` cannot hold this value
    x * n as f64
}

fn main() {}

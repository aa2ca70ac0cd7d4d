use jet::jet;

#[jet(order = 2)]
fn f(x: f64, y: f32) -> f64 { //~ ERROR `f32` differs from `f64`
    x * y as f64
}

fn main() {}

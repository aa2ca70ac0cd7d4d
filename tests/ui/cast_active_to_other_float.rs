use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    let y = (x as f32).sin(); //~ ERROR casting `x`, which carries derivatives, to `f32` would drop them
    y as f64
}

fn main() {}

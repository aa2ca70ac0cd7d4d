use jet::jet;

#[jet(order = 2, crate = "not a path")] //~ ERROR is not a path
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

use jet::jet;

#[jet(order = 2, name = "my companion")] //~ ERROR is not an identifier
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

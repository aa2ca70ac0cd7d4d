use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    let mut history = Vec::new();
    history.push(x.sin()); //~ ERROR cannot pass `x.sin()`, which carries derivatives
    x + history.len() as f64
}

fn main() {}

use jet::jet;

#[jet(order = 2)]
fn positive_sum(x: &[f64]) -> f64 {
    x.iter().filter(|v| **v > 0.0).sum() //~ ERROR does not lower `.filter(..)`
}

fn main() {}

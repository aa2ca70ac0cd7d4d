use jet::jet;

#[jet(order = 2)]
fn count(n: usize) -> f64 { //~ ERROR `count` has no float parameter to differentiate
    n as f64
}

fn main() {}

use std::collections::HashMap;

use jet::jet;

#[jet(order = 2)]
fn cached(x: &[f64]) -> f64 {
    let mut cache = HashMap::new();
    cache.insert(0usize, x[0].sin()); //~ ERROR cannot pass `x[0].sin()`
    x[1] + cache.len() as f64
}

fn main() {}

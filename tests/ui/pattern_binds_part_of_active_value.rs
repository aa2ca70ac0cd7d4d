use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    if let Some(v) = Some(x * 2.0) { //~ ERROR this pattern binds `v`
        v
    } else {
        0.0
    }
}

fn main() {}

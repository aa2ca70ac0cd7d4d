use jet::jet;

// Every bad option is reported, not only the first.
#[jet(order = 0, wrt = x, flavour = "taylor")] //~ ERROR
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

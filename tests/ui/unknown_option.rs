use jet::jet;

#[jet(ordr = 2)] //~ ERROR unknown `#[jet]` option `ordr`
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}

use jet::jet;

#[jet(order = 2)]
fn sum(x: &[f64], p: *const f64) -> f64 { //~ ERROR `#[jet]` does not take raw pointers
    x[0] + unsafe { *p }
}

fn main() {}

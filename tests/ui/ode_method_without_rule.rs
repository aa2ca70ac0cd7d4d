// `fract` has no Taylor rule.
#[jet::ode]
fn growth(_t: f64, y: &[f64; 1]) -> [f64; 1] {
    [y[0].fract()]
}

fn main() {}

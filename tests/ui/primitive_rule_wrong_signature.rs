use jet::primitive;

// An incremental rule of a one-argument primitive is `fn(a, c, k) -> f64`; this one
// forgot the result's coefficients `c`.
fn exp_rule(a: &[f64], k: usize) -> f64 {
    a[k]
}

#[primitive(rule = exp_rule)] //~ ERROR mismatched types
fn my_exp(x: f64) -> f64 {
    x.exp()
}

fn main() {}

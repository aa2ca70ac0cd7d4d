use jet::primitive;

// The derivative exists but has no `#[jet]`, so there is no companion `cube_prime_jet`
// to evaluate it on jets: rustc reports it at the attribute's argument.
fn cube_prime(x: f64) -> f64 {
    3.0 * x * x
}

#[primitive(derivative = cube_prime)] //~ ERROR cannot find function `cube_prime_jet`
fn cube(x: f64) -> f64 {
    x * x * x
}

fn main() {}

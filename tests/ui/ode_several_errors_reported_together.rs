// Every unsupported construct is reported, not only the first; the generated system
// still exists, so `main` gets no second round of errors.
#[jet::ode]
fn messy(_t: f64, y: &[f64; 2]) -> [f64; 2] {
    let a = y[0] % 2.0;
    let b = y[1].fract();
    [a, b]
}

fn main() {
    let _ = MessyOde::new();
}

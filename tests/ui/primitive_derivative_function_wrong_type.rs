use jet::{jet, primitive};

// The derivative computes in `f32`, the primitive in `f64`.
#[jet]
fn wave_prime(x: f32) -> f32 {
    x.cos()
}

#[primitive(derivative = wave_prime)] //~ ERROR mismatched types
fn wave(x: f64) -> f64 {
    x.sin()
}

fn main() {}

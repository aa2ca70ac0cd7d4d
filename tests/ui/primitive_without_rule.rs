use jet::primitive;

#[primitive]
fn lambert_w(x: f64) -> f64 { //~ ERROR `#[jet::primitive]` needs the Taylor rule of `lambert_w`
    x
}

fn main() {}

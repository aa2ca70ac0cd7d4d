#[jet::jet_struct]
pub struct Atom {
    pub x: f64,
    pub species: usize, //~ ERROR every field of a `#[jet::jet_struct]` must have one float type
}

fn main() {}

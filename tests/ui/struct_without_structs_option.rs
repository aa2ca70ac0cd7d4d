use jet::jet;

#[jet::jet_struct]
pub struct Particle {
    pub x: f64,
    pub y: f64,
}

#[jet(order = 2)]
fn spread(ps: &[Particle]) -> f64 { //~ ERROR for a struct of floats such as `Particle`
    ps[0].x - ps[1].x
}

fn main() {}

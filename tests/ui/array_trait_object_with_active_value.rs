use jet::jet;

pub trait Potential {
    fn eval(&self, r: f64) -> f64;
}

#[jet(order = 2, wrt(r))]
fn energy(p: &dyn Potential, r: &[f64]) -> f64 {
    p.eval(r[0]) //~ ERROR cannot pass `r[0]`
}

fn main() {}

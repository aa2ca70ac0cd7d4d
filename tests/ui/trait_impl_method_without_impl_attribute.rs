use jet::jet;

trait Potential {
    fn energy(&self, r: f64) -> f64;
}

struct Morse {
    d: f64,
}

impl Potential for Morse {
    // Without `#[jet]` on the impl block the companion lands in the trait impl, where it
    // is not a member; the fix is `#[jet]` on the `impl` line.
    #[jet(order = 4)]
    fn energy(&self, r: f64) -> f64 { //~ ERROR method `energy_jet` is not a member of trait `Potential`
        self.d * (1.0 - (-r).exp()).powi(2)
    }
}

fn main() {}

use jet::jet;

trait Model {
    #[jet(order = 2)] //~ ERROR `#[jet]` needs the function's body
    fn energy(&self, x: f64) -> f64;
}

fn main() {}

use jet::jet;

struct Spring {
    k: f64,
}

#[jet]
impl Spring { //~ ERROR compiles the methods marked `#[jet(..)]` inside it, and none is
    fn energy(&self, x: f64) -> f64 {
        0.5 * self.k * x * x
    }
}

fn main() {}

use jet::jet;

macro_rules! twice {
    ($e:expr) => {
        $e * 2.0
    };
}

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    twice!(x.sin()) //~ ERROR macro `twice!` uses `x`
}

fn main() {}

use jet::jet;

#[jet(order = 2)] //~ ERROR `#[jet]` applies to functions, not to a struct
struct Point {
    x: f64,
}

fn main() {}

use jet::primitive;

#[primitive(derivative = |x| x)]
struct Potential { //~ ERROR `#[jet::primitive]` applies to functions, not to a struct
    depth: f64,
}

fn main() {}

use jet::{jet, primitive};

#[primitive(derivative = |x, y| y)]
fn my_exp(x: f64) -> f64 {
    x.exp()
}

// `my_exp` takes one argument; `#[jet]` calls its companion `my_exp_jet` with two, and
// rustc reports the call.
#[jet(order = 2)]
fn g(x: f64) -> f64 {
    my_exp(x, 2.0) //~ ERROR this function takes 1 argument but 2 arguments were supplied
}

fn main() {}

use jet::jet;

#[jet(order = 2)]
fn show(x: f64) { //~ ERROR `show` returns nothing to differentiate
    println!("{}", x);
}

fn main() {}

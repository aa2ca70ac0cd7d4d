use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    println!("x = {x}"); //~ ERROR `{x}` in the format string names `x`
    x.sin()
}

fn main() {}

use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    let sc = x.sin_cos(); //~ ERROR `sc` would hold a tuple that carries derivatives
    sc.0 * sc.1
}

fn main() {}

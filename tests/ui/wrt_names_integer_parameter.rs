use jet::jet;

#[jet(order = 2, wrt(x, n))] //~ ERROR `wrt` names `n`, which has type `usize`
fn f(x: f64, n: usize) -> f64 {
    x.powi(n as i32)
}

fn main() {}

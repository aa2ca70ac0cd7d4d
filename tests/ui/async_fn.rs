use jet::jet;

#[jet(order = 2)]
async fn f(x: f64) -> f64 { //~ ERROR `#[jet]` does not support `async fn`
    x.sin()
}

fn main() {}

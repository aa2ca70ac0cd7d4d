use jet::jet;

#[jet(order = 2)]
fn f(x: f64) -> f64 {
    let bits = unsafe { std::mem::transmute::<f64, u64>(x) }; //~ ERROR `unsafe` blocks are not lowered
    x * bits as f64
}

fn main() {}

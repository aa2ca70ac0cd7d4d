use jet::jet;

fn helper(x: f64) -> f64 {
    x * x
}

// A call with an active argument uses the callee's companion `helper_jet`; `helper` has
// no `#[jet]`, so rustc reports the missing companion at the call.
#[jet(order = 2)]
fn f(x: f64) -> f64 {
    helper(x) + 1.0 //~ ERROR cannot find function `helper_jet`
}

fn main() {}

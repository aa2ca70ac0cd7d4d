use jet::jet;

#[jet(order = 3)]
fn inner(x: f64) -> f64 {
    x.sin()
}

// The generic companion `outer_jet<J>` passes its `J` on, and `inner_jet` takes
// `Jet<f64, 4>` only.
#[jet]
fn outer(x: f64) -> f64 {
    inner(x) * 2.0 //~ ERROR the generic companion of this `#[jet]` function (no `order`) calls a companion compiled for one jet type
}

fn main() {}

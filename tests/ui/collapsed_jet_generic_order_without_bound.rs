// Generic over the order of a collapsed jet without stating the storage bound.
use jet::{CollapsedJet, Taylor};

fn summed_square<const N: usize>(x: CollapsedJet<f64, N, 2>) -> f64 {
    x.square().summed_coefficient()
}

fn main() {
    let _ = summed_square(CollapsedJet::<f64, 3, 2>::along(0.0, [1.0, 3.0]));
}

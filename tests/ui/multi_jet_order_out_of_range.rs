// A multi-directional jet of 40 coefficients: the storage is named for N = 1..=33 only.
use jet::{MultiJet, Taylor};

fn main() {
    let x = MultiJet::<f64, 40, 2>::along(0.5, [1.0, 0.0]);
    let _ = x.sin().summed_coefficient(39);
}

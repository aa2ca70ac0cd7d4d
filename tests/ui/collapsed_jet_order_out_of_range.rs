// A collapsed jet of 40 coefficients: the storage is named for N = 2..=33 only.
use jet::{CollapsedJet, Taylor};

fn main() {
    let x = CollapsedJet::<f64, 40, 2>::along(0.5, [1.0, 0.0]);
    let _ = x.sin().summed_coefficient();
}

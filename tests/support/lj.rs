//! The Lennard-Jones energy kernel shared by `tests/kernels.rs` and `benches/kernels.rs`
//! (the examples keep their own copy, so a reader sees the whole program).

use jet::jet;

/// E(x) = Σ_{i<j} 4 (r⁻¹² − r⁻⁶), positions flattened `x[3 i + c]`, written as a user
/// would: loops over pairs, squared distances.
#[jet]
pub fn lj_energy(x: &[f64]) -> f64 {
    let n = x.len() / 3;
    let mut e = 0.0;
    for i in 0..n {
        for j in (i + 1)..n {
            let mut r2 = 0.0;
            for c in 0..3 {
                let d = x[3 * i + c] - x[3 * j + c];
                r2 += d * d;
            }
            let s6 = 1.0 / (r2 * r2 * r2);
            e += 4.0 * (s6 * s6 - s6);
        }
    }
    e
}

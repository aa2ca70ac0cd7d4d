//! Lennard-Jones energy of 16 particles, written as plain loops over pairs, and its
//! Taylor expansion along a direction from one call of the `#[jet]` companion; forces
//! from first-order jets, checked against finite differences.
//!
//! Run with `cargo run --example lennard_jones`.

use jet::{jet, Jet};

/// E(x) = Σ_{i<j} 4 (r⁻¹² − r⁻⁶), positions flattened `x[3 i + c]`.
#[jet]
fn energy(x: &[f64]) -> f64 {
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

fn main() {
    // 16 particles near a 3 x 3 x 2 lattice of spacing 1.1, slightly displaced.
    let mut x = Vec::new();
    for k in 0..16 {
        let site = [(k % 3) as f64, ((k / 3) % 3) as f64, (k / 9) as f64];
        for (c, s) in site.iter().enumerate() {
            x.push(1.1 * s + 0.03 * ((7 * k + 3 * c) % 5) as f64 - 0.06);
        }
    }
    let v: Vec<f64> = (0..48).map(|i| ((i * 13 % 7) as f64 - 3.0) / 3.0).collect();

    // x(t) = x + t v: coefficients of E(x + t v) up to t⁴ in one call.
    let xt: Vec<Jet<f64, 5>> = x.iter().zip(&v).map(|(&x, &v)| Jet::along(x, v)).collect();
    let e = energy_jet(&xt);
    println!("E(x)                    = {:.12}", energy(&x));
    for k in 0..5 {
        println!(
            "d^{k}/dt^{k} E(x + t v) at 0 = {:>18.10}   (Taylor coefficient {:.10})",
            e.derivative(k),
            e.coefficient(k)
        );
    }

    // The series predicts E at a small step; compare with the function itself.
    let h = 1e-2;
    let moved: Vec<f64> = x.iter().zip(&v).map(|(x, v)| x + h * v).collect();
    println!(
        "E(x + {h} v): series {:.12}, direct {:.12}",
        e.eval(h),
        energy(&moved)
    );

    // Forces: one first-order jet per coordinate, F = -∇E.
    let mut xj: Vec<Jet<f64, 2>> = x.iter().map(|&v| Jet::constant(v)).collect();
    let mut worst: f64 = 0.0;
    println!("forces on particle 0 and 1 (jets vs central differences):");
    for k in 0..48 {
        xj[k] = Jet::variable(x[k]);
        let f = -energy_jet(&xj).derivative(1);
        xj[k] = Jet::constant(x[k]);
        let mut xp = x.clone();
        let mut xm = x.clone();
        xp[k] += 1e-6;
        xm[k] -= 1e-6;
        let fd = -(energy(&xp) - energy(&xm)) / 2e-6;
        worst = worst.max((f - fd).abs() / fd.abs().max(1.0));
        if k < 6 {
            println!(
                "  F[{}].{} = {:>14.8}   ({:>14.8})",
                k / 3,
                ["x", "y", "z"][k % 3],
                f,
                fd
            );
        }
    }
    println!("largest relative difference to central differences: {worst:.1e}");
}

//! The Hessian diagonal, the Laplacian and the full Hessian of a function of several
//! variables, from one `#[jet]` companion run on multi-directional jets.
//!
//! f(x) = exp(-|x|²/2) Σ x_i³ in 4 dimensions, against closed forms.
//!
//! Run with `cargo run --example hessian_diagonal`.

use jet::{jet, ops};

/// Written once over `&[f64]`; `#[jet]` (no order) emits `f_jet<J: Taylor<f64>>(&[J]) -> J`,
/// which every operator of `jet::ops` runs on its own jet kind.
#[jet]
fn f(x: &[f64]) -> f64 {
    let mut r2 = 0.0;
    let mut cubes = 0.0;
    for &xi in x {
        r2 += xi * xi;
        cubes += xi * xi * xi;
    }
    (-0.5 * r2).exp() * cubes
}

/// ∂²f/∂x_i² for f = g s, g = exp(-r²/2), s = Σ x³: g_ii s + 2 g_i s_i + g s_ii with
/// g_i = -x_i g, g_ii = (x_i² - 1) g, s_i = 3 x_i², s_ii = 6 x_i.
fn hessian_diagonal_exact(x: &[f64; 4]) -> [f64; 4] {
    let r2: f64 = x.iter().map(|v| v * v).sum();
    let s: f64 = x.iter().map(|v| v * v * v).sum();
    let g = (-0.5 * r2).exp();
    core::array::from_fn(|i| {
        let xi = x[i];
        (xi * xi - 1.0) * g * s + 2.0 * (-xi * g) * (3.0 * xi * xi) + g * 6.0 * xi
    })
}

fn main() {
    let x = [0.3, -0.7, 1.1, 0.2];
    let diagonal = ops::hessian_diagonal(f_jet, &x);
    let exact = hessian_diagonal_exact(&x);
    println!(
        "f(x) = exp(-|x|²/2) Σ x_i³ at x = {x:?}; the plain f(x) = {}\n",
        f(&x)
    );
    println!(
        "{:>3}  {:>22}  {:>22}",
        "i", "∂²f/∂x_i² (jets)", "closed form"
    );
    for i in 0..4 {
        println!("{i:>3}  {:>22.15e}  {:>22.15e}", diagonal[i], exact[i]);
    }
    let laplacian = ops::laplacian(f_jet, &x);
    println!("\nLaplacian (collapsed jets): {laplacian:.15e}");
    println!(
        "sum of the exact diagonal:  {:.15e}",
        exact.iter().sum::<f64>()
    );
    let hessian = ops::hessian(f_jet, &x);
    println!("\nfull Hessian (polarization of directional 2-jets):");
    for row in &hessian {
        println!(
            "  {}",
            row.iter()
                .map(|v| format!("{v:+.6e}"))
                .collect::<Vec<_>>()
                .join("  ")
        );
    }
    println!("gradient: {:?}", ops::gradient(f_jet, &x));
}

//! Directional derivatives of a small tanh network: the input is the active slice,
//! the weights stay plain `&[f64]`. One call of the companion gives f, ∂_v f, ∂_v² f and
//! ∂_v³ f along a direction v; summing second derivatives along the coordinate axes gives
//! the Laplacian.
//!
//! Run with `cargo run --example mlp_directional`.

use jet::{jet, Jet};

/// f(x) = w3 · tanh(W2 tanh(W1 x + b1) + b2), weights row-major.
#[jet(wrt(x))]
fn mlp(w1: &[f64], b1: &[f64], w2: &[f64], b2: &[f64], w3: &[f64], x: &[f64]) -> f64 {
    let d = x.len();
    let mut a1 = vec![0.0; b1.len()];
    for (i, a) in a1.iter_mut().enumerate() {
        let mut s = b1[i];
        for j in 0..d {
            s += w1[i * d + j] * x[j];
        }
        *a = s.tanh();
    }
    let h = a1.len();
    let mut out = 0.0;
    for i in 0..b2.len() {
        let s: f64 = (0..h).fold(b2[i], |acc, j| acc + w2[i * h + j] * a1[j]);
        out += w3[i] * s.tanh();
    }
    out
}

/// Deterministic weights in [-1, 1) / sqrt(fan-in).
fn weights(n: usize, fan_in: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0) / (fan_in as f64).sqrt()
        })
        .collect()
}

fn main() {
    let (d, h) = (8, 32);
    let (w1, b1) = (weights(h * d, d, 1), weights(h, d, 2));
    let (w2, b2) = (weights(h * h, h, 3), weights(h, h, 4));
    let w3 = weights(h, h, 5);
    let x: Vec<f64> = (0..d).map(|i| 0.2 * i as f64 - 0.7).collect();
    let v: Vec<f64> = (0..d)
        .map(|i| if i % 2 == 0 { 0.5 } else { -0.25 })
        .collect();

    let xt: Vec<Jet<f64, 4>> = x.iter().zip(&v).map(|(&x, &v)| Jet::along(x, v)).collect();
    let y = mlp_jet(&w1, &b1, &w2, &b2, &w3, &xt);
    println!("f(x)       = {:.12}", mlp(&w1, &b1, &w2, &b2, &w3, &x));
    for k in 1..4 {
        println!("d^{k}f/dt^{k}  = {:.12}   along x + t v", y.derivative(k));
    }

    // Central differences of t -> f(x + t v) for comparison.
    let f = |t: f64| {
        let p: Vec<f64> = x.iter().zip(&v).map(|(x, v)| x + t * v).collect();
        mlp(&w1, &b1, &w2, &b2, &w3, &p)
    };
    let e = 1e-4;
    println!(
        "central differences: f' = {:.9}, f'' = {:.7}",
        (f(e) - f(-e)) / (2.0 * e),
        (f(e) - 2.0 * f(0.0) + f(-e)) / (e * e)
    );

    // The Laplacian as the sum of second derivatives along the axes (D second-order jets).
    let mut lap = 0.0;
    for i in 0..d {
        let xi: Vec<Jet<f64, 3>> = x
            .iter()
            .enumerate()
            .map(|(j, &x)| Jet::along(x, if i == j { 1.0 } else { 0.0 }))
            .collect();
        lap += mlp_jet(&w1, &b1, &w2, &b2, &w3, &xi).derivative(2);
    }
    println!("Laplacian  = {lap:.12}   (sum of {d} axis second derivatives)");
}

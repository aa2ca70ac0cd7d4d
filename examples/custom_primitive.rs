//! Functions the runtime has no rule for, declared as Taylor primitives with
//! `#[jet::primitive]` and used from `#[jet]` code.
//!
//! - Lambert W from its derivative `W' = W / (x (1 + W))` (the derivative needs `W`
//!   itself, so the closure takes the result as its last parameter);
//! - Dawson's integral from a hand-written incremental rule (it satisfies the linear ODE
//!   `F' = 1 − 2xF`, so one pass with one auxiliary series does it);
//! - a two-argument log-sum-exp from its partial derivatives.
//!
//! Run with `cargo run --example custom_primitive`.

use jet::{jet, primitive, Jet};

/// Lambert W, principal branch (`W e^W = x`, x > −1/e), by Halley's iteration.
#[primitive(derivative = |x, w| w / (x * (1.0 + w)))]
fn lambert_w(x: f64) -> f64 {
    let mut w = if x < 1.0 { x / (1.0 + x) } else { x.ln_1p() };
    for _ in 0..64 {
        let e = w.exp();
        let f = w * e - x;
        let step = f / (e * (w + 1.0) - (w + 2.0) * f / (2.0 * w + 2.0));
        w -= step;
        if step.abs() <= 1e-17 * w.abs() {
            break;
        }
    }
    w
}

/// Dawson's integral `F(x) = e^{−x²} ∫₀ˣ e^{s²} ds` = e^{−x²} Σ x^{2n+1} / (n! (2n+1)).
#[primitive(pair_rule = dawson_rule)]
fn dawson(x: f64) -> f64 {
    let x2 = x * x;
    let (mut p, mut sum) = (x, x);
    for n in 1..200 {
        p *= x2 / n as f64;
        let term = p / (2 * n + 1) as f64;
        sum += term;
        if term.abs() <= 1e-17 * sum.abs() {
            break;
        }
    }
    (-x2).exp() * sum
}

/// The incremental rule of `c = F(a)` with the auxiliary `d = a·c`: from
/// c' = (1 − 2ac) a', c_k = a_k − (2/k) Σ_{j=1..k} j a_j d_{k-j}; d_k = Σ_i a_i c_{k-i}.
fn dawson_rule(a: &[f64], c: &[f64], d: &[f64], k: usize) -> (f64, f64) {
    if k == 0 {
        let c0 = dawson(a[0]);
        return (c0, a[0] * c0);
    }
    let mut s = 0.0;
    for j in 1..=k {
        s += j as f64 * a[j] * d[k - j];
    }
    let ck = a[k] - 2.0 * s / k as f64;
    let mut dk = a[0] * ck;
    for i in 1..=k {
        dk += a[i] * c[k - i];
    }
    (ck, dk)
}

/// `ln(e^x + e^y)`, with ∂/∂x = e^{x − f} and ∂/∂y = e^{y − f} (f the result).
#[primitive(partials(x = |x, y, f| (x - f).exp(), y = |x, y, f| (y - f).exp()))]
fn log_sum_exp(x: f64, y: f64) -> f64 {
    x.max(y) + (-(x - y).abs()).exp().ln_1p()
}

/// Ordinary `#[jet]` code: calls of the primitives use their Taylor rules.
#[jet(order = 6)]
fn model(x: f64) -> f64 {
    let w = lambert_w(x);
    dawson(w) + log_sum_exp(x, 2.0 * w)
}

fn main() {
    let x0 = 1.0;
    let w = lambert_w_jet(Jet::<f64, 6>::variable(x0));
    println!("Lambert W at x = {x0}: W = {:.15}", w.value());
    println!("  derivatives W^(k)(1), k = 0..5:");
    for (k, d) in w.derivatives().iter().enumerate() {
        println!("    k = {k}: {d:+.15e}");
    }
    let w0 = w.value();
    let w2 = -w0 * w0 * (w0 + 2.0) / (x0 * x0 * (1.0 + w0).powi(3));
    println!(
        "  closed form W'' = -W²(W + 2)/(x²(1 + W)³) = {w2:+.15e} (difference {:.1e})",
        (w.derivative(2) - w2).abs()
    );

    let f = dawson_jet(Jet::<f64, 5>::variable(0.5));
    let f0 = f.value();
    println!("\nDawson F at 0.5 = {f0:.15} (rule with one auxiliary series)");
    println!(
        "  F'(0.5) = {:+.15} vs 1 - 2xF = {:+.15}",
        f.derivative(1),
        1.0 - 2.0 * 0.5 * f0
    );

    let y = model_jet(Jet::variable(0.8));
    println!("\nmodel(x) = dawson(W(x)) + log_sum_exp(x, 2 W(x)) at x = 0.8:");
    println!("  value {:.15} (primal {:.15})", y.value(), model(0.8));
    for (k, d) in y.derivatives().iter().enumerate().skip(1) {
        println!("  d^{k}/dx^{k} = {d:+.12e}");
    }
}

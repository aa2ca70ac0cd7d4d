//! The 10th derivative of a scalar function in one pass, against the closed form.
//!
//! f(t) = 0.3 sin(t) t^10 (the seed example of Taylor-mode AD papers): all derivatives
//! 0..=10 at t = 1.1 from one `Jet<f64, 11>`, compared with the Leibniz rule
//! d^n (u v) = Σ C(n, k) u^(k) v^(n-k), u = sin t, v = t^10.
//!
//! Run with `cargo run --example tenth_derivative`.

use jet::{jet, Jet};

#[jet(order = 10)]
fn f(t: f64) -> f64 {
    0.3 * t.sin() * t.powi(10)
}

/// d^n/dt^n of 0.3 sin(t) t^10 by the Leibniz rule.
fn leibniz(n: usize, t: f64) -> f64 {
    let sin_derivative = |k: usize| match k % 4 {
        0 => t.sin(),
        1 => t.cos(),
        2 => -t.sin(),
        _ => -t.cos(),
    };
    // d^j t^10 = 10!/(10-j)! t^(10-j)
    let power_derivative = |j: usize| -> f64 {
        if j > 10 {
            return 0.0;
        }
        let falling: f64 = (0..j).map(|i| (10 - i) as f64).product();
        falling * t.powi((10 - j) as i32)
    };
    let mut binomial = 1.0;
    let mut sum = 0.0;
    for k in 0..=n {
        sum += binomial * sin_derivative(k) * power_derivative(n - k);
        binomial = binomial * (n - k) as f64 / (k + 1) as f64;
    }
    0.3 * sum
}

fn main() {
    let t = 1.1;
    let y = f_jet(Jet::variable(t));
    println!("f(t) = 0.3 sin(t) t^10 at t = {t}: every derivative from one order-10 jet\n");
    println!(
        "{:>3}  {:>24}  {:>24}  {:>9}",
        "n", "jet", "Leibniz closed form", "rel. err"
    );
    for n in 0..=10 {
        let exact = leibniz(n, t);
        let got = y.derivative(n);
        println!(
            "{n:>3}  {got:>24.15e}  {exact:>24.15e}  {:>9.1e}",
            ((got - exact) / exact).abs()
        );
    }
    println!("\nthe plain function is unchanged: f({t}) = {}", f(t));
    println!("normalized coefficients (what the jet stores): {y:.6}");
}

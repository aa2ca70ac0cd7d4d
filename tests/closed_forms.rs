//! `#[jet]` companions against closed forms.
//!
//! Every expected value here is computed without a Taylor recurrence: by the Leibniz
//! rule evaluated in double-double arithmetic, by the known derivatives of `sin`, `cos`,
//! `exp`, `ln`, powers and polynomials, or by a wave-equation identity.

// `k` indexes derivatives and reference arrays alike; `kink` assigns in its branches on
// purpose (the macro must handle a late-initialized binding).
#![allow(clippy::needless_range_loop, clippy::needless_late_init)]

use jet::{jet, Float, Jet};

// ---------------------------------------------------------------------------------------
// A tiny double-double (≈ 32 significant digits) for reference values.
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
struct Dd {
    hi: f64,
    lo: f64,
}

impl Dd {
    fn new(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }
    fn two_sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        let bb = s - a;
        let e = (a - (s - bb)) + (b - bb);
        Dd { hi: s, lo: e }
    }
    fn quick_two_sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        Dd {
            hi: s,
            lo: b - (s - a),
        }
    }
    fn add(self, o: Dd) -> Dd {
        let s = Dd::two_sum(self.hi, o.hi);
        let t = Dd::two_sum(self.lo, o.lo);
        let s = Dd::quick_two_sum(s.hi, s.lo + t.hi);
        Dd::quick_two_sum(s.hi, s.lo + t.lo)
    }
    fn neg(self) -> Dd {
        Dd {
            hi: -self.hi,
            lo: -self.lo,
        }
    }
    fn mul(self, o: Dd) -> Dd {
        let p = self.hi * o.hi;
        let e = self.hi.mul_add(o.hi, -p);
        Dd::quick_two_sum(p, e + self.hi * o.lo + self.lo * o.hi)
    }
    fn mul_f(self, f: f64) -> Dd {
        self.mul(Dd::new(f))
    }
    fn div_f(self, d: f64) -> Dd {
        let q1 = self.hi / d;
        let r = self.add(Dd::new(q1).mul_f(d).neg());
        let q2 = r.hi / d;
        let r = r.add(Dd::new(q2).mul_f(d).neg());
        let q3 = r.hi / d;
        Dd::quick_two_sum(q1, q2).add(Dd::new(q3))
    }
}

/// `(sin x, cos x)` for an `f64` x (|x| ≤ 2) in double-double, by the Maclaurin series.
fn dd_sin_cos(x: f64) -> (Dd, Dd) {
    let x = Dd::new(x);
    let x2 = x.mul(x);
    let (mut s, mut c) = (x, Dd::new(1.0));
    let (mut ts, mut tc) = (x, Dd::new(1.0));
    for n in 1..40 {
        let n = n as f64;
        ts = ts.mul(x2).div_f(-(2.0 * n) * (2.0 * n + 1.0));
        tc = tc.mul(x2).div_f(-(2.0 * n - 1.0) * (2.0 * n));
        s = s.add(ts);
        c = c.add(tc);
    }
    (s, c)
}

/// `e^x` for an `f64` x (|x| ≤ 3) in double-double, by the Maclaurin series.
fn dd_exp(x: f64) -> Dd {
    let xd = Dd::new(x);
    let (mut sum, mut term) = (Dd::new(1.0), Dd::new(1.0));
    for n in 1..60 {
        term = term.mul(xd).div_f(n as f64);
        sum = sum.add(term);
    }
    sum
}

fn binomial(n: u32, k: u32) -> f64 {
    (0..k).fold(1.0, |b, i| b * (n - i) as f64 / (i + 1) as f64)
}

/// Relative error of `got` against `want`.
fn rel(got: f64, want: f64) -> f64 {
    (got - want).abs() / want.abs().max(f64::MIN_POSITIVE)
}

fn factorial(k: usize) -> f64 {
    (1..=k).map(|i| i as f64).product()
}

// ---------------------------------------------------------------------------------------
// 0.3 sin(t) t^10 at order 10 against the Leibniz rule.
// ---------------------------------------------------------------------------------------

#[jet(order = 10)]
fn sin_t10(t: f64) -> f64 {
    0.3 * t.sin() * t.powi(10)
}

/// `d^n/dt^n [0.3 sin(t) t^10] = 0.3 Σ_k C(n,k) sin^(k)(t) (t^10)^(n-k)`, in double-double,
/// with `sin^(k)(t) = sin(t + kπ/2)` and `(t^10)^(m) = 10!/(10-m)! t^(10-m)`.
fn sin_t10_leibniz(t: f64, n: u32) -> f64 {
    let (s, c) = dd_sin_cos(t);
    let sin_derivative = |k: u32| match k % 4 {
        0 => s,
        1 => c,
        2 => s.neg(),
        _ => c.neg(),
    };
    let power_derivative = |m: u32| {
        if m > 10 {
            return Dd::new(0.0);
        }
        let falling: f64 = ((10 - m + 1)..=10).map(|i| i as f64).product();
        let mut p = Dd::new(falling);
        for _ in 0..(10 - m) {
            p = p.mul_f(t);
        }
        p
    };
    let mut sum = Dd::new(0.0);
    for k in 0..=n {
        sum = sum.add(
            sin_derivative(k)
                .mul(power_derivative(n - k))
                .mul_f(binomial(n, k)),
        );
    }
    sum.mul_f(0.3).hi
}

#[test]
fn sin_times_t10_matches_leibniz_to_1e_14() {
    // The primal, in the same double-double, checks the reference itself.
    assert!(rel(sin_t10(1.1), sin_t10_leibniz(1.1, 0)) < 1e-15);
    for &t in &[1.1, -0.7, 0.35, 2.0] {
        let y = sin_t10_jet(Jet::variable(t));
        for n in 0..=10 {
            let want = sin_t10_leibniz(t, n);
            let got = y.derivative(n as usize);
            assert!(
                rel(got, want) <= 1e-14,
                "d^{n}/dt^{n} 0.3 sin(t) t^10 at t = {t}: jet {got:e}, Leibniz {want:e}, rel {:e}",
                rel(got, want)
            );
        }
    }
}

#[test]
fn the_companion_leaves_the_original_unchanged() {
    let t: f64 = 1.1;
    assert_eq!(sin_t10(t), 0.3 * t.sin() * t.powi(10));
}

// ---------------------------------------------------------------------------------------
// Small closed forms: sin'', e^x, a wave equation.
// ---------------------------------------------------------------------------------------

#[jet(order = 2)]
fn sine(x: f64) -> f64 {
    x.sin()
}

#[test]
fn second_derivative_of_sin_is_minus_sin() {
    for i in -20..=20 {
        let x = 0.37 * i as f64;
        let y = sine_jet(Jet::variable(x));
        assert_eq!(y.value(), sine(x));
        assert!((y.derivative(1) - x.cos()).abs() <= 1e-15);
        assert!(
            (y.derivative(2) + x.sin()).abs() <= 1e-15,
            "sin'' at {x}: {} vs {}",
            y.derivative(2),
            -x.sin()
        );
    }
}

#[jet(order = 8)]
fn exponential(x: f64) -> f64 {
    x.exp()
}

#[jet(order = 6)]
fn exp_scaled(x: f64) -> f64 {
    (2.0 * x - 1.0).exp()
}

#[test]
fn every_derivative_of_exp_is_exp() {
    for &x in &[-2.5, -1.0, 0.0, 0.3, 1.7, 3.0] {
        let want = dd_exp(x).hi;
        let y = exponential_jet(Jet::variable(x));
        assert_eq!(y.value(), exponential(x));
        for k in 0..=8 {
            assert!(
                rel(y.derivative(k), want) <= 1e-14,
                "d^{k} e^x at {x}: {} vs {want}",
                y.derivative(k)
            );
            // Normalized coefficients are e^x / k!.
            assert!(rel(y.coefficient(k), want / factorial(k)) <= 1e-14);
        }
        // e^(2x - 1): d^k = 2^k e^(2x - 1).
        let z = exp_scaled_jet(Jet::variable(x));
        assert_eq!(z.value(), exp_scaled(x));
        let base = (2.0 * x - 1.0).exp();
        for k in 0..=6 {
            let want = 2f64.powi(k as i32) * base;
            assert!(rel(z.derivative(k), want) <= 1e-14);
        }
        // Along a direction v: d^k/dt^k e^(x + v t) = v^k e^x.
        let v = -0.6;
        let w = exponential_jet(Jet::along(x, v));
        for k in 0..=8 {
            assert!(rel(w.derivative(k), v.powi(k as i32) * want) <= 1e-14);
        }
    }
}

#[jet(order = 2)]
fn standing_wave(t: f64, x: f64) -> f64 {
    t.cos() * x.sin()
}

#[jet(order = 4)]
fn travelling_waves(t: f64, x: f64) -> f64 {
    let c = 1.7;
    (x - c * t).sin() + 0.5 * (x + c * t).cos() + (x - c * t).powi(3)
}

#[test]
fn wave_equation_u_tt_equals_u_xx() {
    for i in 0..15 {
        let t0 = -1.3 + 0.21 * i as f64;
        let x0 = 0.4 - 0.17 * i as f64;
        // u = cos t sin x: jets along t (x held) and along x (t held).
        let along_t = standing_wave_jet(Jet::variable(t0), Jet::constant(x0));
        let along_x = standing_wave_jet(Jet::constant(t0), Jet::variable(x0));
        assert_eq!(along_t.value(), standing_wave(t0, x0));
        let exact = -t0.cos() * x0.sin();
        assert!((along_t.derivative(2) - exact).abs() <= 1e-15);
        assert!((along_x.derivative(2) - exact).abs() <= 1e-15);
        assert!((along_t.derivative(1) + t0.sin() * x0.sin()).abs() <= 1e-15);
        assert!((along_x.derivative(1) - t0.cos() * x0.cos()).abs() <= 1e-15);

        // u = f(x - ct) + g(x + ct): u_tt = c² u_xx, and u_tttt = c⁴ u_xxxx.
        let c: f64 = 1.7;
        let along_t = travelling_waves_jet(Jet::variable(t0), Jet::constant(x0));
        let along_x = travelling_waves_jet(Jet::constant(t0), Jet::variable(x0));
        // (`powi` rounds as it is compiled: a few ulps, not bit for bit.)
        assert!(rel(along_x.value(), travelling_waves(t0, x0)) <= 4.0 * f64::EPSILON);
        let scale = along_t.derivative(2).abs().max(1.0);
        assert!(
            (along_t.derivative(2) - c * c * along_x.derivative(2)).abs() <= 1e-13 * scale,
            "u_tt {} vs c^2 u_xx {}",
            along_t.derivative(2),
            c * c * along_x.derivative(2)
        );
        let scale = along_t.derivative(4).abs().max(1.0);
        assert!((along_t.derivative(4) - c.powi(4) * along_x.derivative(4)).abs() <= 1e-13 * scale);
        // And against the closed form u_xx = -sin(x - ct) - 0.5 cos(x + ct) + 6 (x - ct).
        let xi = x0 - c * t0;
        let eta = x0 + c * t0;
        let uxx = -xi.sin() - 0.5 * eta.cos() + 6.0 * xi;
        assert!((along_x.derivative(2) - uxx).abs() <= 1e-13 * uxx.abs().max(1.0));
    }
}

// ---------------------------------------------------------------------------------------
// Generic floats.
// ---------------------------------------------------------------------------------------

#[jet(order = 3)]
fn generic_poly_sin<T: Float>(x: T) -> T {
    x * x * x + x.sin()
}

#[test]
fn a_generic_function_instantiates_at_f32_and_f64() {
    for &x in &[-1.2f64, 0.0, 0.4, 2.1] {
        // d^k (x³ + sin x): x³ + sin x, 3x² + cos x, 6x − sin x, 6 − cos x.
        let want = [
            x * x * x + x.sin(),
            3.0 * x * x + x.cos(),
            6.0 * x - x.sin(),
            6.0 - x.cos(),
        ];
        let y64 = generic_poly_sin_jet(Jet::<f64, 4>::variable(x));
        let y32 = generic_poly_sin_jet(Jet::<f32, 4>::variable(x as f32));
        assert_eq!(y64.value(), generic_poly_sin(x));
        assert_eq!(y32.value(), generic_poly_sin(x as f32));
        for k in 0..4 {
            let scale = want[k].abs().max(1.0);
            assert!((y64.derivative(k) - want[k]).abs() <= 1e-14 * scale);
            assert!(
                (y32.derivative(k) as f64 - want[k]).abs() <= 2e-6 * scale,
                "f32 derivative {k} at {x}: {} vs {}",
                y32.derivative(k),
                want[k]
            );
        }
    }
}

/// `#[jet]` without an order: a companion generic over the jet type.
#[jet]
fn any_order(x: f64) -> f64 {
    (0.5 * x).exp() * x
}

#[test]
fn the_order_free_companion_serves_every_order() {
    let x = 0.8;
    // d^k [x e^{x/2}] = e^{x/2} (x / 2^k + k / 2^{k-1}).
    let want = |k: i32| (0.5 * x).exp() * (x / 2f64.powi(k) + k as f64 / 2f64.powi(k - 1));
    let y3 = any_order_jet(Jet::<f64, 3>::variable(x));
    let y7 = any_order_jet(Jet::<f64, 7>::variable(x));
    assert_eq!(y7.value(), any_order(x));
    for k in 0..3 {
        assert!(rel(y3.derivative(k), want(k as i32)) <= 1e-14);
    }
    for k in 0..7 {
        assert!(rel(y7.derivative(k), want(k as i32)) <= 1e-14);
    }
}

// ---------------------------------------------------------------------------------------
// Control flow: branches follow the primal; loops run as the primal runs.
// ---------------------------------------------------------------------------------------

#[jet(order = 3)]
fn branchy(x: f64) -> f64 {
    if x < 0.0 {
        x.exp()
    } else {
        1.0 + x.sin()
    }
}

/// C¹ at x = 1: x² on the left, 2x − 1 on the right.
#[jet(order = 3)]
fn kink(x: f64) -> f64 {
    let y;
    if x < 1.0 {
        y = x * x;
    } else {
        y = 2.0 * x - 1.0;
    }
    y
}

#[test]
fn if_else_follows_the_primal_on_both_sides() {
    for &x in &[-1.5, -1e-3, -1e-12, 0.0, 1e-12, 1e-3, 0.9] {
        let y = branchy_jet(Jet::variable(x));
        assert_eq!(y.value(), branchy(x));
        let want = if x < 0.0 {
            [x.exp(); 4]
        } else {
            [1.0 + x.sin(), x.cos(), -x.sin(), -x.cos()]
        };
        for k in 0..4 {
            assert!(
                (y.derivative(k) - want[k]).abs() <= 1e-15 * want[k].abs().max(1.0),
                "branchy at {x}, derivative {k}: {} vs {}",
                y.derivative(k),
                want[k]
            );
        }
    }
    for &x in &[0.5, 1.0 - 1e-9, 1.0, 1.0 + 1e-9, 3.0] {
        let y = kink_jet(Jet::variable(x));
        assert_eq!(y.value(), kink(x));
        let want = if x < 1.0 {
            [x * x, 2.0 * x, 2.0, 0.0]
        } else {
            [2.0 * x - 1.0, 2.0, 0.0, 0.0]
        };
        assert_eq!(y.derivatives(), want, "kink at {x}");
    }
}

#[jet(order = 3)]
fn by_region(x: f64) -> f64 {
    let region = if x < -1.0 {
        0
    } else if x < 1.0 {
        1
    } else {
        2
    };
    match region {
        0 => (x + 1.0).exp() - 1.0,
        1 => x.sin() * 2.0,
        _ => x.ln() + x * x,
    }
}

#[jet(order = 3)]
fn by_guard(x: f64) -> f64 {
    match x {
        v if v < 0.0 => -(v * v * v),
        v => v * v + v,
    }
}

#[test]
fn match_follows_the_primal() {
    for &x in &[-2.0, -1.0 - 1e-9, -1.0, -0.3, 0.7, 1.0 - 1e-9, 1.0, 2.5] {
        let y = by_region_jet(Jet::variable(x));
        assert_eq!(y.value(), by_region(x));
        let want = if x < -1.0 {
            let e = (x + 1.0).exp();
            [e - 1.0, e, e, e]
        } else if x < 1.0 {
            [2.0 * x.sin(), 2.0 * x.cos(), -2.0 * x.sin(), -2.0 * x.cos()]
        } else {
            [
                x.ln() + x * x,
                1.0 / x + 2.0 * x,
                -1.0 / (x * x) + 2.0,
                2.0 / (x * x * x),
            ]
        };
        for k in 0..4 {
            assert!(
                (y.derivative(k) - want[k]).abs() <= 1e-14 * want[k].abs().max(1.0),
                "by_region at {x}, derivative {k}: {} vs {}",
                y.derivative(k),
                want[k]
            );
        }
    }
}

/// Bindings made by a pattern from an active scrutinee (`v` in `match x { v if .. }`)
/// carry the jet.
#[test]
fn match_guard_bindings_carry_derivatives() {
    for &x in &[-1.5, -1e-6, 0.0, 1e-6, 0.8] {
        let y = by_guard_jet(Jet::variable(x));
        assert_eq!(y.value(), by_guard(x));
        let want = if x < 0.0 {
            [-x * x * x, -3.0 * x * x, -6.0 * x, -6.0]
        } else {
            [x * x + x, 2.0 * x + 1.0, 2.0, 0.0]
        };
        for k in 0..4 {
            assert!((y.derivative(k) - want[k]).abs() <= 1e-15 * want[k].abs().max(1.0));
        }
    }
}

/// The cube root by Newton's method in a `while` loop with an active stopping test,
/// plus two polishing steps so the higher coefficients settle as well.
#[jet(order = 3)]
fn newton_cbrt(a: f64) -> f64 {
    let mut y = if a > 1.0 { a } else { 1.0 };
    let mut steps = 0;
    while steps < 200 {
        let next = y - (y * y * y - a) / (3.0 * y * y);
        let done = (next - y).abs() <= 1e-15 * next.abs();
        y = next;
        steps += 1;
        if done {
            break;
        }
    }
    y = y - (y * y * y - a) / (3.0 * y * y);
    y = y - (y * y * y - a) / (3.0 * y * y);
    y
}

/// e^x by its Maclaurin series, summed in a `while` loop until the term is negligible.
///
/// The loop test reads primal values only, so at x = 0 (every term's value is 0 after
/// the first step) a plain `term.abs() > tol` test stops after one step and truncates
/// the derivatives: the series needs at least K + 1 terms for a K-jet. `n <= 4.0` asks
/// for them, as a user of jets must.
#[jet(order = 3)]
fn exp_series(x: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 1.0;
    let mut n = 1.0;
    while n <= 4.0 || term.abs() > 1e-30 * sum.abs() {
        term = term * x / n;
        sum += term;
        n += 1.0;
    }
    sum
}

/// cos x by its series in a `for` loop with `break`.
#[jet(order = 3)]
fn cos_series(x: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..100 {
        let kk = k as f64;
        let denominator = (2.0 * kk - 1.0) * (2.0 * kk);
        term = -term * x * x / denominator;
        sum += term;
        if term.abs() < 1e-30 {
            break;
        }
    }
    sum
}

/// A polynomial by Horner's scheme over a constant array.
#[jet(order = 3)]
fn horner(x: f64) -> f64 {
    let coefficients = [2.0, -3.0, 0.5, 1.0, -0.25];
    let mut acc = 0.0;
    for c in coefficients.iter().rev() {
        acc = acc * x + *c;
    }
    acc
}

#[test]
fn loops_run_as_the_primal_runs() {
    for &a in &[0.2, 0.9, 1.0, 1.1, 8.0, 30.0] {
        // d^k a^{1/3}: a^{1/3}, a^{-2/3}/3, -2a^{-5/3}/9, 10a^{-8/3}/27.
        let r = a.cbrt();
        let want = [
            r,
            r / (3.0 * a),
            -2.0 * r / (9.0 * a * a),
            10.0 * r / (27.0 * a * a * a),
        ];
        let y = newton_cbrt_jet(Jet::variable(a));
        assert_eq!(y.value(), newton_cbrt(a));
        for k in 0..4 {
            assert!(
                rel(y.derivative(k), want[k]) <= 1e-14,
                "newton_cbrt at {a}, derivative {k}: {} vs {}",
                y.derivative(k),
                want[k]
            );
        }
    }
    for &x in &[-2.0, -0.5, 0.0, 0.3, 1.9] {
        let want = dd_exp(x).hi;
        let y = exp_series_jet(Jet::variable(x));
        assert_eq!(y.value(), exp_series(x));
        for k in 0..4 {
            assert!(
                rel(y.derivative(k), want) <= 1e-14,
                "exp_series at {x}, derivative {k}: {} vs {want}",
                y.derivative(k)
            );
        }
        let (s, c) = (x.sin(), x.cos());
        let want = [c, -s, -c, s];
        let y = cos_series_jet(Jet::variable(x));
        assert_eq!(y.value(), cos_series(x));
        for k in 0..4 {
            assert!(
                (y.derivative(k) - want[k]).abs() <= 1e-14,
                "cos_series at {x}, derivative {k}: {} vs {}",
                y.derivative(k),
                want[k]
            );
        }
        // p = 2 − 3x + 0.5x² + x³ − 0.25x⁴.
        let want = [
            2.0 - 3.0 * x + 0.5 * x * x + x.powi(3) - 0.25 * x.powi(4),
            -3.0 + x + 3.0 * x * x - x.powi(3),
            1.0 + 6.0 * x - 3.0 * x * x,
            6.0 - 6.0 * x,
        ];
        let y = horner_jet(Jet::variable(x));
        assert_eq!(y.value(), horner(x));
        for k in 0..4 {
            assert!((y.derivative(k) - want[k]).abs() <= 1e-13 * want[k].abs().max(1.0));
        }
    }
}

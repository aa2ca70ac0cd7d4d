//! User-defined primitives (`#[jet::primitive]`) against independent references.
//!
//! Each primitive is declared the way a user would: from its derivative (a closure of the
//! argument and, where it is simpler, of the result), from `#[jet]` functions, from
//! partial derivatives, or from an incremental rule. References are
//! `tests/data/custom_primitives.json`, made by `tools/custom_primitives_reference.py`
//! with mpmath (high-precision numerical differentiation, checked at two precisions and
//! against closed-form series: no Taylor recurrence), to order 8, and closed forms.
//!
//! Tolerance: 1e-13 relative (see [`assert_close`] for coefficients near a zero of the
//! derivative, where every recurrence, built-in ones included, cancels digits).

use jet::{jet, ops, primitive, CollapsedJet, Float, Jet, MultiJet};
use serde_json::Value;
use std::f64::consts::FRAC_2_SQRT_PI;

const ORDER: usize = 8;
const N: usize = ORDER + 1;
const TOL: f64 = 1e-13;

// ---- the primitives ------------------------------------------------------------------

/// The principal branch of Lambert W (`W e^W = x`) for `x > -1/e`, by Halley's
/// iteration: a function the runtime has no rule for. Its derivative needs `W` itself:
/// `W'(x) = W / (x (1 + W))`.
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

/// The logistic function σ, declared from σ' = σ (1 − σ) (derivative of the result).
#[primitive(derivative = |x, s| s * (1.0 - s))]
fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// σ again, from σ' as a function of `x` alone (one pass instead of K).
#[primitive(derivative = |x| {
    let e = (-x).exp();
    e / ((1.0 + e) * (1.0 + e))
})]
fn logistic_of_x(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A hand-written rule for σ = 1 / (1 + e) with e = exp(−a) as the auxiliary series:
/// e_k = −(1/k) Σ_{j=1..k} j a_j e_{k-j}, and from (1 + e) σ = 1,
/// σ_k = −(Σ_{j=1..k} e_j σ_{k-j}) / (1 + e_0). The auxiliary is computed first.
fn logistic_pair_rule(a: &[f64], c: &[f64], e: &[f64], k: usize) -> (f64, f64) {
    if k == 0 {
        let e0 = (-a[0]).exp();
        return (1.0 / (1.0 + e0), e0);
    }
    let mut s = 0.0;
    for j in 1..=k {
        s += j as f64 * a[j] * e[k - j];
    }
    let ek = -s / k as f64;
    let mut t = ek * c[0];
    for j in 1..k {
        t += e[j] * c[k - j];
    }
    (-t / (1.0 + e[0]), ek)
}

/// σ from the hand-written rule.
#[primitive(pair_rule = logistic_pair_rule)]
fn logistic_by_rule(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A user's erf: the value from a special-function routine (here the runtime's), the
/// Taylor rule from erf' = 2/√π e^{−x²}.
#[primitive(derivative = |x| FRAC_2_SQRT_PI * (-x * x).exp())]
fn user_erf(x: f64) -> f64 {
    jet::rules::erf_value(x)
}

/// Dawson's integral F(x) = e^{−x²} ∫₀ˣ e^{s²} ds, which satisfies the linear ODE
/// F' = 1 − 2xF: an incremental rule with the auxiliary d = a·F costs one pass. From
/// c' = (1 − 2 a c) a': c_k = a_k − (2/k) Σ_{j=1..k} j a_j d_{k-j}, d_k = Σ_i a_i c_{k-i}.
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

/// Dawson's integral from e^{−x²} Σ x^{2n+1} / (n! (2n+1)) (positive terms).
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

/// log-sum-exp, a two-argument primitive: ∂f/∂x = e^{x − f}, ∂f/∂y = e^{y − f}.
#[primitive(partials(x = |x, y, f| (x - f).exp(), y = |x, y, f| (y - f).exp()))]
fn log_sum_exp(x: f64, y: f64) -> f64 {
    let m = x.max(y);
    m + (-(x - y).abs()).exp().ln_1p()
}

/// ∂ log-sum-exp / ∂x as a function of the arguments alone.
#[jet]
fn lse_dx(x: f64, y: f64) -> f64 {
    1.0 / (1.0 + (y - x).exp())
}

/// ∂ log-sum-exp / ∂y.
#[jet]
fn lse_dy(x: f64, y: f64) -> f64 {
    1.0 / (1.0 + (x - y).exp())
}

/// log-sum-exp from `#[jet]` partial-derivative functions.
#[primitive(partials(x = lse_dx, y = lse_dy))]
fn log_sum_exp_by_fns(x: f64, y: f64) -> f64 {
    let m = x.max(y);
    m + (-(x - y).abs()).exp().ln_1p()
}

/// The runtime's own rules, handed over in incremental form (one, two, three arguments).
#[primitive(rule = jet::rules::exp)]
fn rule_exp(x: f64) -> f64 {
    x.exp()
}

#[primitive(rule = jet::rules::div)]
fn rule_div(x: f64, y: f64) -> f64 {
    x / y
}

#[primitive(rule = jet::rules::mul_add)]
fn rule_mul_add(x: f64, y: f64, z: f64) -> f64 {
    x.mul_add(y, z)
}

/// A generic primitive: exp declared by exp' = exp, for any float type.
#[primitive(derivative = |x, y| y)]
fn generic_exp<T: Float>(x: T) -> T {
    x.exp()
}

/// A derivative given as a `#[jet]` function.
#[jet]
fn square_prime(x: f64) -> f64 {
    2.0 * x
}

#[primitive(derivative = square_prime)]
fn my_square(x: f64) -> f64 {
    x * x
}

// ---- `#[jet]` code calling them --------------------------------------------------------

/// Calls from `#[jet]` code use the companions; the primal calls the functions.
#[jet(order = 8)]
fn model(x: f64) -> f64 {
    let w = lambert_w(x);
    logistic(w) + log_sum_exp(x, 0.5) * my_square(w)
}

/// For the Laplacian: a two-variable function of primitives, generic over the jet kind.
#[jet]
fn field(x: f64, y: f64) -> f64 {
    lambert_w(x) + lambert_w(y) + log_sum_exp(x, y)
}

// ---- references ----------------------------------------------------------------------

struct Case {
    inputs: Vec<Jet<f64, N>>,
    want: [f64; N],
}

fn cases(function: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/custom_primitives.json"
    ))
    .expect("tests/data/custom_primitives.json (tools/custom_primitives_reference.py)");
    let v: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["order"].as_u64(), Some(ORDER as u64));
    let num = |s: &Value| -> f64 { s.as_str().and_then(|s| s.parse().ok()).expect("number") };
    let out: Vec<Case> = v["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| c["function"] == function)
        .map(|c| {
            let inputs = c["inputs"]
                .as_array()
                .expect("inputs")
                .iter()
                .map(|p| {
                    let mut coeffs = [0.0; N];
                    for (k, x) in p.as_array().expect("polynomial").iter().enumerate() {
                        coeffs[k] = num(x);
                    }
                    Jet::from_coefficients(coeffs)
                })
                .collect();
            let mut want = [0.0; N];
            for (k, x) in c["coefficients"]
                .as_array()
                .expect("coefficients")
                .iter()
                .enumerate()
            {
                want[k] = num(x);
            }
            Case { inputs, want }
        })
        .collect();
    assert!(!out.is_empty(), "no reference cases for {function}");
    out
}

/// Every coefficient within `tol` relative; reports all failures of a case at once.
///
/// The scale of `c_k` is `max(|c_k|, |c_{k-1}| / 10, |c_{k+1}| / 10)`: a coefficient more
/// than ten times smaller than a neighbour sits near a zero of the k-th derivative, where
/// every recurrence cancels digits (the built-in composition `1/(1 + e^{-x})` loses 5e-14
/// and the derivative-of-x form 7e-13 on logistic's c_6 = 7.8e-6 at -1.5, beside
/// c_5 = -1.0e-3), so it is measured against a tenth of its neighbour.
fn assert_close(what: &str, got: &[f64; N], want: &[f64; N], tol: f64) {
    let scale = |k: usize| {
        let below = if k > 0 { want[k - 1].abs() } else { 0.0 };
        let above = want.get(k + 1).map_or(0.0, |w| w.abs());
        want[k].abs().max(below.max(above) / 10.0)
    };
    let bad: Vec<String> = (0..N)
        .filter(|&k| (got[k] - want[k]).abs() > tol * scale(k))
        .map(|k| {
            format!(
                "  c_{k}: got {:e}, want {:e} (rel {:.1e})",
                got[k],
                want[k],
                ((got[k] - want[k]) / want[k]).abs()
            )
        })
        .collect();
    assert!(bad.is_empty(), "{what}:\n{}", bad.join("\n"));
}

fn check_unary(function: &str, f: impl Fn(Jet<f64, N>) -> Jet<f64, N>) {
    check_unary_to(function, f, TOL);
}

fn check_unary_to(function: &str, f: impl Fn(Jet<f64, N>) -> Jet<f64, N>, tol: f64) {
    for case in cases(function) {
        let x = case.inputs[0];
        let what = format!("{function} at {:?}", x.coefficients());
        assert_close(&what, &f(x).coefficients(), &case.want, tol);
    }
}

fn check_binary(function: &str, f: impl Fn(Jet<f64, N>, Jet<f64, N>) -> Jet<f64, N>) {
    for case in cases(function) {
        let (x, y) = (case.inputs[0], case.inputs[1]);
        let what = format!(
            "{function} at {:?}, {:?}",
            x.coefficients(),
            y.coefficients()
        );
        assert_close(&what, &f(x, y).coefficients(), &case.want, TOL);
    }
}

// ---- tests ---------------------------------------------------------------------------

#[test]
fn lambert_w_from_its_derivative_matches_mpmath() {
    check_unary("lambert_w", lambert_w_jet);
    // The primal is the user's function, unchanged.
    let w = lambert_w(1.0);
    assert!((w * w.exp() - 1.0).abs() < 1e-15);
}

#[test]
fn logistic_in_three_forms_matches_mpmath() {
    check_unary("logistic", logistic_jet);
    // 1e-12: this form evaluates σ' = e / (1 + e)² (e = e^{-x}) by a division whose
    // recurrence subtracts terms of size |e_k| / (1 + e_0); at -1.5 (e_0 = 4.5) they are
    // ~100 times larger than σ's c_6..c_8, and 1.2e-13 is lost there (measured). The
    // derivative of the output, σ (1 − σ), has no such cancellation and meets 1e-13.
    check_unary_to("logistic", logistic_of_x_jet, 1e-12);
    check_unary("logistic", logistic_by_rule_jet);
}

#[test]
fn user_erf_matches_builtin_erf_and_mpmath() {
    check_unary("erf", user_erf_jet);
    check_unary("erf", |x| x.erf());
    for case in cases("erf") {
        let x = case.inputs[0];
        let (mine, builtin) = (user_erf_jet(x).coefficients(), x.erf().coefficients());
        assert_close("user erf vs built-in erf", &mine, &builtin, TOL);
    }
}

#[test]
fn dawson_from_a_pair_rule_matches_mpmath() {
    check_unary("dawson", dawson_jet);
}

#[test]
fn two_argument_primitive_matches_mpmath() {
    check_binary("log_sum_exp", log_sum_exp_jet);
    check_binary("log_sum_exp", log_sum_exp_by_fns_jet);
}

#[test]
fn rule_form_runs_the_given_rule() {
    check_unary("exp", rule_exp_jet);
    let x = Jet::<f64, 6>::from_coefficients([0.4, 1.0, -0.3, 0.2, 0.0, 0.1]);
    let y = Jet::<f64, 6>::from_coefficients([1.7, -0.5, 0.25, 0.0, 0.3, 0.0]);
    let z = Jet::<f64, 6>::from_coefficients([-0.2, 0.3, 0.0, 1.0, 0.0, 0.5]);
    assert_eq!(rule_div_jet(x, y).coefficients(), (x / y).coefficients());
    assert_eq!(
        rule_mul_add_jet(x, y, z).coefficients(),
        x.mul_add(y, z).coefficients()
    );
}

#[test]
fn derivative_given_as_a_jet_function() {
    let y = my_square_jet(Jet::<f64, 4>::from_coefficients([1.5, 1.0, 0.5, 0.0]));
    // (1.5 + t + 0.5 t²)² = 2.25 + 3 t + 2.5 t² + t³ + 0.25 t⁴, truncated at t³.
    assert_eq!(y.coefficients(), [2.25, 3.0, 2.5, 1.0]);
}

#[test]
fn generic_primitive_runs_in_f32_and_f64() {
    let x64 = Jet::<f64, 7>::variable(0.3);
    let got = generic_exp_jet(x64).coefficients();
    let want = x64.exp().coefficients();
    for k in 0..7 {
        assert!(
            (got[k] - want[k]).abs() <= 1e-15 * want[k].abs(),
            "{got:?} vs {want:?}"
        );
    }
    let x32 = Jet::<f32, 5>::variable(0.3);
    let got = generic_exp_jet(x32).coefficients();
    let want = x32.exp().coefficients();
    for k in 0..5 {
        assert!(
            (got[k] - want[k]).abs() <= 1e-6 * want[k].abs(),
            "{got:?} vs {want:?}"
        );
    }
}

/// `#[jet]` code calling primitives (with a constant argument lifted) gives the same
/// series as composing the companions by hand, and the primal path is unchanged.
#[test]
fn jet_code_calls_the_companions() {
    let x = Jet::<f64, 9>::variable(1.3);
    let got = model_jet(x);
    let w = lambert_w_jet(x);
    let want = logistic_jet(w) + log_sum_exp_jet(x, Jet::constant(0.5)) * my_square_jet(w);
    assert_eq!(got.coefficients(), want.coefficients());
    let w0 = lambert_w(1.3);
    assert_eq!(
        got.value(),
        logistic(w0) + log_sum_exp(1.3, 0.5) * (w0 * w0)
    );
}

/// Every jet kind: the Laplacian from a collapsed jet, from a multi-directional jet and
/// from the closed forms W'' = −W² (W + 2) / (x² (1 + W)³) and Δ lse = 2 p (1 − p).
#[test]
fn laplacian_through_primitives_on_every_jet_kind() {
    let p = [0.8, 1.9];
    let w2 = |x: f64| {
        let w = lambert_w(x);
        -w * w * (w + 2.0) / (x * x * (1.0 + w).powi(3))
    };
    let s = 1.0 / (1.0 + (p[1] - p[0]).exp());
    let want = w2(p[0]) + w2(p[1]) + 2.0 * s * (1.0 - s);
    let collapsed = ops::laplacian(|x: &[CollapsedJet<f64, 3, 2>]| field_jet(x[0], x[1]), &p);
    let standard = ops::laplacian_standard(|x: &[MultiJet<f64, 3, 2>]| field_jet(x[0], x[1]), &p);
    assert!(
        (collapsed - want).abs() <= TOL * want.abs(),
        "{collapsed} vs {want}"
    );
    assert!(
        (standard - want).abs() <= TOL * want.abs(),
        "{standard} vs {want}"
    );
}

/// The generic Picard form is exact after K steps: the result equals a fixed point (one
/// more step changes nothing beyond rounding).
#[test]
fn picard_form_reaches_the_fixed_point() {
    let x = Jet::<f64, 11>::from_coefficients([
        0.7, 1.0, -0.5, 0.25, 0.0, 0.0, 0.1, 0.0, 0.0, 0.0, 0.0,
    ]);
    let c = lambert_w_jet(x);
    let d = c / (x * (c + 1.0));
    let again = jet::custom::from_derivative(x, c.value(), d);
    for k in 0..11 {
        let (a, b) = (c.coefficient(k), again.coefficient(k));
        assert!(
            (a - b).abs() <= 1e-14 * a.abs().max(1e-3),
            "c_{k}: {a} vs {b}"
        );
    }
}

/// The primal functions are emitted unchanged, and each companion's value is theirs.
#[test]
fn primal_functions_are_unchanged() {
    let x = Jet::<f64, 3>::variable(0.7);
    let y = Jet::<f64, 3>::variable(-0.4);
    let z = Jet::<f64, 3>::variable(1.1);
    assert_eq!(logistic_by_rule_jet(x).value(), logistic_by_rule(0.7));
    assert_eq!(rule_exp_jet(x).value(), rule_exp(0.7));
    assert_eq!(rule_div_jet(x, y).value(), rule_div(0.7, -0.4));
    assert_eq!(
        rule_mul_add_jet(x, y, z).value(),
        rule_mul_add(0.7, -0.4, 1.1)
    );
    assert_eq!(lambert_w_jet(x).value(), lambert_w(0.7));
    assert_eq!(field_jet(x, z).value(), field(0.7, 1.1));
    assert_eq!(model_jet(Jet::variable(0.7)).value(), model(0.7));
    assert_eq!(dawson_jet(x).value(), dawson(0.7));
}

/// The library's own primitives, declared with the same attribute: `erfc` (derivative
/// form) keeps full relative precision where `1 − erf` has none left, and Lambert W
/// (hand-written pair rule) agrees with mpmath and with the user's Picard declaration.
#[test]
fn library_special_functions_match_mpmath() {
    check_unary("erfc", jet::special::erfc_jet);
    check_unary("lambert_w", jet::special::lambert_w_jet);
    for case in cases("lambert_w") {
        let x = case.inputs[0];
        if x.value() > 0.0 {
            let (lib, user) = (jet::special::lambert_w_jet(x), lambert_w_jet(x));
            assert_close(
                "library vs user Lambert W",
                &lib.coefficients(),
                &user.coefficients(),
                TOL,
            );
        }
    }
    // At 0 the rule has no 0/0 (the derivative form W/(x(1+W)) has): W = x - x² + 3/2 x³ - ...
    let w0 = jet::special::lambert_w_jet(Jet::<f64, 5>::variable(0.0));
    assert_eq!(w0.coefficients()[..4], [0.0, 1.0, -1.0, 1.5]);
    // Works on other jet kinds and in f32.
    let x = MultiJet::<f64, 3, 2>::along(0.7, [1.0, -2.0]);
    let w = jet::special::lambert_w_jet(x);
    let single = jet::special::lambert_w_jet(Jet::<f64, 3>::from_coefficients([0.7, -2.0, 0.0]));
    assert_eq!(w.direction(1).coefficients(), single.coefficients());
    let e32 = jet::special::erfc_jet(Jet::<f32, 3>::variable(2.0));
    assert!((e32.value() / 4.677_735e-3 - 1.0).abs() < 1e-6);
}

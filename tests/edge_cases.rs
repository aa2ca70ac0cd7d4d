//! Domain edges of the runtime: IEEE values instead of panics, exact integer powers at 0,
//! NaN propagation by family, branches of the piecewise primitives, atan2 in every
//! quadrant, `f32`, constructors/accessors and formatting, operators.
//!
//! Every expected value is a closed form written out here (Taylor expansions done by
//! hand, or `f64` evaluations of derivative formulas), never the crate's own output.

use jet::{rules, Jet};

type J4 = Jet<f64, 4>;
type J8 = Jet<f64, 8>;

/// Asserts `got` ≈ `want` coefficient by coefficient, relative to `max(|want|, 1)`.
#[track_caller]
fn assert_close<const N: usize>(got: [f64; N], want: [f64; N], tol: f64) {
    for (k, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        assert!(
            (g - w).abs() <= tol * w.abs().max(1.0),
            "coefficient {k}: got {g:e}, want {w:e} (all: {got:?} vs {want:?})"
        );
    }
}

#[track_caller]
fn assert_all_nan<const N: usize>(x: Jet<f64, N>, what: &str) {
    assert!(
        x.coefficients().iter().all(|c| c.is_nan()),
        "{what}: expected all NaN, got {x:?}"
    );
}

// ---- sqrt, ln, powf, cbrt at 0 and below ----------------------------------------------

#[test]
fn sqrt_at_zero_is_infinite_not_a_panic() {
    // √t has no Taylor series: value 0, then c_1 = a_1 / (2·0) = +inf, and non-finite.
    let y = J4::variable(0.0).sqrt();
    assert_eq!(y.value(), 0.0);
    assert_eq!(y.coefficient(1), f64::INFINITY);
    assert!(y.coefficients()[1..].iter().all(|c| !c.is_finite()));
    // A constant 0 (a_k = 0): 0/0 above the value.
    let z = J4::constant(0.0).sqrt();
    assert_eq!(z.value(), 0.0);
    assert!(z.coefficients()[1..].iter().all(|c| c.is_nan()));
}

#[test]
fn sqrt_and_ln_below_zero_are_nan() {
    assert_all_nan(J4::variable(-1.0).sqrt(), "sqrt(-1 + t)");
    assert_all_nan(J4::variable(-1.0).ln(), "ln(-1 + t)");
    assert_all_nan(J4::variable(-1.0).log2(), "log2(-1 + t)");
    assert_all_nan(J4::variable(-1.0).log10(), "log10(-1 + t)");
    assert_all_nan(J4::variable(-1.0).log(3.0), "log_3(-1 + t)");
    assert_all_nan(J4::variable(-2.0).ln_1p(), "ln_1p(-2 + t)");
    assert_all_nan(J4::variable(-1.0).powf(0.5), "(-1 + t)^0.5");
    assert_all_nan(J4::variable(2.0).asin(), "asin(2 + t)");
    assert_all_nan(J4::variable(-2.0).acos(), "acos(-2 + t)");
    assert_all_nan(J4::variable(0.5).acosh(), "acosh(0.5 + t)");
    assert_all_nan(J4::variable(1.5).atanh(), "atanh(1.5 + t)");
}

#[test]
fn ln_at_zero_is_minus_infinity_then_infinite() {
    // ln(t): the value is -inf; c_1 = a_1 / a_0 = 1/0 = +inf.
    let y = J4::variable(0.0).ln();
    assert_eq!(y.value(), f64::NEG_INFINITY);
    assert_eq!(y.coefficient(1), f64::INFINITY);
    assert!(y.coefficients().iter().all(|c| !c.is_finite()));
    let z = J4::variable(-1.0).ln_1p();
    assert_eq!(z.value(), f64::NEG_INFINITY);
    assert_eq!(z.coefficient(1), f64::INFINITY);
}

#[test]
fn powf_at_zero() {
    // Non-integer exponent: t^2.5 has no Taylor series; no panic, non-finite coefficients.
    let y = J4::variable(0.0).powf(2.5);
    assert_eq!(y.value(), 0.0);
    assert!(y.coefficients()[1..].iter().any(|c| !c.is_finite()));
    // Negative exponent: the primal is 0^-1.5 = inf.
    let z = J4::variable(0.0).powf(-1.5);
    assert_eq!(z.value(), f64::INFINITY);
    assert!(z.coefficients().iter().all(|c| !c.is_finite()));
    // Integer-valued exponents are exact at 0, like powi: (2t + t²)^3 = 8t³ + 12t⁴ + 6t⁵ + t⁶.
    let x = J8::from_coefficients([0.0, 2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(
        x.powf(3.0).coefficients(),
        [0.0, 0.0, 0.0, 8.0, 12.0, 6.0, 1.0, 0.0]
    );
    assert_eq!(x.powf(1.0).coefficients(), x.coefficients());
    assert_eq!(
        x.powf(0.0).coefficients(),
        [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    );
    // Negative base with an integer-valued exponent is finite, like the primal:
    // (-2 + t)^2 = 4 - 4t + t².
    assert_close(
        J4::variable(-2.0).powf(2.0).coefficients(),
        [4.0, -4.0, 1.0, 0.0],
        1e-15,
    );
}

#[test]
fn pow_with_jet_exponent_needs_a_positive_base() {
    // x^y = exp(y ln x): at x0 = 0 the value is 0^2 = 0, the rest inf/NaN (ln 0 = -inf).
    let y = J4::variable(0.0).powf(J4::constant(2.0));
    assert_eq!(y.value(), 0.0);
    assert!(y.coefficients()[1..].iter().all(|c| !c.is_finite()));
    // x0 > 0: (2 + t)^(1 + t) closed form: value 2, derivative y' = x^y (y' ln x + y x'/x)
    // = 2 (ln 2 + 1/2).
    let z = J4::variable(2.0).powf(J4::variable(1.0));
    assert_close(
        [z.value(), z.derivative(1)],
        [2.0, 2.0 * (2f64.ln() + 0.5)],
        1e-15,
    );
}

#[test]
fn cbrt_of_negative_values_is_the_real_root() {
    // Real ∛ at x = −8: f' = 1/(3 x^{2/3}) = 1/12, f'' = −2/(9 x^{5/3}) = −2/(9·(−32))
    // = 1/144, f''' = 10/(27 x^{8/3}) = 10/(27·256).
    let y = J4::variable(-8.0).cbrt();
    assert_close(
        y.derivatives(),
        [-2.0, 1.0 / 12.0, 1.0 / 144.0, 10.0 / (27.0 * 256.0)],
        1e-15,
    );
    let z = J4::variable(0.0).cbrt();
    assert_eq!(z.value(), 0.0);
    assert_eq!(z.coefficient(1), f64::INFINITY);
}

// ---- powi: exact at a zero value ------------------------------------------------------

#[test]
fn powi_at_zero_is_exact() {
    // t^3 = t^3.
    let t = J8::variable(0.0);
    assert_eq!(
        t.powi(3).coefficients(),
        [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    );
    assert_eq!(
        t.powi(7).coefficients(),
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    );
    assert_eq!(t.powi(8).coefficients(), [0.0; 8]);
    // (2t + t²)^3 = t³ (2 + t)³ = 8t³ + 12t⁴ + 6t⁵ + t⁶.
    let x = J8::from_coefficients([0.0, 2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(
        x.powi(3).coefficients(),
        [0.0, 0.0, 0.0, 8.0, 12.0, 6.0, 1.0, 0.0]
    );
    // (2t + t²)^2 = 4t² + 4t³ + t⁴.
    assert_eq!(
        x.powi(2).coefficients(),
        [0.0, 0.0, 4.0, 4.0, 1.0, 0.0, 0.0, 0.0]
    );
    // (3t² − t³)^4 = t⁸(3 − t)⁴: nothing below t⁸ in an order-7 jet.
    let w = J8::from_coefficients([0.0, 0.0, 3.0, -1.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(w.powi(4).coefficients(), [0.0; 8]);
    // (3t² − t³)^3 = t⁶ (27 − 27t + 9t² − t³).
    assert_eq!(
        w.powi(3).coefficients(),
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 27.0, -27.0]
    );
    // −0.0 counts as zero.
    let m = J8::from_coefficients([-0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(m.powi(3).coefficient(3), 1.0);
}

#[test]
fn powi_zero_and_negative_exponents() {
    // n = 0: 1, also 0^0 and NaN^0, like f64::powi.
    assert_eq!(
        J4::variable(0.0).powi(0).coefficients(),
        [1.0, 0.0, 0.0, 0.0]
    );
    assert_eq!(
        J4::variable(f64::NAN).powi(0).coefficients(),
        [1.0, 0.0, 0.0, 0.0]
    );
    // n < 0 at 0: the primal is inf, the rest non-finite; no panic.
    let y = J4::variable(0.0).powi(-2);
    assert_eq!(y.value(), f64::INFINITY);
    assert!(y.coefficients().iter().all(|c| !c.is_finite()));
    // n < 0 away from 0: (1 + t)^-2 = Σ (−1)^k (k+1) t^k.
    assert_eq!(
        J4::variable(1.0).powi(-2).coefficients(),
        [1.0, -2.0, 3.0, -4.0]
    );
    // binomial check away from 0: (1 + t)^5.
    let x = Jet::<f64, 7>::variable(1.0);
    assert_eq!(
        x.powi(5).coefficients(),
        [1.0, 5.0, 10.0, 10.0, 5.0, 1.0, 0.0]
    );
}

#[test]
fn rules_run_one_coefficient_at_a_time_on_short_slices() {
    // ODE mode: coefficient k of the input becomes known only before step k, and the
    // rule sees slices of length k + 1. (2t + t²)^3 = 8t³ + 12t⁴ + 6t⁵ + t⁶.
    let a_full = [0.0, 2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    let mut c = [0.0; 8];
    for k in 0..8 {
        c[k] = rules::powi(&a_full[..=k], &c[..=k], k, 3);
    }
    assert_eq!(c, [0.0, 0.0, 0.0, 8.0, 12.0, 6.0, 1.0, 0.0]);
    // tan t = t + t³/3 + 2t⁵/15 + 17t⁷/315, carrying 1 + tan² as auxiliary.
    let t = [0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    let (mut s, mut d) = ([0.0; 8], [0.0; 8]);
    for k in 0..8 {
        (s[k], d[k]) = rules::tan(&t[..=k], &s[..=k], &d[..=k], k);
    }
    assert_close(
        s,
        [0.0, 1.0, 0.0, 1.0 / 3.0, 0.0, 2.0 / 15.0, 0.0, 17.0 / 315.0],
        1e-16,
    );
}

// ---- NaN propagates through every family ----------------------------------------------

#[test]
fn nan_propagates_through_smooth_primitives() {
    let x = J4::variable(f64::NAN);
    let y = J4::variable(0.5);
    // Linear maps keep their (exact) higher coefficients: only the value is NaN.
    for (name, r) in [
        ("neg", -x),
        ("add", x + y),
        ("sub", y - x),
        ("add_scalar", x + 1.0),
        ("mul_scalar", x * 2.0),
        ("to_degrees", x.to_degrees()),
    ] {
        assert!(r.value().is_nan(), "{name}: {r:?}");
    }
    let smooth: [(&str, J4); 31] = [
        ("recip", x.recip()),
        ("square", x.square()),
        ("mul", x * y),
        ("div", y / x),
        ("mul_add", y.mul_add(x, y)),
        ("sqrt", x.sqrt()),
        ("cbrt", x.cbrt()),
        ("powi", x.powi(3)),
        ("powf", x.powf(2.5)),
        ("pow", y.powf(x)),
        ("hypot", x.hypot(y)),
        ("exp", x.exp()),
        ("exp2", x.exp2()),
        ("exp_m1", x.exp_m1()),
        ("ln", x.ln()),
        ("log10", x.log10()),
        ("ln_1p", x.ln_1p()),
        ("sin", x.sin()),
        ("cos", x.cos()),
        ("tan", x.tan()),
        ("asin", x.asin()),
        ("acos", x.acos()),
        ("atan", x.atan()),
        ("atan2", x.atan2(y)),
        ("sinh", x.sinh()),
        ("cosh", x.cosh()),
        ("tanh", x.tanh()),
        ("asinh", x.asinh()),
        ("acosh", x.acosh()),
        ("atanh", x.atanh()),
        ("erf", x.erf()),
    ];
    for (name, r) in smooth {
        assert_all_nan(r, name);
    }
    // A NaN in a higher coefficient reaches every coefficient from there on.
    let z = Jet::from_coefficients([0.5, f64::NAN, 0.0, 0.0]);
    for (name, r) in [
        ("sin", z.sin()),
        ("exp", z.exp()),
        ("sqrt", z.sqrt()),
        ("atan", z.atan()),
    ] {
        assert!(
            !r.value().is_nan(),
            "{name}: the value does not depend on c_1"
        );
        assert!(
            r.coefficients()[1..].iter().all(|c| c.is_nan()),
            "{name}: {r:?}"
        );
    }
}

#[test]
fn nan_through_piecewise_primitives() {
    let x = J4::variable(f64::NAN);
    for (name, r) in [
        ("abs", x.abs()),
        ("signum", x.signum()),
        ("floor", x.floor()),
        ("ceil", x.ceil()),
        ("round", x.round()),
        ("trunc", x.trunc()),
        ("clamp", x.clamp(0.0, 1.0)),
    ] {
        assert_all_nan(r, name);
    }
    // min/max: a NaN value loses, like f64::min/max.
    let y = J4::variable(2.0);
    assert_eq!(x.min(y).coefficients(), [2.0, 1.0, 0.0, 0.0]);
    assert_eq!(y.max(x).coefficients(), [2.0, 1.0, 0.0, 0.0]);
    assert_eq!(y.min(f64::NAN).coefficients(), [2.0, 1.0, 0.0, 0.0]);
}

// ---- division by a zero-valued jet ----------------------------------------------------

#[test]
fn division_by_zero_value_gives_ieee_values() {
    let one = J4::variable(1.0);
    let t = J4::variable(0.0);
    let q = one / t;
    assert_eq!(q.value(), f64::INFINITY);
    assert!(q.coefficients().iter().all(|c| !c.is_finite()));
    let r = 1.0 / t;
    assert_eq!(r.value(), f64::INFINITY);
    assert!(t.recip().coefficients().iter().all(|c| !c.is_finite()));
    assert!((t / t).value().is_nan()); // 0/0
    assert_eq!((one / 0.0).value(), f64::INFINITY);
    assert_eq!((-one / 0.0).value(), f64::NEG_INFINITY);
}

// ---- atan2 in the four quadrants ------------------------------------------------------

/// d^k/dy^k atan2(y, x) for fixed x, k = 0..3, with r = x² + y²: atan2, x/r, −2xy/r²,
/// 2x(3y² − x²)/r³.
fn atan2_wrt_y(y: f64, x: f64, angle: f64) -> [f64; 4] {
    let r = x * x + y * y;
    [
        angle,
        x / r,
        -2.0 * x * y / (r * r),
        2.0 * x * (3.0 * y * y - x * x) / (r * r * r),
    ]
}

/// d^k/dx^k atan2(y, x) for fixed y, k = 0..3: atan2, −y/r, 2xy/r², 2y(y² − 3x²)/r³.
fn atan2_wrt_x(y: f64, x: f64, angle: f64) -> [f64; 4] {
    let r = x * x + y * y;
    [
        angle,
        -y / r,
        2.0 * x * y / (r * r),
        2.0 * y * (y * y - 3.0 * x * x) / (r * r * r),
    ]
}

#[test]
fn atan2_all_four_quadrants() {
    use std::f64::consts::{FRAC_PI_4, PI};
    let points = [
        (1.0, 1.0, FRAC_PI_4),
        (1.0, -1.0, 3.0 * FRAC_PI_4),
        (-1.0, -1.0, -3.0 * FRAC_PI_4),
        (-1.0, 1.0, -FRAC_PI_4),
        // √3/2 at x = −1/2: angle 2π/3
        (3f64.sqrt() / 2.0, -0.5, 2.0 * PI / 3.0),
        // branch cut: y = ±0, x < 0 gives ±π; derivatives from the same formulas
        (0.0, -2.0, PI),
        (-0.0, -2.0, -PI),
    ];
    for (y0, x0, angle) in points {
        let along_y = J4::variable(y0).atan2(x0);
        assert_close(along_y.derivatives(), atan2_wrt_y(y0, x0, angle), 1e-15);
        let along_x = J4::constant(y0).atan2(J4::variable(x0));
        assert_close(along_x.derivatives(), atan2_wrt_x(y0, x0, angle), 1e-15);
    }
    // The curve (cos t, sin t) winds at unit speed: atan2(sin t, cos t) = t, from any
    // starting angle θ (here in the third quadrant): θ + t.
    let th = -2.5f64;
    let t = J8::variable(th);
    let (s, c) = t.sin_cos();
    let mut want = [0.0; 8];
    want[0] = th;
    want[1] = 1.0;
    assert_close(s.atan2(c).coefficients(), want, 1e-14);
    // At the origin: atan2's primal (0), the rest non-finite, no panic.
    let o = J4::variable(0.0).atan2(J4::variable(0.0));
    assert_eq!(o.value(), 0.0);
    assert!(o.coefficients()[1..].iter().all(|c| !c.is_finite()));
}

#[test]
fn hypot_closed_form_and_origin() {
    // hypot(3 + 3t, 4 + 4t) = 5 (1 + t).
    let y = J4::along(3.0, 3.0).hypot(J4::along(4.0, 4.0));
    assert_close(y.coefficients(), [5.0, 5.0, 0.0, 0.0], 1e-15);
    // The primal does not overflow.
    let big = J4::constant(1e300).hypot(1e300).value();
    assert!((big / 1e300 - 2f64.sqrt()).abs() < 1e-15, "{big}");
    let o = J4::variable(0.0).hypot(0.0);
    assert_eq!(o.value(), 0.0);
    assert!(o.coefficients()[1..].iter().all(|c| !c.is_finite()));
}

// ---- piecewise branches ---------------------------------------------------------------

#[test]
fn abs_follows_the_branch() {
    let x = J4::from_coefficients([2.0, -1.0, 0.5, 0.25]);
    assert_eq!(x.abs().coefficients(), [2.0, -1.0, 0.5, 0.25]);
    assert_eq!((-x).abs().coefficients(), [2.0, -1.0, 0.5, 0.25]);
    // At 0, the sign of the first nonzero coefficient: |−t + t²| = t − t² near 0⁺.
    let z = J4::from_coefficients([0.0, -1.0, 1.0, 0.0]);
    assert_eq!(z.abs().coefficients(), [0.0, 1.0, -1.0, 0.0]);
    // |3t² − t³| = 3t² − t³; |−3t² + t³| likewise.
    let w = J4::from_coefficients([0.0, 0.0, 3.0, -1.0]);
    assert_eq!(w.abs().coefficients(), [0.0, 0.0, 3.0, -1.0]);
    assert_eq!((-w).abs().coefficients(), [0.0, 0.0, 3.0, -1.0]);
    // −0 value: same rule; abs of the zero jet is the zero jet.
    let m = J4::from_coefficients([-0.0, -2.0, 0.0, 0.0]);
    assert_eq!(m.abs().coefficients(), [0.0, 2.0, 0.0, 0.0]);
    assert_eq!(J4::constant(0.0).abs().coefficients(), [0.0; 4]);
}

#[test]
fn piecewise_constants() {
    let x = J4::variable(-2.5);
    assert_eq!(x.signum().coefficients(), [-1.0, 0.0, 0.0, 0.0]);
    assert_eq!(x.floor().coefficients(), [-3.0, 0.0, 0.0, 0.0]);
    assert_eq!(x.ceil().coefficients(), [-2.0, 0.0, 0.0, 0.0]);
    assert_eq!(x.round().coefficients(), [-3.0, 0.0, 0.0, 0.0]);
    assert_eq!(x.trunc().coefficients(), [-2.0, 0.0, 0.0, 0.0]);
    // signum at ±0 like f64: ±1.
    assert_eq!(J4::variable(0.0).signum().value(), 1.0);
    assert_eq!(J4::variable(-0.0).signum().value(), -1.0);
    // at an integer, the primal's value
    assert_eq!(J4::variable(3.0).floor().value(), 3.0);
}

#[test]
fn min_max_pick_by_value_and_break_ties_near_zero_plus() {
    let a = J4::from_coefficients([1.0, 2.0, 3.0, 4.0]);
    let b = J4::from_coefficients([2.0, -1.0, 0.0, 0.0]);
    assert_eq!(a.min(b).coefficients(), a.coefficients());
    assert_eq!(a.max(b).coefficients(), b.coefficients());
    assert_eq!(b.min(a).coefficients(), a.coefficients());
    // Tie at t = 0: a(t) = 1 + 2t > c(t) = 1 − t for t > 0.
    let c = J4::from_coefficients([1.0, -1.0, 5.0, 0.0]);
    assert_eq!(a.min(c).coefficients(), c.coefficients());
    assert_eq!(a.max(c).coefficients(), a.coefficients());
    // Tie to first order, decided by t²: d(t) = 1 + 2t + 2.5t² < a(t).
    let d = J4::from_coefficients([1.0, 2.0, 2.5, 9.0]);
    assert_eq!(a.min(d).coefficients(), d.coefficients());
    assert_eq!(d.max(a).coefficients(), a.coefficients());
    // Plain operand.
    assert_eq!(a.max(0.0).coefficients(), a.coefficients());
    assert_eq!(a.min(0.0).coefficients(), [0.0; 4]);
    // Equal jets: that jet.
    assert_eq!(a.min(a).coefficients(), a.coefficients());
}

#[test]
fn clamp_branches() {
    let x = J4::from_coefficients([0.5, 1.0, -1.0, 0.5]);
    assert_eq!(x.clamp(0.0, 1.0).coefficients(), x.coefficients());
    assert_eq!(x.clamp(0.75, 1.0).coefficients(), [0.75, 0.0, 0.0, 0.0]);
    assert_eq!(x.clamp(-1.0, 0.25).coefficients(), [0.25, 0.0, 0.0, 0.0]);
    // At lo, moving up: inside; moving down: the bound.
    assert_eq!(x.clamp(0.5, 1.0).coefficients(), x.coefficients());
    assert_eq!((-x).clamp(-0.5, 1.0).coefficients(), [-0.5, 0.0, 0.0, 0.0]);
    // At hi, moving up: the bound; moving down: inside.
    assert_eq!(x.clamp(0.0, 0.5).coefficients(), [0.5, 0.0, 0.0, 0.0]);
    assert_eq!((-x).clamp(-1.0, -0.5).coefficients(), (-x).coefficients());
    // Where f64::clamp panics (lo > hi, NaN bound) we do not.
    assert_eq!(x.clamp(2.0, 1.0).value(), 2.0);
    assert_eq!(x.clamp(f64::NAN, 1.0).coefficients(), x.coefficients());
    assert_eq!(x.clamp(0.0, f64::NAN).coefficients(), x.coefficients());
}

// ---- other primitives at their edges --------------------------------------------------

#[test]
fn tanh_saturates_without_nan() {
    // tanh(30 + t): tanh' = 1/cosh²(30) ≈ 3.5e-26, finite and positive.
    let y = J4::variable(30.0).tanh();
    assert_eq!(y.value(), 1.0);
    let d1 = 1.0 / 30f64.cosh().powi(2);
    assert!((y.coefficient(1) - d1).abs() <= 1e-15 * d1);
    // tanh(1000 + t): cosh overflows, every derivative underflows to 0 (no inf·0 = NaN).
    assert_eq!(
        J4::variable(1000.0).tanh().coefficients(),
        [1.0, 0.0, 0.0, 0.0]
    );
    assert_eq!(
        J4::variable(-1000.0).tanh().coefficients(),
        [-1.0, 0.0, 0.0, 0.0]
    );
}

#[test]
#[allow(clippy::excessive_precision)] // the table's 20 digits, rounded once by the compiler
fn tanh_first_coefficient_is_sech_squared() {
    // sech²(x) at 50 digits (tools/tanh_reference.py), from 0 to the subnormal range.
    let reference: [(f64, f64); 14] = [
        (0.0, 1.0),
        (1e-8, 0.9999999999999999),
        (0.001, 0.99999900000066666629),
        (0.3, 0.91513696182662920314),
        (0.5493, 0.75000460824346233161),
        (-0.7, 0.63473958998245858737),
        (1.0, 0.41997434161402606939),
        (2.5, 0.026592226683160619656),
        (-3.0, 0.0098660371654401912732),
        (19.0, 1.2556531168192117727e-16),
        (-20.0, 1.6993417021166355837e-17),
        (300.0, 1.0601586212017243265e-260),
        (360.0, 8.1289232096971726115e-313),
        (370.0, 1.6754959520192195758e-321),
    ];
    for (x, sech2) in reference {
        let d1 = J4::variable(x).tanh().coefficient(1);
        let error = (d1 - sech2).abs();
        if sech2 > f64::MIN_POSITIVE {
            assert!(
                error <= 4.0 * f64::EPSILON * sech2,
                "x = {x}: {d1} vs {sech2}"
            );
        } else {
            assert!(
                error <= 2.0 * 4.9e-324 * 4.0,
                "x = {x}: {d1} vs {sech2} (subnormal)"
            );
        }
    }
}

#[test]
fn inverse_functions_at_their_branch_points() {
    for (name, y) in [
        ("asin(1 + t)", J4::variable(1.0).asin()),
        ("acos(-1 + t)", J4::variable(-1.0).acos()),
        ("acosh(1 + t)", J4::variable(1.0).acosh()),
        ("atanh(1 + t)", J4::variable(1.0).atanh()),
    ] {
        assert!(
            y.coefficients()[1..].iter().all(|c| !c.is_finite()),
            "{name}: {y:?}"
        );
    }
    assert_eq!(J4::variable(1.0).atanh().value(), f64::INFINITY);
}

#[test]
fn erf_values_and_derivatives() {
    // Values from mpmath at 30 digits.
    let table: [(f64, &str); 10] = [
        (0.1, "0.112462916018284892203275071744"),
        (0.5, "0.520499877813046537682746653892"),
        (1.0, "0.842700792949714869341220635083"),
        (2.0, "0.995322265018952734162069256367"),
        (2.4, "0.999311486103354921430255067829"),
        (2.5, "0.99959304798255504106043578426"),
        (3.0, "0.99997790950300141455862722387"),
        (4.0, "0.99999998458274209971998114784"),
        (5.0, "0.99999999999846254020557196515"),
        (-0.7, "-0.677801193837418472975628809244"),
    ];
    for (x, want) in table {
        let want: f64 = want.parse().unwrap();
        let got = rules::erf_value(x);
        assert!(
            (got - want).abs() <= 4.0 * f64::EPSILON * want.abs(),
            "erf({x}) = {got}, want {want}"
        );
        // derivatives: g = 2/√π e^{−x²}; erf'' = −2x g; erf''' = (4x² − 2) g.
        let g = std::f64::consts::FRAC_2_SQRT_PI * (-x * x).exp();
        let d = J4::variable(x).erf().derivatives();
        assert_close(d, [want, g, -2.0 * x * g, (4.0 * x * x - 2.0) * g], 1e-14);
    }
    assert_eq!(rules::erf_value(7.0f64), 1.0);
    assert_eq!(rules::erf_value(f64::NEG_INFINITY), -1.0);
    assert_eq!(rules::erf_value(0.0f64), 0.0);
    assert!(rules::erf_value(-0.0f64).is_sign_negative());
    assert_eq!(J4::variable(f64::INFINITY).erf().value(), 1.0);
}

#[test]
fn exp_overflow_and_log_base_one() {
    // Overflow: the value and c_1 are +inf; above, inf·0 terms (a_2 = 0) make NaN.
    let y = J4::variable(1000.0).exp();
    assert_eq!(y.value(), f64::INFINITY);
    assert_eq!(y.coefficient(1), f64::INFINITY);
    assert!(y.coefficients().iter().all(|c| !c.is_finite()));
    let z = J4::variable(2.0).log(1.0);
    assert!(z.coefficients()[1..].iter().all(|c| !c.is_finite()));
}

// ---- f32 ------------------------------------------------------------------------------

#[test]
fn f32_jets() {
    let x = Jet::<f32, 4>::variable(0.5);
    // sin: derivatives sin, cos, −sin, −cos
    let d = x.sin().derivatives();
    let want = [0.5f32.sin(), 0.5f32.cos(), -0.5f32.sin(), -0.5f32.cos()];
    for (g, w) in d.iter().zip(want) {
        assert!((g - w).abs() < 1e-6, "{d:?}");
    }
    // operators with f32 on both sides: 2x + 1 − x/4 = 1.875 + 1.75 t
    let y = 2.0f32 * x + 1.0 - x / 4.0f32;
    assert_eq!(y.coefficients(), [1.875, 1.75, 0.0, 0.0]);
    assert_eq!((1.0f32 - x).coefficients(), [0.5, -1.0, 0.0, 0.0]);
    // exact integer power at 0 in f32 too
    let t = Jet::<f32, 4>::variable(0.0);
    assert_eq!(t.powi(3).coefficients(), [0.0, 0.0, 0.0, 1.0]);
    assert_eq!(t.sqrt().coefficient(1), f32::INFINITY);
    assert!((x.powf(x).value() - 0.5f32.powf(0.5)).abs() < 1e-7);
    assert!((x.erf().value() - 0.520_499_9).abs() < 1e-7);
}

// ---- constructors, accessors, formatting ----------------------------------------------

#[test]
fn coefficients_versus_derivatives() {
    // x(t) = 1 + 2t + 3t² + 4t³: derivatives 1, 2, 6, 24.
    let x = J4::from_coefficients([1.0, 2.0, 3.0, 4.0]);
    assert_eq!(x.derivatives(), [1.0, 2.0, 6.0, 24.0]);
    assert_eq!(x.derivative(3), 24.0);
    assert_eq!(x.coefficient(3), 4.0);
    assert_eq!(x.value(), 1.0);
    let y = J4::from_derivatives([1.0, 2.0, 6.0, 24.0]);
    assert_eq!(y, x);
    // e^{3+t}: derivatives all e³, coefficients e³/k!.
    let e3 = 3f64.exp();
    let fact = [1.0, 1.0, 2.0, 6.0];
    assert_close(J4::variable(3.0).exp().derivatives(), [e3; 4], 1e-15);
    assert_close(
        J4::from_derivatives([e3; 4]).coefficients(),
        fact.map(|f| e3 / f),
        1e-15,
    );
    assert_eq!(J4::variable(2.0).coefficients(), [2.0, 1.0, 0.0, 0.0]);
    assert_eq!(J4::constant(2.0).coefficients(), [2.0, 0.0, 0.0, 0.0]);
    assert_eq!(J4::along(2.0, -3.0).coefficients(), [2.0, -3.0, 0.0, 0.0]);
    assert_eq!(J4::from(5.0).coefficients(), [5.0, 0.0, 0.0, 0.0]);
    assert_eq!(J4::ORDER, 3);
    // Directional derivatives along v: f(x0 + t v), f^(k) = v^k g^(k)(x0) for g = exp.
    let e = J4::along(0.0, 2.0).exp();
    assert_eq!(e.derivatives(), [1.0, 2.0, 4.0, 8.0]);
}

#[test]
fn display_and_debug() {
    let x = Jet::<f64, 3>::from_coefficients([1.0, 2.0, -0.5]);
    assert_eq!(format!("{x}"), "1 + 2·t - 0.5·t^2");
    assert_eq!(format!("{x:.2}"), "1.00 + 2.00·t - 0.50·t^2");
    assert_eq!(format!("{x:?}"), "Jet[1.0, 2.0, -0.5]");
    assert_eq!(format!("{}", Jet::<f32, 1>::constant(0.25)), "0.25");
}

// ---- operators ------------------------------------------------------------------------

#[test]
fn operators_against_closed_forms() {
    let x = J4::variable(2.0); // 2 + t
    let y = J4::variable(-1.0); // −1 + t
                                // x·y = (2 + t)(−1 + t) = −2 + t + t²
    assert_eq!((x * y).coefficients(), [-2.0, 1.0, 1.0, 0.0]);
    assert_eq!((x + y).coefficients(), [1.0, 2.0, 0.0, 0.0]);
    assert_eq!((x - y).coefficients(), [3.0, 0.0, 0.0, 0.0]);
    // 1/(2 + t) = ½ − t/4 + t²/8 − t³/16
    assert_eq!((1.0 / x).coefficients(), [0.5, -0.25, 0.125, -0.0625]);
    assert_eq!(
        (J4::constant(1.0) / x).coefficients(),
        [0.5, -0.25, 0.125, -0.0625]
    );
    // (−1 + t)/(2 + t) = −½ + (3/4) t − (3/8) t² + (3/16) t³
    assert_eq!((y / x).coefficients(), [-0.5, 0.75, -0.375, 0.1875]);
    // scalars on either side
    assert_eq!((x + 1.0).coefficients(), [3.0, 1.0, 0.0, 0.0]);
    assert_eq!((1.0 + x).coefficients(), [3.0, 1.0, 0.0, 0.0]);
    assert_eq!((x - 1.0).coefficients(), [1.0, 1.0, 0.0, 0.0]);
    assert_eq!((1.0 - x).coefficients(), [-1.0, -1.0, 0.0, 0.0]);
    assert_eq!((x * 3.0).coefficients(), [6.0, 3.0, 0.0, 0.0]);
    assert_eq!((3.0 * x).coefficients(), [6.0, 3.0, 0.0, 0.0]);
    assert_eq!((x / 2.0).coefficients(), [1.0, 0.5, 0.0, 0.0]);
    assert_eq!((-x).coefficients(), [-2.0, -1.0, 0.0, 0.0]);
    // assignments
    let mut z = x;
    z += y; // 1 + 2t
    z -= 1.0; // 2t
    z *= x; // 4t + 2t²
    z /= 2.0; // 2t + t²
    assert_eq!(z.coefficients(), [0.0, 2.0, 1.0, 0.0]);
    z += 1.0; // 1 + 2t + t² = (1 + t)²
    z /= J4::variable(1.0); // 1 + t
    z *= 2.0;
    z -= x; // 2 + 2t − 2 − t = t
    assert_eq!(z.coefficients(), [0.0, 1.0, 0.0, 0.0]);
    // iterator sums and products
    let xs = [x, y, x];
    assert_eq!(xs.iter().sum::<J4>().coefficients(), [3.0, 3.0, 0.0, 0.0]);
    // (2 + t)²(−1 + t) = (4 + 4t + t²)(−1 + t) = −4 + 0t + 3t² + t³
    assert_eq!(
        xs.into_iter().product::<J4>().coefficients(),
        [-4.0, 0.0, 3.0, 1.0]
    );
    assert_eq!(std::iter::empty::<J4>().sum::<J4>(), J4::constant(0.0));
    assert_eq!(std::iter::empty::<J4>().product::<J4>(), J4::constant(1.0));
}

#[test]
fn erf_to_order_10_on_the_table_input_jet() {
    // erf(a0 + 0.7t − 0.3t² + 0.2t³) to order 10, mpmath `taylor` at 50 digits (stable
    // to 1e-52 against 90 digits); erf is not in primitives.json.
    let cases: [(f64, [&str; 11]); 2] = [
        (
            0.3,
            [
                "0.328626759459127427638914",
                "0.7218826367332741352086851",
                "-0.4609736265996764834832603",
                "0.2395069087226387718882377",
                "0.04475063903809624450094171",
                "-0.1475915908960309085707839",
                "0.1151208680087185535203819",
                "-0.05159338822237386011272118",
                "-0.006411538416088908782988839",
                "0.02903316254529390464393923",
                "-0.02468052610091920804784743",
            ],
        ),
        (
            -1.7,
            [
                "-0.9837904585907745636262426",
                "0.04389772834780787072908758",
                "0.0334249845848308501408624",
                "0.002038944963354847481388192",
                "0.007240539392151811130485552",
                "0.01574420077424469929615666",
                "0.0004008693364196777406998249",
                "-0.002539591193202620421751214",
                "0.003797258548018712871459499",
                "0.0002544415451227132712590829",
                "-0.001338017498311581235530851",
            ],
        ),
    ];
    for (a0, want) in cases {
        let mut a = [0.0; 11];
        a[..4].copy_from_slice(&[a0, 0.7, -0.3, 0.2]);
        let got = Jet::from_coefficients(a).erf().coefficients();
        for (k, (g, w)) in got.iter().zip(want).enumerate() {
            let w: f64 = w.parse().unwrap();
            // relative to the largest neighbouring coefficient, as in tests/reference.rs
            let scale = want[k.saturating_sub(1)..=(k + 1).min(10)]
                .iter()
                .map(|s| s.parse::<f64>().unwrap().abs())
                .fold(0.0, f64::max);
            assert!(
                (g - w).abs() <= 1e-13 * scale,
                "erf at {a0}, c_{k}: got {g:e}, want {w:e}"
            );
        }
    }
}

/// Runs a rule in ODE fashion with poisoned storage: before step `k`, the input's
/// coefficients above `k` and the outputs' coefficients at and above `k` are NaN, so a
/// rule that reads beyond incremental form produces NaN.
fn poisoned_unary(x0: f64, rule: impl Fn(&[f64], &[f64], &[f64], usize) -> (f64, f64)) -> bool {
    const N: usize = 8;
    let full = [x0, 0.3, -0.2, 0.1, 0.05, -0.02, 0.01, 0.03];
    let (mut c, mut d) = ([f64::NAN; N], [f64::NAN; N]);
    for k in 0..N {
        let mut a = [f64::NAN; N];
        a[..=k].copy_from_slice(&full[..=k]);
        let (ck, dk) = rule(&a, &c, &d, k);
        c[k] = ck;
        d[k] = dk;
    }
    c.iter().chain(&d).all(|v| v.is_finite())
}

type UnaryRule = fn(&[f64], &[f64], usize) -> f64;
type PairRule = fn(&[f64], &[f64], &[f64], usize) -> (f64, f64);
type BinaryRule = fn(&[f64], &[f64], &[f64], usize) -> f64;
type TernaryRule = fn(&[f64], &[f64], &[f64], &[f64], usize) -> f64;

#[test]
fn every_rule_is_incremental() {
    use rules::*;
    let unary: [(&str, f64, UnaryRule); 13] = [
        ("recip", 0.4, recip),
        ("sqrt", 0.4, sqrt),
        ("cbrt", 0.4, cbrt),
        ("exp", 0.4, exp),
        ("exp2", 0.4, exp2),
        ("exp_m1", 0.4, exp_m1),
        ("ln", 0.4, ln),
        ("log2", 0.4, log2),
        ("log10", 0.4, log10),
        ("ln_1p", 0.4, ln_1p),
        ("powi(5)", 0.4, |a, c, k| powi(a, c, k, 5)),
        ("powi(5) at 0", 0.0, |a, c, k| powi(a, c, k, 5)),
        ("powf(2.5)", 0.4, |a, c, k| powf(a, c, k, 2.5)),
    ];
    for (name, x0, rule) in unary {
        assert!(
            poisoned_unary(x0, |a, c, _, k| (rule(a, c, k), 0.0)),
            "{name}"
        );
    }
    let pairs: [(&str, f64, PairRule); 10] = [
        ("sin_cos", 0.4, sin_cos),
        ("tan", 0.4, tan),
        ("asin", 0.4, asin),
        ("acos", 0.4, acos),
        ("atan", 0.4, atan),
        ("sinh_cosh", 0.4, sinh_cosh),
        ("tanh", 0.4, tanh),
        ("asinh", 0.4, asinh),
        ("acosh", 1.4, acosh),
        ("atanh", 0.4, atanh),
    ];
    for (name, x0, rule) in pairs {
        assert!(poisoned_unary(x0, rule), "{name}");
    }
    assert!(poisoned_unary(0.4, erf), "erf");
    assert!(
        poisoned_unary(0.4, |a, c, _, k| (log(a, c, k, 3.0), 0.0)),
        "log"
    );
    // Two and three inputs: b(t) = 1.1 + a(t) − a0 (same tail), p/s/r built by the
    // caller like the Taylor trait does, but with poison above k as well.
    let binary: [(&str, BinaryRule); 3] = [
        ("mul", |a, b, _, k| mul(a, b, k)),
        ("div", div),
        ("min", |a, b, _, k| min(a, b, k)),
    ];
    for (name, rule) in binary {
        assert!(
            poisoned_unary(0.4, |a, c, _, k| {
                let mut b = a.to_vec();
                b[0] = 1.1;
                (rule(a, &b, c, k), 0.0)
            }),
            "{name}"
        );
    }
    let ternary: [(&str, TernaryRule); 4] = [
        ("atan2", atan2),
        ("hypot", hypot),
        ("pow", pow),
        ("mul_add", mul_add),
    ];
    for (name, rule) in ternary {
        assert!(
            poisoned_unary(0.4, |a, c, _, k| {
                let mut b = a.to_vec();
                b[0] = 1.1;
                // the auxiliary input a² + b² (for pow, any known series will do)
                let s: Vec<f64> = (0..a.len())
                    .map(|i| {
                        if i <= k {
                            square(a, i) + square(&b, i)
                        } else {
                            f64::NAN
                        }
                    })
                    .collect();
                (rule(a, &b, &s, c, k), 0.0)
            }),
            "{name}"
        );
    }
}

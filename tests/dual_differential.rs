//! Differential test of the runtime against nested dual numbers (`num-dual`).
//!
//! Every composition below is written twice from the same source text (a macro pastes
//! it into a function over `Jet<f64, N>` and into one over `D: DualNum<f64>`). The jet
//! side runs the runtime's Taylor recurrences; the reference side runs num-dual's
//! `Dual3_64`, which propagates value, first, second and third derivatives by the
//! chain rule with closed-form derivatives of each primitive (no Taylor recurrence).
//!
//! Checked, at ≥ 20 deterministic pseudo-random points per composition:
//! - `Jet::variable(x0)`: `derivative(k) == f^(k)(x0)` for k ≤ 3, at N = 2, 3, 4, 8
//!   (a higher order must not change the lower derivatives);
//! - `Jet::along(x0, v)`: `derivative(k) == v^k f^(k)(x0)`;
//! - curved inputs `Jet::from_coefficients([x0, x1, x2, x3])`: the derivatives of
//!   `f(x(t))` along `t` (Faà di Bruno), with `x(t)` evaluated in `Dual3` arithmetic;
//! - two-input compositions (`atan2`, `hypot`, `/`, `mul_add`, jet exponent `powf`, ...)
//!   on two independent curved inputs;
//! - `erf`, which num-dual lacks, against its closed-form derivatives
//!   (`erf' = 2/√π e^{-x²}`) and its Maclaurin series for the value.
//!
//! Tolerance: `1e-13` relative to the largest magnitude in the reference derivative
//! vector (`max_j |f^(j)|`), so a small derivative that is the cancellation of large
//! terms is not held to a tighter bound than its terms allow. (The largest error seen
//! is about 1.1e-14, in `atan2`, `asin` and `asinh` compositions.)

use jet::Jet;
use num_dual::{Dual3_64, DualNum};

const TOL: f64 = 1e-13;
const POINTS: usize = 24;

/// Deterministic xorshift64* generator.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `[lo, hi)`.
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        lo + (hi - lo) * u
    }
}

/// The derivatives `[f, f', f'', f''']` a `Dual3` carries.
fn dual_derivatives(d: Dual3_64) -> [f64; 4] {
    [d.re, d.v1, d.v2, d.v3]
}

/// The `Dual3` of the curve `x(t) = c0 + c1 t + c2 t^2 + c3 t^3` at `t = 0`: its
/// derivatives along `t` are `[c0, c1, 2 c2, 6 c3]`.
fn dual_curve(c: [f64; 4]) -> Dual3_64 {
    Dual3_64::new(c[0], c[1], 2.0 * c[2], 6.0 * c[3])
}

/// Compares `got[k]` with `want[k]` for `k < min(len)`; returns a description of every
/// mismatch.
fn compare(what: &str, got: &[f64], want: &[f64]) -> Vec<String> {
    let scale = want
        .iter()
        .fold(0.0f64, |m, w| m.max(w.abs()))
        .max(f64::MIN_POSITIVE);
    let mut errors = Vec::new();
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        let err = (g - w).abs();
        if err.is_nan() || err > TOL * scale {
            errors.push(format!(
                "{what}: derivative {k}: jet {g:e}, reference {w:e}, error {:.2e} (scale {scale:.2e})",
                err / scale
            ));
        }
    }
    errors
}

fn report(errors: Vec<String>, checked: usize) {
    if !errors.is_empty() {
        let shown: Vec<_> = errors.iter().take(60).cloned().collect();
        panic!(
            "{} mismatching derivatives in {checked} evaluations:\n{}",
            errors.len(),
            shown.join("\n")
        );
    }
    assert!(checked > 0, "nothing was compared");
}

// ---------------------------------------------------------------------------------------
// One-input compositions.
// ---------------------------------------------------------------------------------------

struct Unary {
    name: &'static str,
    lo: f64,
    hi: f64,
    j2: fn(Jet<f64, 2>) -> Jet<f64, 2>,
    j3: fn(Jet<f64, 3>) -> Jet<f64, 3>,
    j4: fn(Jet<f64, 4>) -> Jet<f64, 4>,
    j8: fn(Jet<f64, 8>) -> Jet<f64, 8>,
    dual: fn(Dual3_64) -> Dual3_64,
}

/// `name [lo, hi] |x| body` pastes the same body into both functions;
/// `name [lo, hi] jet |x| body dual |x| body` gives the reference its own text where
/// num-dual spells an operation differently (a plain float on the left, `hypot`).
macro_rules! unary_case {
    ($name:ident, |$x:ident| $body:expr) => {
        unary_case!($name, |$x| $body, |$x| $body);
    };
    ($name:ident, |$x:ident| $jbody:expr, |$y:ident| $dbody:expr) => {
        #[allow(clippy::all)]
        mod $name {
            use super::*;
            pub fn jet<const N: usize>($x: Jet<f64, N>) -> Jet<f64, N> {
                $jbody
            }
            pub fn dual<D: DualNum<f64> + Copy>($y: D) -> D {
                $dbody
            }
        }
    };
}

macro_rules! unary_cases {
    ($( $name:ident [$lo:expr, $hi:expr] { $($body:tt)* } )*) => {
        $( unary_case!($name, $($body)*); )*
        fn unary_cases() -> Vec<Unary> {
            vec![$(Unary {
                name: stringify!($name),
                lo: $lo,
                hi: $hi,
                j2: $name::jet::<2>,
                j3: $name::jet::<3>,
                j4: $name::jet::<4>,
                j8: $name::jet::<8>,
                dual: $name::dual::<Dual3_64>,
            }),*]
        }
    };
}

unary_cases! {
    sin_times_exp_square [-1.5, 1.5] { |x| x.sin() * (x * x).exp() }
    atan2_sin_over_quadratic [-3.0, 3.0] { |x| x.sin().atan2(x * x + 1.0) }
    atan2_left_half_plane [-3.0, 3.0] { |x| (x * 0.5).sin().atan2(-(x * x) - 0.5) }
    hypot_x_cos [-2.0, 2.0] {
        |x| x.hypot(x.cos()),
        |x| (x * x + x.cos() * x.cos()).sqrt()
    }
    tanh_ln_quadratic [-3.0, 3.0] { |x| (x * x + 1.0).ln().tanh() }
    powf_quadratic [-2.0, 2.0] { |x| (x * x + 1.0).powf(2.5) }
    powf_negative_exponent [0.2, 3.0] { |x| x.powf(-1.3) }
    asinh_cubic [-2.0, 2.0] { |x| (x * x * x - x).asinh() }
    acosh_quadratic [-2.0, 2.0] { |x| (x * x + 1.5).acosh() }
    atanh_sin [-3.0, 3.0] { |x| (x.sin() * 0.8).atanh() }
    cbrt_positive [-2.0, 2.0] { |x| (x * x + 0.5).cbrt() * x }
    cbrt_negative [-2.0, 1.0] { |x| (x * x * x - 2.0).cbrt() }
    mul_add_sin_exp [-2.0, 2.0] { |x| x.mul_add(x.sin(), x.exp()) }
    recip_cos [-2.0, 2.0] { |x| (x * x + 1.0).recip() * x.cos() }
    recip_negative [-3.0, -0.3] { |x| x.recip() }
    tan_half [-2.5, 2.5] { |x| (x * 0.5).tan() }
    exp_m1_sin [-3.0, 3.0] { |x| x.sin().exp_m1() }
    ln_1p_square [-3.0, 3.0] { |x| (x * x).ln_1p() * x }
    log10_quadratic [-2.0, 2.0] { |x| (x * x + 0.3).log10() }
    log2_exp2 [-2.0, 2.0] { |x| (x * x + 0.7).log2() + x.sin().exp2() }
    log_base [-2.0, 2.0] { |x| (x.cos() + 1.5).log(3.0) }
    sqrt_over_cos [-2.0, 2.0] { |x| (x * x + 0.2).sqrt() / (x.cos() + 2.0) }
    powi_negative [-3.0, 3.0] { |x| (x.sin() + 2.0).powi(-3) }
    powi_fifth [-2.0, 2.0] { |x| x.powi(5) - x.powi(2) * 3.0 }
    sinh_cosh [-2.0, 2.0] { |x| x.sinh() * (x / 3.0).cosh() - x }
    asin_tanh [-3.0, 3.0] { |x| (x.tanh() * 0.9).asin() }
    acos_sin [-3.0, 3.0] { |x| (x.sin() * 0.5).acos() }
    atan_cubic_exp2 [-2.0, 2.0] { |x| (x * x * x).atan() + x.exp2() }
    sin_cos_pair [-3.0, 3.0] {
        |x| { let (s, c) = x.sin_cos(); s * s - c * x }
    }
    cos_of_exp [-1.0, 1.5] { |x| x.exp().cos() }
    sqrt_sin_positive [0.2, 2.9] { |x| x.sin().sqrt() }
    abs_positive [0.2, 3.0] { |x| x.sin().abs() * x }
    abs_negative [-3.0, -0.2] { |x| x.sin().abs() * x }
    neg_sub_div [-2.0, 2.0] { |x| -(x - 2.0) / (x * x + 3.0) }
    scalar_left [-2.0, 2.0] {
        |x| (2.0 - x) / (3.0 + x * x) * 0.5 + 1.0 / (1.5 + x.sin()) - 4.0 * x,
        |x| (-x + 2.0) / (x * x + 3.0) * 0.5 + (x.sin() + 1.5).recip() - x * 4.0
    }
    atan2_scalar_x [-2.0, 2.0] {
        |x| x.sin().atan2(-1.5) + x.atan2(0.7),
        |x| x.sin().atan2(D::from(-1.5)) + x.atan2(D::from(0.7))
    }
    hypot_scalar [-2.0, 2.0] {
        |x| x.sin().hypot(0.7),
        |x| (x.sin() * x.sin() + 0.49).sqrt()
    }
    mul_add_scalars [-2.0, 2.0] {
        |x| x.sin().mul_add(2.5, -0.5) * x.mul_add(x, 3.0),
        |x| (x.sin() * 2.5 - 0.5) * (x * x + 3.0)
    }
    to_degrees_radians [-2.0, 2.0] { |x| x.sin().to_degrees() + (x * 30.0).to_radians().cos() }
}

/// The `to_degrees`/`to_radians` reference: num-dual has neither, so the dual side
/// multiplies by the constants. (Declared through `unary_cases!` above with the same
/// text; this trait supplies the two methods for every `DualNum`.)
trait DegreesRadians {
    fn to_degrees(self) -> Self;
    fn to_radians(self) -> Self;
}

impl<D: DualNum<f64> + Copy> DegreesRadians for D {
    fn to_degrees(self) -> Self {
        self * (180.0 / std::f64::consts::PI)
    }
    fn to_radians(self) -> Self {
        self * (std::f64::consts::PI / 180.0)
    }
}

fn derivatives_of<const N: usize>(j: Jet<f64, N>) -> Vec<f64> {
    (0..N).map(|k| j.derivative(k)).collect()
}

#[test]
fn unary_compositions_at_a_variable_match_dual3() {
    let mut rng = Rng::new(0x5eed_0001);
    let mut errors = Vec::new();
    let mut checked = 0;
    let cases = unary_cases();
    assert!(cases.len() >= 12);
    for case in &cases {
        for _ in 0..POINTS {
            let x0 = rng.uniform(case.lo, case.hi);
            let want = dual_derivatives((case.dual)(Dual3_64::from_re(x0).derivative()));
            let what = |n: usize| format!("{} at x0 = {x0:?}, N = {n}", case.name);
            errors.extend(compare(
                &what(2),
                &derivatives_of((case.j2)(Jet::variable(x0))),
                &want,
            ));
            errors.extend(compare(
                &what(3),
                &derivatives_of((case.j3)(Jet::variable(x0))),
                &want,
            ));
            errors.extend(compare(
                &what(4),
                &derivatives_of((case.j4)(Jet::variable(x0))),
                &want,
            ));
            errors.extend(compare(
                &what(8),
                &derivatives_of((case.j8)(Jet::variable(x0)))[..4],
                &want,
            ));
            checked += 4;
        }
    }
    report(errors, checked);
}

#[test]
fn unary_compositions_along_a_direction_scale_by_powers_of_v() {
    let mut rng = Rng::new(0x5eed_0002);
    let mut errors = Vec::new();
    let mut checked = 0;
    for case in &unary_cases() {
        for i in 0..POINTS {
            let x0 = rng.uniform(case.lo, case.hi);
            // Include the degenerate direction v = 0 (a constant) and negative v.
            let v = if i == 0 { 0.0 } else { rng.uniform(-2.5, 2.5) };
            let d = dual_derivatives((case.dual)(Dual3_64::from_re(x0).derivative()));
            let want: Vec<f64> = (0..4).map(|k| v.powi(k as i32) * d[k]).collect();
            let got = derivatives_of((case.j4)(Jet::along(x0, v)));
            errors.extend(compare(
                &format!("{} along v = {v:?} at x0 = {x0:?}", case.name),
                &got,
                &want,
            ));
            checked += 1;
        }
    }
    report(errors, checked);
}

#[test]
fn unary_compositions_of_curved_inputs_match_dual3_faa_di_bruno() {
    let mut rng = Rng::new(0x5eed_0003);
    let mut errors = Vec::new();
    let mut checked = 0;
    for case in &unary_cases() {
        for _ in 0..POINTS {
            // Shrink the higher coefficients so the curve stays near the domain; only
            // the value has to lie in it.
            let c = [
                rng.uniform(case.lo, case.hi),
                rng.uniform(-1.5, 1.5),
                rng.uniform(-1.0, 1.0),
                rng.uniform(-1.0, 1.0),
            ];
            let want = dual_derivatives((case.dual)(dual_curve(c)));
            let got = derivatives_of((case.j4)(Jet::from_coefficients(c)));
            errors.extend(compare(
                &format!("{} of the curve {c:?}", case.name),
                &got,
                &want,
            ));
            checked += 1;
        }
    }
    report(errors, checked);
}

// ---------------------------------------------------------------------------------------
// Two-input compositions, on two independent curved inputs x(t), y(t).
// ---------------------------------------------------------------------------------------

struct Binary {
    name: &'static str,
    x: (f64, f64),
    y: (f64, f64),
    jet: fn(Jet<f64, 4>, Jet<f64, 4>) -> Jet<f64, 4>,
    dual: fn(Dual3_64, Dual3_64) -> Dual3_64,
}

macro_rules! binary_case {
    ($name:ident, |$x:ident, $y:ident| $body:expr) => {
        binary_case!($name, |$x, $y| $body, |$x, $y| $body);
    };
    ($name:ident, |$x:ident, $y:ident| $jbody:expr, |$u:ident, $v:ident| $dbody:expr) => {
        #[allow(clippy::all)]
        mod $name {
            use super::*;
            pub fn jet<const N: usize>($x: Jet<f64, N>, $y: Jet<f64, N>) -> Jet<f64, N> {
                $jbody
            }
            pub fn dual<D: DualNum<f64> + Copy>($u: D, $v: D) -> D {
                $dbody
            }
        }
    };
}

macro_rules! binary_cases {
    ($( $name:ident x[$xlo:expr, $xhi:expr] y[$ylo:expr, $yhi:expr] { $($body:tt)* } )*) => {
        $( binary_case!($name, $($body)*); )*
        fn binary_cases() -> Vec<Binary> {
            vec![$(Binary {
                name: stringify!($name),
                x: ($xlo, $xhi),
                y: ($ylo, $yhi),
                jet: $name::jet::<4>,
                dual: $name::dual::<Dual3_64>,
            }),*]
        }
    };
}

binary_cases! {
    product x[-2.0, 2.0] y[-2.0, 2.0] { |x, y| x * y }
    sum_difference x[-2.0, 2.0] y[-2.0, 2.0] { |x, y| (x + y) * (x - y) - y }
    quotient x[-2.0, 2.0] y[0.4, 2.0] { |x, y| x / y }
    quotient_negative x[-2.0, 2.0] y[-2.0, -0.4] { |x, y| (x * x + 1.0) / y }
    atan2_all_quadrants x[-2.0, 2.0] y[-2.0, 2.0] {
        |x, y| (y * 0.5 + 1.1).atan2(x) + (x * 0.5 - 1.2).atan2(y)
    }
    hypot_pair x[-2.0, 2.0] y[0.3, 2.0] {
        |x, y| x.hypot(y),
        |x, y| (x * x + y * y).sqrt()
    }
    mul_add_triple x[-2.0, 2.0] y[-2.0, 2.0] { |x, y| x.mul_add(y, x.sin()) }
    powf_jet_exponent x[0.2, 3.0] y[-2.0, 2.0] {
        |x, y| x.powf(y),
        |x, y| x.powd(y)
    }
    exp_of_product x[-1.0, 1.0] y[-1.0, 1.0] { |x, y| (x * y).exp() * y.cos() }
    ln_of_sum_squares x[-2.0, 2.0] y[-2.0, 2.0] { |x, y| (x * x + y * y + 0.1).ln() }
    recip_of_sum x[0.1, 2.0] y[0.1, 2.0] { |x, y| (x + y).recip() - (x * y).sqrt() }
}

#[test]
fn binary_compositions_of_two_curves_match_dual3() {
    let mut rng = Rng::new(0x5eed_0004);
    let mut errors = Vec::new();
    let mut checked = 0;
    for case in &binary_cases() {
        for _ in 0..POINTS {
            let cx = [
                rng.uniform(case.x.0, case.x.1),
                rng.uniform(-1.5, 1.5),
                rng.uniform(-1.0, 1.0),
                rng.uniform(-1.0, 1.0),
            ];
            let cy = [
                rng.uniform(case.y.0, case.y.1),
                rng.uniform(-1.5, 1.5),
                rng.uniform(-1.0, 1.0),
                rng.uniform(-1.0, 1.0),
            ];
            let want = dual_derivatives((case.dual)(dual_curve(cx), dual_curve(cy)));
            let got = derivatives_of((case.jet)(
                Jet::from_coefficients(cx),
                Jet::from_coefficients(cy),
            ));
            errors.extend(compare(
                &format!("{} of x = {cx:?}, y = {cy:?}", case.name),
                &got,
                &want,
            ));
            checked += 1;
        }
    }
    report(errors, checked);
}

// ---------------------------------------------------------------------------------------
// erf: not in num-dual; closed-form derivatives and the Maclaurin series.
// ---------------------------------------------------------------------------------------

/// erf by its Maclaurin series `2/√π Σ (-1)^n x^{2n+1} / (n! (2n+1))`, summed until the
/// terms are negligible (|x| ≤ 2.5 keeps the cancellation below 1e-14).
fn erf_series(x: f64) -> f64 {
    let mut term = x; // (-1)^n x^{2n+1} / n!
    let mut sum = x;
    let mut n = 0.0;
    loop {
        n += 1.0;
        term *= -x * x / n;
        let add = term / (2.0 * n + 1.0);
        sum += add;
        if add.abs() < 1e-18 * sum.abs() {
            break;
        }
    }
    sum * std::f64::consts::FRAC_2_SQRT_PI
}

/// `erf(x(t))` for a `Dual3` curve: `erf' = 2/√π e^{-u²}`, `erf'' = -2u erf'`,
/// `erf''' = (4u² - 2) erf'`, composed by Faà di Bruno.
fn erf_dual(x: Dual3_64) -> Dual3_64 {
    let u = x.re;
    let f0 = erf_series(u);
    let f1 = std::f64::consts::FRAC_2_SQRT_PI * (-u * u).exp();
    let f2 = -2.0 * u * f1;
    let f3 = (4.0 * u * u - 2.0) * f1;
    Dual3_64::new(
        f0,
        f1 * x.v1,
        f2 * x.v1 * x.v1 + f1 * x.v2,
        f3 * x.v1 * x.v1 * x.v1 + 3.0 * f2 * x.v1 * x.v2 + f1 * x.v3,
    )
}

#[test]
fn erf_matches_its_closed_form_derivatives() {
    let mut rng = Rng::new(0x5eed_0005);
    let mut errors = Vec::new();
    let mut checked = 0;
    for i in 0..(4 * POINTS) {
        let c = if i % 2 == 0 {
            [rng.uniform(-2.5, 2.5), 1.0, 0.0, 0.0]
        } else {
            [
                rng.uniform(-2.5, 2.5),
                rng.uniform(-1.5, 1.5),
                rng.uniform(-1.0, 1.0),
                rng.uniform(-1.0, 1.0),
            ]
        };
        let want = dual_derivatives(erf_dual(dual_curve(c)));
        let got = derivatives_of(Jet::from_coefficients(c).erf());
        errors.extend(compare(&format!("erf of the curve {c:?}"), &got, &want));
        // A composition: erf(sin x) * x, with the reference's product rule by num-dual.
        let x = dual_curve(c);
        let want = dual_derivatives(erf_dual(x.sin()) * x);
        let j = Jet::from_coefficients(c);
        let got = derivatives_of(j.sin().erf() * j);
        errors.extend(compare(
            &format!("erf(sin x) x of the curve {c:?}"),
            &got,
            &want,
        ));
        checked += 2;
    }
    report(errors, checked);
}

#[test]
fn the_comparison_detects_a_wrong_derivative() {
    // Guard against a vacuous comparison: a perturbed third derivative must be caught.
    let want = dual_derivatives(Dual3_64::from_re(0.7).derivative().sin());
    let mut got = derivatives_of(Jet::<f64, 4>::variable(0.7).sin());
    assert!(compare("sin", &got, &want).is_empty());
    got[3] *= 1.0 + 1e-9;
    assert_eq!(compare("sin", &got, &want).len(), 1);
}

//! Smoke tests of `#[jet]`: annotated functions against closed forms.
//!
//! Each test seeds `x(t) = x0 + t` (`Jet::variable`), so `derivative(k)` of the result is
//! the k-th derivative of the function at `x0`.
//!
//! The functions are written to exercise what the compiler lowers (late initialization,
//! `loop` values, `a = a * b`), not in the style clippy prefers.
#![allow(
    clippy::let_and_return,
    clippy::assign_op_pattern,
    clippy::needless_late_init
)]

use jet::{jet, Float, Jet, Taylor};

const TOL: f64 = 1e-12;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL * (1.0 + b.abs())
}

fn assert_derivatives(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            close(*g, *w),
            "derivative {k}: got {g}, want {w} (all: {got:?} vs {want:?})"
        );
    }
}

#[jet(order = 4)]
fn sine(x: f64) -> f64 {
    x.sin()
}

#[test]
fn sin_derivatives_cycle() {
    let x0 = 0.7_f64;
    let y = sine_jet(Jet::variable(x0));
    assert_derivatives(
        &y.derivatives(),
        &[x0.sin(), x0.cos(), -x0.sin(), -x0.cos(), x0.sin()],
    );
    assert_eq!(sine(x0), x0.sin());
}

#[jet(order = 6)]
fn exponential(x: f64) -> f64 {
    let a = 2.0 * x;
    (a - x).exp()
}

#[test]
fn exp_jet_has_all_derivatives_equal() {
    let y = exponential_jet(Jet::variable(0.3));
    let e = 0.3_f64.exp();
    assert_derivatives(&y.derivatives(), &[e; 7]);
}

#[jet(order = 4)]
fn morse(r: f64) -> f64 {
    let e = (-1.9 * (r - 0.74)).exp();
    4.7 * (1.0 - e) * (1.0 - e)
}

#[test]
fn morse_matches_closed_form() {
    // V(r) = D (1 - e)^2, e = exp(-a (r - r0)): V' = 2 D a e (1 - e), V'' = 2 D a^2 e (2e - 1).
    let (d, a, r0, r) = (4.7, 1.9, 0.74, 0.9_f64);
    let e = (-a * (r - r0)).exp();
    let y = morse_jet(Jet::variable(r));
    assert!(close(y.value(), morse(r)));
    assert!(close(y.derivative(1), 2.0 * d * a * e * (1.0 - e)));
    assert!(close(
        y.derivative(2),
        2.0 * d * a * a * e * (2.0 * e - 1.0)
    ));
}

/// Piecewise: a branch on the primal, `if` as an expression with an inactive branch.
#[jet(order = 3)]
fn piecewise(x: f64) -> f64 {
    if x < 1.0 {
        x * x * x
    } else if x > 10.0 {
        5.0
    } else {
        let y = 2.0 * x;
        y - 1.0
    }
}

#[test]
fn piecewise_follows_the_primal_branch() {
    let left = piecewise_jet(Jet::variable(0.5));
    assert_derivatives(&left.derivatives(), &[0.125, 0.75, 3.0, 6.0]);
    let right = piecewise_jet(Jet::variable(2.0));
    assert_derivatives(&right.derivatives(), &[3.0, 2.0, 0.0, 0.0]);
    let flat = piecewise_jet(Jet::variable(20.0));
    assert_derivatives(&flat.derivatives(), &[5.0, 0.0, 0.0, 0.0]);
}

/// Newton's iteration for sqrt(a): `y` starts inactive and becomes active in the loop.
#[jet(order = 4)]
fn newton_sqrt(a: f64) -> f64 {
    let mut y = 1.0;
    let mut i = 0;
    while i < 60 {
        let next = 0.5 * (y + a / y);
        if (next - y).abs() < 1e-300 {
            break;
        }
        y = next;
        i += 1;
    }
    y
}

#[test]
fn newton_iteration_differentiates_like_sqrt() {
    let a = 2.0_f64;
    let y = newton_sqrt_jet(Jet::variable(a));
    let s = a.sqrt();
    // d^k/da^k sqrt(a): 1/(2 s), -1/(4 a s), 3/(8 a^2 s), -15/(16 a^3 s)
    let want = [
        s,
        0.5 / s,
        -0.25 / (a * s),
        0.375 / (a * a * s),
        -0.9375 / (a * a * a * s),
    ];
    for (k, w) in want.iter().enumerate() {
        assert!(
            (y.derivative(k) - w).abs() < 1e-10,
            "k = {k}: {} vs {w}",
            y.derivative(k)
        );
    }
}

/// Generic over the float type; companion generic over the jet type.
#[jet]
fn gaussian<T: Float>(x: T) -> T {
    let half = T::from(0.5).unwrap();
    (-(x * x) * half).exp()
}

#[test]
fn generic_float_at_f64_and_f32() {
    let x0 = 0.8_f64;
    let g = (-0.5 * x0 * x0).exp();
    let y = gaussian_jet(Jet::<f64, 3>::variable(x0));
    assert_derivatives(&y.derivatives(), &[g, -x0 * g, (x0 * x0 - 1.0) * g]);
    let y32 = gaussian_jet(Jet::<f32, 3>::variable(0.8));
    assert!((y32.derivative(2) - ((x0 * x0 - 1.0) * g) as f32).abs() < 1e-5);
    assert_eq!(gaussian(x0), g);
}

struct Spring {
    k: f64,
    rest: f64,
}

impl Spring {
    /// A method reading its fields as constants.
    #[jet(order = 3)]
    fn energy(&self, x: f64) -> f64 {
        let d = x - self.rest;
        0.5 * self.k * d.powi(2)
    }
}

#[test]
fn method_in_impl_block() {
    let s = Spring { k: 3.0, rest: 1.0 };
    let y = s.energy_jet(Jet::variable(1.5));
    assert_derivatives(&y.derivatives(), &[0.375, 1.5, 3.0, 0.0]);
    assert_eq!(s.energy(1.5), 0.375);
}

/// `wrt(x)`: `y` stays a plain float; `name = "..."` renames the companion.
#[jet(order = 2, wrt(x), name = "scaled_taylor")]
fn scaled(x: f64, y: f64, n: i32) -> f64 {
    y * x.powi(n)
}

#[test]
fn wrt_and_name() {
    let r = scaled_taylor(Jet::variable(2.0), 3.0, 3);
    assert_derivatives(&r.derivatives(), &[24.0, 36.0, 36.0]);
}

#[jet]
fn inner_poly(x: f64) -> f64 {
    x * x + 1.0
}

/// Calls between annotated functions use the companions.
#[jet]
fn outer(x: f64) -> f64 {
    let p = inner_poly(x);
    p.ln() + inner_poly(2.0)
}

#[test]
fn calls_between_annotated_functions() {
    let x0 = 0.5_f64;
    let y = outer_jet(Jet::<f64, 3>::variable(x0));
    let p = x0 * x0 + 1.0;
    // d/dx ln(x^2 + 1) = 2x / p, d2 = (2 p - 4 x^2) / p^2
    assert_derivatives(
        &y.derivatives(),
        &[
            p.ln() + 5.0,
            2.0 * x0 / p,
            (2.0 * p - 4.0 * x0 * x0) / (p * p),
        ],
    );
}

/// Two active parameters, compound assignment, `match`, early return, sin/cos sharing.
#[jet(order = 3)]
fn mixed(x: f64, y: f64, mode: u8) -> f64 {
    if x.is_nan() {
        return 0.0;
    }
    let mut acc = 0.0;
    acc += x.sin() * y;
    acc -= x.cos();
    match mode {
        0 => acc,
        _ => acc * 2.0,
    }
}

#[test]
fn two_parameters_along_a_direction() {
    // Seed x = x0 + t, y = y0 + 2t: derivatives along the line.
    let (x0, y0) = (0.4_f64, 1.5_f64);
    let r = mixed_jet(Jet::variable(x0), Jet::along(y0, 2.0), 0);
    // f(t) = sin(x0 + t) (y0 + 2 t) - cos(x0 + t); f' = cos x y + 2 sin x + sin x
    let f1 = x0.cos() * y0 + 2.0 * x0.sin() + x0.sin();
    assert!(close(r.value(), mixed(x0, y0, 0)));
    assert!(close(r.derivative(1), f1));
    let r2 = mixed_jet(Jet::variable(x0), Jet::along(y0, 2.0), 1);
    assert!(close(r2.derivative(1), 2.0 * f1));
}

/// The generic companion works with any `Taylor` implementation written by hand.
#[test]
fn generic_companion_is_callable_with_explicit_type() {
    let y: Jet<f64, 2> = inner_poly_jet(<Jet<f64, 2> as Taylor<f64>>::constant(3.0));
    assert_eq!(y.coefficients(), [10.0, 0.0]);
}

#[test]
fn originals_are_emitted_unchanged() {
    assert_eq!(exponential(0.0), 1.0);
    assert_eq!(piecewise(0.5), 0.125);
    assert!((newton_sqrt(2.0) - 2.0_f64.sqrt()).abs() < 1e-15);
    assert_eq!(scaled(2.0, 3.0, 3), 24.0);
    assert_eq!(outer(0.0), 1.0_f64.ln() + 5.0);
}

mod shapes {
    //! Forms of expressions the lowering must accept (checked against the original at the
    //! value and against finite closed forms for the first derivative).
    use jet::{jet, Float, Jet};

    #[jet(order = 2)]
    pub fn path_calls(x: f64) -> f64 {
        f64::sin(x) + <f64 as Float>::sqrt(x) + Float::exp(x) + num_traits::Float::ln(x)
    }

    #[jet]
    pub fn generic_path_calls<T: Float>(x: T) -> T {
        T::exp(x) * T::from(2.0).unwrap() + T::one()
    }

    #[jet(order = 2)]
    pub fn powers(x: f64, y: f64) -> f64 {
        x.powf(2.5) + x.powf(y) + x.powi(3) + x.powi(2) + 2.0f64.powf(x)
    }

    #[jet(order = 2)]
    pub fn consts_and_casts(x: f64, n: usize) -> f64 {
        let k = x as i32;
        let scale = n as f64;
        std::f64::consts::PI * x + scale * x + f64::from(k)
    }

    #[jet(order = 2)]
    pub fn typed_and_shadowed(x: f64) -> f64 {
        let mut y: f64 = 0.0;
        y += x;
        let x = x * 2.0;
        let z = {
            let w = x + y;
            w * w
        };
        z - y
    }

    #[jet(order = 2)]
    pub fn loop_value(x: f64) -> f64 {
        let mut i = 0;
        let v = loop {
            i += 1;
            if i > 3 {
                break x * i as f64;
            }
            if x > 100.0 {
                break 0.0;
            }
        };
        v
    }

    #[jet(order = 2)]
    pub fn match_mixed(x: f64, n: u8) -> f64 {
        let y = match n {
            0 => x,
            1 => 1.0,
            _ => -x.sin(),
        };
        y + match n {
            0 => 0.0,
            _ => x,
        }
    }

    #[jet(order = 2)]
    pub fn ternary_and_friends(x: f64, y: f64) -> f64 {
        x.mul_add(2.0, 1.0) + x.atan2(1.0) + 1.0f64.max(x) + x.clamp(0.0, 1.0) + y.hypot(x)
    }

    #[jet(order = 2)]
    pub fn early_return_pair(x: f64) -> (f64, f64) {
        if x < 0.0 {
            return (0.0, x);
        }
        let (s, c) = x.sin_cos();
        (s, c * 2.0)
    }

    #[jet(order = 2)]
    pub fn primal_macros(x: f64) -> f64 {
        assert!(x > -10.0, "x = {}", x);
        debug_assert!(!x.is_nan());
        x * 3.0
    }

    pub mod inner {
        use jet::jet;

        #[jet(order = 2)]
        pub fn cube(x: f64) -> f64 {
            x * x * x
        }
    }

    #[jet(order = 2)]
    pub fn module_call(x: f64) -> f64 {
        inner::cube(x) + self::inner::cube(2.0)
    }

    pub struct Model {
        pub a: f64,
    }

    impl Model {
        #[jet(order = 2)]
        pub fn base(&self, x: f64) -> f64 {
            self.a * x * x
        }

        #[jet(order = 2)]
        pub fn twice(&self, x: f64) -> f64 {
            self.base(x) * 2.0 + Self::offset(x)
        }

        #[jet(order = 2)]
        pub fn offset(x: f64) -> f64 {
            x + 1.0
        }
    }

    #[jet(order = 2)]
    pub fn while_let(x: f64) -> f64 {
        let mut v = vec![1.0, 2.0];
        let mut acc = x;
        while let Some(c) = v.pop() {
            acc = acc * c;
        }
        acc
    }

    #[jet(order = 2)]
    pub fn deferred_init(x: f64) -> f64 {
        let y;
        if x > 0.0 {
            y = x;
        } else {
            y = 2.0;
        }
        y * 2.0
    }

    pub fn check<const N: usize>(j: Jet<f64, N>, value: f64, d1: f64) {
        assert!(
            (j.value() - value).abs() < 1e-12,
            "value {} vs {value}",
            j.value()
        );
        assert!(
            (j.derivative(1) - d1).abs() < 1e-9,
            "d1 {} vs {d1}",
            j.derivative(1)
        );
    }
}

#[test]
fn expression_shapes() {
    use shapes::*;
    let x0 = 0.6_f64;
    let v = Jet::<f64, 3>::variable(x0);
    check(
        path_calls_jet(v),
        path_calls(x0),
        x0.cos() + 0.5 / x0.sqrt() + x0.exp() + 1.0 / x0,
    );
    check(
        generic_path_calls_jet(v),
        generic_path_calls(x0),
        2.0 * x0.exp(),
    );
    let y0 = 1.3;
    let c = Jet::<f64, 3>::constant(y0);
    check(
        powers_jet(v, c),
        powers(x0, y0),
        2.5 * x0.powf(1.5)
            + y0 * x0.powf(y0 - 1.0)
            + 3.0 * x0 * x0
            + 2.0 * x0
            + 2f64.ln() * 2f64.powf(x0),
    );
    check(
        consts_and_casts_jet(v, 3),
        consts_and_casts(x0, 3),
        std::f64::consts::PI + 3.0,
    );
    check(
        typed_and_shadowed_jet(v),
        typed_and_shadowed(x0),
        2.0 * (3.0 * x0) * 3.0 - 1.0,
    );
    check(loop_value_jet(v), loop_value(x0), 4.0);
    check(match_mixed_jet(v, 0), match_mixed(x0, 0), 1.0);
    check(match_mixed_jet(v, 1), match_mixed(x0, 1), 1.0);
    check(match_mixed_jet(v, 2), match_mixed(x0, 2), -x0.cos() + 1.0);
    check(
        ternary_and_friends_jet(v, c),
        ternary_and_friends(x0, y0),
        2.0 + 1.0 / (1.0 + x0 * x0) + 0.0 + 1.0 + x0 / y0.hypot(x0),
    );
    let (s, c2) = early_return_pair_jet(v);
    check(s, x0.sin(), x0.cos());
    check(c2, 2.0 * x0.cos(), -2.0 * x0.sin());
    let (z, w) = early_return_pair_jet(Jet::<f64, 3>::variable(-1.0));
    check(z, 0.0, 0.0);
    check(w, -1.0, 1.0);
    check(primal_macros_jet(v), primal_macros(x0), 3.0);
    assert_eq!(early_return_pair(x0), (x0.sin(), 2.0 * x0.cos()));
    check(module_call_jet(v), module_call(x0), 3.0 * x0 * x0);
    let m = Model { a: 2.0 };
    check(m.twice_jet(v), m.twice(x0), 8.0 * x0 + 1.0);
    check(while_let_jet(v), while_let(x0), 2.0);
    check(deferred_init_jet(v), deferred_init(x0), 2.0);
    check(deferred_init_jet(Jet::<f64, 3>::variable(-1.0)), 4.0, 0.0);
}

mod generic_impl {
    use jet::{jet, Float};

    pub struct Oscillator<T> {
        pub omega: T,
    }

    impl<T: Float> Oscillator<T> {
        /// `T` comes from the impl: a one-letter type the function does not declare is
        /// taken as the float type.
        #[jet]
        pub fn position(&self, t: T) -> T {
            (self.omega * t).cos()
        }
    }

    /// A crate re-exporting `jet`, named with `crate = "..."`.
    pub mod reexport {
        pub use jet::{Jet, Taylor};
    }

    #[jet(order = 2, crate = "crate::generic_impl::reexport")]
    pub fn through_reexport(x: f64) -> f64 {
        x.exp() * 2.0
    }
}

#[test]
fn generic_impl_method_and_crate_option() {
    use generic_impl::*;
    let o = Oscillator { omega: 2.0_f64 };
    let y = o.position_jet(Jet::<f64, 3>::variable(0.3));
    assert!(close(y.value(), o.position(0.3)));
    assert!(close(y.derivative(2), -4.0 * (0.6_f64).cos()));
    let o32 = Oscillator { omega: 2.0_f32 };
    let y32 = o32.position_jet(Jet::<f32, 2>::variable(0.3));
    assert!((y32.derivative(1) + 2.0 * 0.6_f32.sin()).abs() < 1e-5);
    let z = through_reexport_jet(Jet::variable(0.5));
    assert!(close(z.derivative(2), 2.0 * 0.5_f64.exp()));
    assert!(close(through_reexport(0.5), 2.0 * 0.5_f64.exp()));
}

#[jet(order = 2)]
fn tuple_result(x: f64) -> (f64, usize) {
    let (a, b) = if x > 0.0 { (x, 1.0) } else { (2.0, x) };
    let fallback = (3.0, 4);
    if a > 100.0 {
        return fallback;
    }
    if a < -100.0 {
        return (1.0, 2);
    }
    (a * b, 3)
}

#[test]
fn tuple_results_lift_their_float_parts() {
    let (y, n) = tuple_result_jet(Jet::variable(0.5));
    assert_eq!(n, 3);
    assert_eq!(y.coefficients(), [0.5, 1.0, 0.0]);
    let (y, n) = tuple_result_jet(Jet::variable(200.0));
    assert_eq!((y.coefficients(), n), ([3.0, 0.0, 0.0], 4));
    assert_eq!(tuple_result(0.5), (0.5, 3));
}

#[jet(order = 2)]
fn match_binds_the_scrutinee(x: f64) -> f64 {
    match x {
        x if x > 1.0 => x * x,
        w @ -1.0..=1.0 => w * 3.0,
        v => v.exp(),
    }
}

#[test]
fn match_arm_bindings_of_an_active_scrutinee_carry_its_jet() {
    let d = |x0: f64| match_binds_the_scrutinee_jet(Jet::variable(x0)).derivatives();
    assert_eq!(d(2.0), [4.0, 4.0, 2.0]);
    assert_eq!(d(0.5), [1.5, 3.0, 0.0]);
    let e = (-2.0_f64).exp();
    assert_eq!(d(-2.0), [e, e, e]);
    assert_eq!(match_binds_the_scrutinee(2.0), 4.0);
}

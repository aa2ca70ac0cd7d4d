//! `#[jet]` in places that used to need a workaround: methods of trait impls (the
//! attribute on the `impl` block puts the companions in an inherent impl), generic
//! companions calling each other and primitives, and loops over iterables whose item
//! type the macro cannot see (`C.iter()` of a `const`, `self.c.iter()`), whose `&f64`
//! items meet jets without `*v`.
//!
//! References are closed forms of the derivatives, computed in plain `f64`.

use jet::{jet, ops, Float, Jet};

/// `|got - want| <= tol * max(1, |want|)` entry by entry.
fn assert_close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol * w.abs().max(1.0),
            "{what}: entry {k}: got {g:e}, want {w:e}"
        );
    }
}

// ---- methods of trait impls -----------------------------------------------------------------

trait Potential<T> {
    fn energy(&self, r: T) -> T;
    fn name(&self) -> &'static str;
}

/// The Morse potential `D (1 - e^{-a (r - re)})²`.
struct Morse<T> {
    d: T,
    a: T,
    re: T,
}

/// Derivatives of the Morse potential: with `u = e^{-a (r - re)}`, `E = D (1 - 2u + u²)`
/// and `u^(k) = (-a)^k u`.
fn morse_derivatives(d: f64, a: f64, re: f64, r: f64, n: usize) -> Vec<f64> {
    let u = (-a * (r - re)).exp();
    (0..n)
        .map(|k| match k {
            0 => d * (1.0 - u) * (1.0 - u),
            _ => d * (-2.0 * (-a).powi(k as i32) * u + (-2.0 * a).powi(k as i32) * u * u),
        })
        .collect()
}

// The companion of a trait method cannot be a member of the trait: `#[jet]` on the impl
// block emits it in a separate inherent `impl<T: Float> Morse<T>`.
#[jet]
impl<T: Float> Potential<T> for Morse<T> {
    #[jet(order = 4)]
    fn energy(&self, r: T) -> T {
        let e = (-self.a * (r - self.re)).exp();
        self.d * self.well(e)
    }

    fn name(&self) -> &'static str {
        "Morse"
    }
}

impl<T: Float> Morse<T> {
    /// An inherent helper with its own companion, called by the trait method's.
    #[jet(order = 4)]
    fn well(&self, e: T) -> T {
        (T::one() - e) * (T::one() - e)
    }
}

#[test]
fn trait_method_companion_lives_in_an_inherent_impl() {
    let m = Morse {
        d: 4.7,
        a: 1.9,
        re: 0.74,
    };
    assert_eq!(m.name(), "Morse");
    for r in [0.5, 0.74, 0.9, 1.6] {
        let got = m.energy_jet(Jet::variable(r));
        let want = morse_derivatives(4.7, 1.9, 0.74, r, 5);
        assert_close(&got.derivatives(), &want, 1e-12, "Morse");
        assert_eq!(got.value(), m.energy(r));
    }
}

/// Options on the block, no method marked: every method with a float parameter and a
/// float result gets a companion (`name` and `label` have none), here generic ones.
struct Spring {
    k: f64,
    rest: f64,
}

trait Elastic {
    fn energy(&self, x: f64) -> f64;
    fn force(&self, x: f64) -> f64;
    fn label(&self) -> String;
    fn stiffness(&self) -> f64;
}

#[jet(wrt(x))]
impl Elastic for Spring {
    fn energy(&self, x: f64) -> f64 {
        let d = x - self.rest;
        0.5 * self.k * d * d + Self::anharmonic(d)
    }

    fn force(&self, x: f64) -> f64 {
        -self.k * (x - self.rest)
    }

    fn label(&self) -> String {
        format!("spring k = {}", self.k)
    }

    fn stiffness(&self) -> f64 {
        self.k
    }
}

impl Spring {
    /// An associated function (no receiver) called as `Self::anharmonic`.
    #[jet]
    fn anharmonic(d: f64) -> f64 {
        0.1 * d.powi(4)
    }
}

#[test]
fn impl_options_compile_every_float_method() {
    let s = Spring { k: 3.0, rest: 1.0 };
    assert_eq!(s.label(), "spring k = 3");
    assert_eq!(s.stiffness(), 3.0);
    let x = 1.5;
    // E = k/2 d² + 0.1 d⁴: E' = k d + 0.4 d³, E'' = k + 1.2 d², E''' = 2.4 d, E'''' = 2.4
    let d = x - 1.0;
    let e = s.energy_jet(Jet::<f64, 5>::variable(x));
    let want = [
        1.5 * d * d + 0.1 * d.powi(4),
        3.0 * d + 0.4 * d.powi(3),
        3.0 + 1.2 * d * d,
        2.4 * d,
        2.4,
    ];
    assert_close(&e.derivatives(), &want, 1e-13, "spring energy");
    assert_close(&[s.energy(x)], &want[..1], 1e-15, "plain spring energy");
    assert_eq!(s.force(x), -1.5);
    assert_eq!(Spring::anharmonic(d), 0.1 * d.powi(4));
    let f = s.force_jet(Jet::<f64, 3>::variable(x));
    assert_close(&f.derivatives(), &[-1.5, -3.0, 0.0], 1e-15, "spring force");
    // The generic companions run on multi-directional jets too (the operators' input).
    let lap = ops::laplacian(|xs| s.energy_jet(xs[0]), &[x]);
    assert_close(&[lap], &[want[2]], 1e-13, "spring Laplacian");
}

// ---- generic companions calling generic companions and primitives ---------------------------

#[jet::primitive(derivative = |x| 1.0 / (1.0 + x * x))]
fn my_atan(x: f64) -> f64 {
    x.atan()
}

#[jet]
fn inner(x: f64, y: f64) -> f64 {
    (x * y).sin() + my_atan(x)
}

/// A generic companion calling another generic one and a primitive: any jet kind flows
/// through (an `order = K` callee is a compile error naming the fix, see
/// `tests/ui/generic_companion_calls_order_companion.rs`).
#[jet]
fn outer(x: f64, y: f64) -> f64 {
    inner(x, y) * inner(y, x) + my_atan(y)
}

/// An `order = K` companion calling generic ones.
#[jet(order = 5)]
fn outer_fixed(x: f64, y: f64) -> f64 {
    outer(x, y)
}

#[test]
fn generic_companions_call_generic_companions() {
    let (x0, y0) = (0.3, -0.8);
    // Along x: g(t) = inner(x0+t, y0) inner(y0, x0+t) + atan(y0), compared with the
    // same composition on jets written by hand.
    let x = Jet::<f64, 6>::variable(x0);
    let y = Jet::<f64, 6>::constant(y0);
    let by_hand = ((x * y).sin() + x.atan()) * ((y * x).sin() + y.atan()) + y.atan();
    let got = outer_jet(x, y);
    assert_close(&got.coefficients(), &by_hand.coefficients(), 1e-13, "outer");
    let fixed = outer_fixed_jet(x, y);
    assert_close(
        &fixed.coefficients(),
        &by_hand.coefficients(),
        1e-13,
        "fixed",
    );
    assert_eq!(outer_fixed(x0, y0), outer(x0, y0));
    // The first derivative against its closed form.
    let i1 = (x0 * y0).sin() + x0.atan();
    let i2 = (y0 * x0).sin() + y0.atan();
    let d1 = y0 * (x0 * y0).cos() + 1.0 / (1.0 + x0 * x0);
    let d2 = y0 * (y0 * x0).cos();
    assert_close(&[got.derivative(1)], &[d1 * i2 + i1 * d2], 1e-13, "outer'");
    // And through the operators (multi-directional jets): the Hessian diagonal.
    let diag = ops::hessian_diagonal(|v| outer_jet(v[0], v[1]), &[x0, y0]);
    let along_x = got.derivative(2);
    assert_close(&diag[..1], &[along_x], 1e-12, "Hessian diagonal");
    assert!((outer(x0, y0) - got.value()).abs() < 1e-15);
}

// ---- items of iterables of unknown type ------------------------------------------------------

const C: [f64; 3] = [0.5, -1.0, 2.0];

struct Poly {
    c: Vec<f64>,
}

impl Poly {
    /// Horner's rule over `self.c.iter()`: `&f64` items, no `*v` needed.
    #[jet(order = 4)]
    fn eval(&self, x: f64) -> f64 {
        let mut s = 0.0;
        for v in self.c.iter().rev() {
            s = s * x + v;
        }
        s
    }
}

/// Items of a `const` array: `+`, `*`, `+=`, method calls and a closure (`s = s + v`
/// as the issue wrote it).
#[jet(order = 3)]
#[allow(clippy::assign_op_pattern)]
fn weighted(x: f64) -> f64 {
    let mut s = x;
    for v in C.iter() {
        s = s + v;
        s += v * x;
        s = s.max(*v);
    }
    let t: f64 = C.iter().map(|c| c * x * x).sum();
    s + t
}

#[test]
fn reference_items_of_unknown_iterables_meet_jets() {
    let p = Poly {
        c: vec![1.0, -2.0, 0.5, 3.0],
    };
    let x0 = 0.7;
    let got = p.eval_jet(Jet::<f64, 5>::variable(x0));
    // p(x) = 1 - 2x + 0.5x² + 3x³
    let want = [
        1.0 - 2.0 * x0 + 0.5 * x0 * x0 + 3.0 * x0.powi(3),
        -2.0 + x0 + 9.0 * x0 * x0,
        1.0 + 18.0 * x0,
        18.0,
        0.0,
    ];
    assert_close(&got.derivatives(), &want, 1e-13, "Horner");
    assert_eq!(p.eval(x0), got.value());
    // weighted: the plain function is the reference for the value, and the jet against
    // the same loop on jets by hand.
    let x = Jet::<f64, 4>::variable(x0);
    let mut s = x;
    for v in C {
        s += v;
        s += v * x;
        s = s.max(Jet::constant(v));
    }
    let t = C.iter().fold(Jet::constant(0.0), |acc, c| acc + *c * x * x);
    let by_hand = s + t;
    let got = weighted_jet(x);
    assert_close(
        &got.coefficients(),
        &by_hand.coefficients(),
        1e-14,
        "weighted",
    );
    assert_eq!(weighted(x0), got.value());
}

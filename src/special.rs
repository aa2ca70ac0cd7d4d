//! Less common functions as Taylor primitives, declared with [`#[primitive]`](crate::primitive)
//! like a user's own: `erfc` from its derivative, Lambert W from a hand-written rule.
//!
//! Call them from `#[jet]` code with `use jet::special::*` (which brings the companions
//! `erfc_jet`, `lambert_w_jet` along), or on jets directly:
//!
//! ```
//! use jet::special::{erfc, erfc_jet, lambert_w_jet};
//! use jet::{jet, Jet};
//!
//! #[jet(order = 2)]
//! fn tail(x: f64) -> f64 {
//!     erfc(x) * x
//! }
//! let y = tail_jet(Jet::variable(4.0));
//! assert!((y.value() - 4.0 * 1.541725790028002e-8).abs() < 1e-21);
//!
//! let w = lambert_w_jet(Jet::<f64, 3>::variable(1.0));
//! assert!((w.value() * w.value().exp() - 1.0).abs() < 1e-15);
//! ```
//!
//! Why these two, and these forms:
//! - `erfc` = 1 − erf loses the relative precision of its value for large `x` (at 5 only
//!   4 digits survive); an accurate value needs a primitive, and its rule follows from
//!   erfc' = −2/√π e^{−x²} in one line, one pass of `exp` and one chain pass: the
//!   derivative form is simpler than a hand-written recurrence and as fast (the built-in
//!   `erf` is compared with the same construction in `benches/custom.rs`).
//! - Lambert W's derivative needs W itself (W' = W / (x (1 + W))), which the derivative
//!   form pays with K evaluations; from `x = W e^W` a hand-written rule with the
//!   auxiliary `E = e^W` takes one pass, and has no 0/0 at `x = 0`.

use crate::primitive;
use crate::rules::exp_neg_square;
use num_traits::Float;

/// `T` from an `f64` constant (exact for `f32` and `f64` representable constants).
#[inline(always)]
fn constant<T: Float>(c: f64) -> T {
    T::from(c).unwrap_or_else(T::nan)
}

/// The complementary error function `erfc x = 1 − erf x = 2/√π ∫ₓ^∞ e^{−s²} ds`, with
/// full relative precision where it is small (a few ulps; `erfc 5 = 1.5375e-12`).
///
/// The value: `1 − erf x` for `x < 1` (erfc ≥ 0.157 there, so nothing cancels), the
/// continued fraction `e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))` for
/// `x ≥ 1`, `2 − erfc(−x)` below `−1`. Its Taylor rule: from `erfc' = −2/√π e^{−x²}`
/// (`#[primitive(derivative = ...)]`), so `erfc_jet` works at any order, on every jet
/// kind.
///
/// ```
/// use jet::special::{erfc, erfc_jet};
/// use jet::Jet;
///
/// assert!((erfc(5.0f64) / 1.5374597944280349e-12 - 1.0).abs() < 1e-14);
/// let y = erfc_jet(Jet::<f64, 3>::variable(0.5));
/// // erfc'(x) = -2/√π e^{-x²}, erfc''(x) = 4x/√π e^{-x²}
/// let g = (-0.25f64).exp() / std::f64::consts::PI.sqrt();
/// assert!((y.derivative(1) + 2.0 * g).abs() < 1e-15);
/// assert!((y.derivative(2) - 2.0 * g).abs() < 1e-15);
/// ```
#[primitive(crate = "crate", derivative = |x| -((-x * x).exp() * constant::<T>(core::f64::consts::FRAC_2_SQRT_PI)))]
pub fn erfc<T: Float>(x: T) -> T {
    if x.is_nan() {
        return x;
    }
    let one = T::one();
    if x < -one {
        return one + one - erfc(-x);
    }
    if x < one {
        return one - crate::rules::erf_value(x);
    }
    // erfc x < 1e-300 beyond 26.6: 0 (as the primal limit), avoiding 0 · inf below.
    if x > constant(27.0) {
        return T::zero();
    }
    let half = constant::<T>(0.5);
    let terms = if x < constant(1.5) {
        200
    } else if x < constant(3.0) {
        80
    } else {
        40
    };
    let mut t = x;
    for n in (1..=terms).rev() {
        t = x + half * constant(n as f64) / t;
    }
    exp_neg_square(x) / (constant::<T>(core::f64::consts::PI).sqrt() * t)
}

/// The principal branch of the Lambert W function, `W e^W = x` with `W ≥ −1`, for
/// `x ≥ −1/e`; NaN below (and for NaN), `inf` at `inf`.
///
/// The value: Halley's iteration from a branch-point series near `−1/e`, `ln(1 + x)`
/// for moderate and `ln x − ln ln x` for large `x`. Its Taylor rule is hand-written (see
/// [`lambert_w_rule`]), one pass with the auxiliary `e^W`.
///
/// ```
/// use jet::special::{lambert_w, lambert_w_jet};
/// use jet::Jet;
///
/// let w = lambert_w(1.0f64);
/// assert!((w - 0.5671432904097838).abs() < 1e-16);
/// // W'(x) = W / (x (1 + W)); at 0 the series is x - x² + 3/2 x³ - ...
/// let y = lambert_w_jet(Jet::<f64, 4>::variable(0.0));
/// assert_eq!(y.coefficients(), [0.0, 1.0, -1.0, 1.5]);
/// ```
#[primitive(crate = "crate", pair_rule = lambert_w_rule)]
pub fn lambert_w<T: Float>(x: T) -> T {
    let one = T::one();
    let e = constant::<T>(core::f64::consts::E);
    let branch = -one / e;
    if x.is_nan() || x < branch {
        return T::nan();
    }
    if x == T::zero() || x.is_infinite() {
        return x;
    }
    if x == branch {
        return -one;
    }
    let mut w = if x < constant(-0.25) {
        // Near the branch point: W = -1 + p - p²/3 + 11/72 p³, p = √(2(e x + 1)).
        let p = (constant::<T>(2.0) * (e * x + one)).sqrt();
        -one + p - p * p / constant(3.0) + constant::<T>(11.0 / 72.0) * p * p * p
    } else if x < constant(3.0) {
        x.ln_1p()
    } else {
        let l = x.ln();
        l - l.ln()
    };
    let two = constant::<T>(2.0);
    for _ in 0..32 {
        let ew = w.exp();
        let f = w * ew - x;
        let wp1 = w + one;
        let denom = ew * wp1 - (w + two) * f / (two * wp1);
        if denom == T::zero() || !denom.is_finite() {
            break;
        }
        let step = f / denom;
        w = w - step;
        if step.abs() <= T::epsilon() * w.abs() {
            break;
        }
    }
    w
}

/// The incremental Taylor rule of `c = W(a)` with the auxiliary `d = e^W`, used by
/// [`lambert_w`]: from `a = W e^W`, `a' = W' e^W (1 + W) = W' (e^W + a)`, so with
/// `D = d + a` (known below `k`),
/// c_k = (a_k − (1/k) Σ_{j=1..k-1} j c_j D_{k-j}) / D_0, and
/// d_k = (1/k) Σ_{j=1..k} j c_j d_{k-j} (the exp rule of `c`, with the new `c_k`).
///
/// Returns `(c_k, d_k)`; `D_0 = 0` at the branch point `a_0 = −1/e` gives infinities.
///
/// ```
/// use jet::special::lambert_w_rule;
///
/// // W along a(t) = t: W(t) = t - t² + 3/2 t³ - 8/3 t⁴ + ...
/// let a = [0.0f64, 1.0, 0.0, 0.0, 0.0];
/// let (mut c, mut d) = ([0.0; 5], [0.0; 5]);
/// for k in 0..5 {
///     (c[k], d[k]) = lambert_w_rule(&a, &c, &d, k);
/// }
/// assert_eq!(c[..4], [0.0, 1.0, -1.0, 1.5]);
/// assert!((c[4] + 8.0 / 3.0).abs() < 1e-15);
/// ```
#[inline]
pub fn lambert_w_rule<T: Float>(a: &[T], c: &[T], d: &[T], k: usize) -> (T, T) {
    if k == 0 {
        let w = lambert_w(a[0]);
        return (w, w.exp());
    }
    let kk = crate::rules::scalar::<T>(k);
    let mut s = T::zero();
    for j in 1..k {
        s = s + crate::rules::scalar::<T>(j) * c[j] * (d[k - j] + a[k - j]);
    }
    let ck = (a[k] - s / kk) / (d[0] + a[0]);
    let mut e = kk * ck * d[0];
    for j in 1..k {
        e = e + crate::rules::scalar::<T>(j) * c[j] * d[k - j];
    }
    (ck, e / kk)
}

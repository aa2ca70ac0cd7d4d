//! Taylor rules of user-defined primitives, built from their first derivative.
//!
//! `#[jet::primitive]` declares a function the runtime has no rule for (Lambert W, a
//! special function from another crate, a fitted potential) from its derivative; the
//! companion it emits calls the drivers here. They work for every jet kind, because they
//! only combine [`Taylor`] operations.
//!
//! # The construction (differentiate, multiply, integrate)
//!
//! For `c(t) = f(x(t))`, the chain rule `c' = f'(x)·x'` gives, with `d` the jet of
//! `f'(x)` and normalized coefficients,
//!
//! ```text
//! c_0 = f(x_0),    c_k = (1/k) Σ_{j=1..k} j·x_j·d_{k-j}    (k ≥ 1)
//! ```
//!
//! ([`chain`]; TaylorDiff.jl builds its less common rules the same way). `c_k` reads `d`
//! only below `k`, so:
//!
//! - if `f'` depends on `x` alone, `d` is one jet evaluation of `f'` (`O(K²)` per
//!   operation of `f'`) and `c` one more `O(K²)` pass: [`from_derivative`];
//! - if `f'` also depends on the result (`W' = W / (x (1 + W))`, `σ' = σ (1 − σ)`), `d`
//!   needs `c` below `k`. Each evaluation of `f'` on a `c` that is exact up to
//!   coefficient `m` gives a `c` exact up to `m + 1` (a Picard step), so `K` steps from
//!   the constant `f(x_0)` give every coefficient: [`from_derivative_of_output`], `K`
//!   times the cost of the first form (`O(K³)` per operation of `f'`). The iteration ends
//!   after exactly `K` steps, so it is as exact as the recurrence, not an approximation.
//!
//! For several arguments, `c' = Σ_i ∂_i f · x_i'` sums one such term per argument
//! ([`from_partials`], [`from_partials_of_output`]).
//!
//! ```
//! use jet_runtime::{custom, Jet, Taylor};
//!
//! // A user's `exp`, declared by exp' = exp (the derivative is the output itself).
//! fn my_exp<J: Taylor<f64>>(x: J) -> J {
//!     custom::from_derivative_of_output(x, x.value().exp(), |y| y)
//! }
//! let x = Jet::<f64, 6>::variable(0.3);
//! let (mine, builtin) = (my_exp(x), x.exp());
//! for k in 0..6 {
//!     assert!((mine.coefficient(k) - builtin.coefficient(k)).abs() < 1e-15);
//! }
//! ```

use crate::rules::{derivative_convolution, inverse};
use crate::Taylor;
use core::cell::Cell;
use num_traits::Float;

/// The step of `c' = d·a'` in incremental form: `c_0 = value`, and for `k ≥ 1`
/// c_k = (1/k) Σ_{j=1..k} j·a_j·d_{k-j}.
///
/// Reads `a[..=k]` and `d[..k]`, so it also runs one coefficient at a time (the ODE
/// mode's order of evaluation).
///
/// ```
/// use jet_runtime::custom::chain;
///
/// // c = sin(a) for a(t) = t: c' = cos(a) a', with d = cos(t) = 1 - t²/2.
/// let a = [0.0, 1.0, 0.0, 0.0];
/// let d = [1.0, 0.0, -0.5, 0.0];
/// let c: Vec<f64> = (0..4).map(|k| chain(&a, &d, k, 0.0)).collect();
/// assert_eq!(c, [0.0, 1.0, 0.0, -1.0 / 6.0]);
/// ```
#[inline(always)]
pub fn chain<T: Float>(a: &[T], d: &[T], k: usize, value: T) -> T {
    if k == 0 {
        value
    } else {
        derivative_convolution(a, d, k) * inverse(k)
    }
}

/// The order `K` of a jet of any kind: the highest coefficient its rules compute.
///
/// Found by running an empty rule (`O(K)`), since [`Taylor`] does not name its order.
///
/// ```
/// use jet_runtime::{custom, CollapsedJet, Jet};
///
/// assert_eq!(custom::order(Jet::<f64, 5>::variable(1.0)), 4);
/// assert_eq!(custom::order(CollapsedJet::<f64, 3, 4>::constant(1.0)), 2);
/// ```
#[inline]
pub fn order<T: Float, J: Taylor<T>>(x: J) -> usize {
    let top = Cell::new(0usize);
    let _ = x.unary(|_, _, k| {
        top.set(top.get().max(k));
        T::zero()
    });
    top.get()
}

/// `c = f(x)` from `value = f(x_0)` and `derivative`, the jet of `f'(x)`:
/// c_k = (1/k) Σ_{j=1..k} j·x_j·d_{k-j} ([`chain`]), one `O(K²)` pass.
///
/// ```
/// use jet_runtime::{custom, Jet, Taylor};
///
/// // atan from atan' = 1 / (1 + x²).
/// let x = Jet::<f64, 5>::variable(0.5);
/// let d = x.square().add_scalar(1.0).recip();
/// let c = custom::from_derivative(x, 0.5f64.atan(), d);
/// for k in 0..5 {
///     assert!((c.coefficient(k) - x.atan().coefficient(k)).abs() < 1e-15);
/// }
/// ```
#[inline(always)]
pub fn from_derivative<T: Float, J: Taylor<T>>(x: J, value: T, derivative: J) -> J {
    x.binary(derivative, move |a, d, _, k| chain(a, d, k, value))
}

/// `c = f(x_1, ..., x_M)` from `value = f` at the inputs' values and `partials[i]`, the
/// jet of `∂f/∂x_i`: c_k = (1/k) Σ_i Σ_{j=1..k} j·x_{i,j}·∂_i f_{k-j}, one `O(K²)` pass per
/// argument.
///
/// ```
/// use jet_runtime::{custom, Jet, Taylor};
///
/// // f(x, y) = x·y from ∂f/∂x = y, ∂f/∂y = x, along x = 2 + t, y = 3 - t.
/// let x = Jet::<f64, 3>::from_coefficients([2.0, 1.0, 0.0]);
/// let y = Jet::<f64, 3>::from_coefficients([3.0, -1.0, 0.0]);
/// let c = custom::from_partials([x, y], 6.0, [y, x]);
/// assert_eq!(c.coefficients(), (x * y).coefficients());
/// ```
#[inline(always)]
pub fn from_partials<T: Float, J: Taylor<T>, const M: usize>(
    inputs: [J; M],
    value: T,
    partials: [J; M],
) -> J {
    let mut c: Option<J> = None;
    for (x, d) in inputs.into_iter().zip(partials) {
        // The value enters once; the other terms start at 0.
        let v = if c.is_none() { value } else { T::zero() };
        let term = from_derivative(x, v, d);
        c = Some(match c {
            None => term,
            Some(c) => c.add(term),
        });
    }
    c.unwrap_or_else(|| J::constant(value))
}

/// `c = f(x)` when `f'` is given in terms of `x` and the result `y = f(x)`:
/// `derivative(c)` returns the jet of `f'(x)` computed from a jet `c` of `y` (capture
/// `x` in the closure). Runs `K` Picard steps `c ← from_derivative(x, value, f'(x, c))`
/// from `c = value`; step `m` makes coefficient `m` exact, so the result is exactly the
/// recurrence's, at `K` times the cost of [`from_derivative`].
///
/// ```
/// use jet_runtime::{custom, Jet, Taylor};
///
/// // tan from tan' = 1 + tan².
/// let x = Jet::<f64, 7>::variable(0.4);
/// let c = custom::from_derivative_of_output(x, 0.4f64.tan(), |y| y.square().add_scalar(1.0));
/// for k in 0..7 {
///     assert!((c.coefficient(k) - x.tan().coefficient(k)).abs() < 1e-14);
/// }
/// ```
#[inline(always)]
pub fn from_derivative_of_output<T: Float, J: Taylor<T>>(
    x: J,
    value: T,
    derivative: impl Fn(J) -> J,
) -> J {
    let mut c = J::constant(value);
    for _ in 0..order(x) {
        c = from_derivative(x, value, derivative(c));
    }
    c
}

/// [`from_partials`] when the partial derivatives are given in terms of the inputs and
/// the result: `partials(c)` returns the jets of `∂f/∂x_i` computed from a jet `c` of the
/// result. `K` Picard steps, exact like [`from_derivative_of_output`].
///
/// ```
/// use jet_runtime::{custom, Jet, Taylor};
///
/// // f(x, y) = e^{x + y} from ∂f/∂x = ∂f/∂y = f.
/// let x = Jet::<f64, 5>::variable(0.1);
/// let y = Jet::<f64, 5>::from_coefficients([0.2, 2.0, 0.0, 0.0, 0.0]);
/// let c = custom::from_partials_of_output([x, y], 0.3f64.exp(), |f| [f, f]);
/// let want = (x + y).exp();
/// for k in 0..5 {
///     assert!((c.coefficient(k) - want.coefficient(k)).abs() < 1e-14);
/// }
/// ```
#[inline(always)]
pub fn from_partials_of_output<T: Float, J: Taylor<T>, const M: usize>(
    inputs: [J; M],
    value: T,
    partials: impl Fn(J) -> [J; M],
) -> J {
    let mut c = J::constant(value);
    let steps = inputs.first().map_or(0, |x| order(*x));
    for _ in 0..steps {
        c = from_partials(inputs, value, partials(c));
    }
    c
}

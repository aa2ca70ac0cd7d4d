//! First- and second-order operators from directional jets: directional derivatives of
//! any order, the gradient, Hessian-vector products, the Hessian diagonal and the full
//! Hessian by polarization.

use super::{real, seed_multi, unit};
use crate::{Float, Jet, MultiJet};

/// The jet of `t ↦ f(x + t v)`: coefficient `k` is `(1/k!) D^k_v f(x)`, so
/// `.derivative(k)` is the `k`-th directional derivative along `v`, for every `k ≤ N - 1`
/// in one evaluation. The order is that of the jet type `f` is instantiated with.
///
/// ```
/// use jet::{ops, Jet, Taylor};
///
/// // f(x, y) = exp(x) y along v = (1, 2): f(x + t, y + 2t) at (0, 1).
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].exp().mul(x[1])
/// }
/// let y = ops::directional(f::<Jet<f64, 4>>, &[0.0, 1.0], &[1.0, 2.0]);
/// // (1 + 2t) e^t: derivatives 1, 3, 5, 7 at t = 0.
/// assert_eq!(y.derivatives(), [1.0, 3.0, 5.0, 7.0]);
/// ```
pub fn directional<T, const D: usize, const N: usize, F>(f: F, x: &[T; D], v: &[T; D]) -> Jet<T, N>
where
    T: Float,
    F: Fn(&[Jet<T, N>]) -> Jet<T, N>,
{
    let xs: [Jet<T, N>; D] = core::array::from_fn(|i| Jet::along(x[i], v[i]));
    f(&xs)
}

/// The gradient `∇f(x)`, from `D` first-order jets along the unit vectors in one pass
/// (forward mode: the value is computed once).
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].mul(x[1]).add(x[1].sin())
/// }
/// let g = ops::gradient(f, &[2.0, 0.0]);
/// assert_eq!(g, [0.0, 3.0]); // (y, x + cos y)
/// ```
pub fn gradient<T, const D: usize, F>(f: F, x: &[T; D]) -> [T; D]
where
    T: Float,
    F: Fn(&[MultiJet<T, 2, D>]) -> MultiJet<T, 2, D>,
{
    let y = f(&seed_multi::<T, 2, D, D>(x, unit));
    core::array::from_fn(|i| y.coefficient(i, 1))
}

/// The Hessian diagonal `[∂²f/∂x_1², ..., ∂²f/∂x_D²]`: `D` second-order jets along the
/// unit vectors sharing the value, `H_ii = 2 c_2^(i)`.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].powi(3).mul(x[1].square())
/// }
/// assert_eq!(ops::hessian_diagonal(f, &[1.0, 2.0]), [24.0, 2.0]); // (6x y², 2x³)
/// ```
pub fn hessian_diagonal<T, const D: usize, F>(f: F, x: &[T; D]) -> [T; D]
where
    T: Float,
    F: Fn(&[MultiJet<T, 3, D>]) -> MultiJet<T, 3, D>,
{
    let y = f(&seed_multi::<T, 3, D, D>(x, unit));
    core::array::from_fn(|i| y.derivative(i, 2))
}

/// The quadratic form `vᵀ ∇²f(x) v`: one second-order jet along `v` (`2 c_2`).
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].mul(x[1])
/// }
/// // H = [[0, 1], [1, 0]]: vᵀHv = 2 v0 v1.
/// assert_eq!(ops::vector_hessian_vector_product(f, &[0.3, 0.4], &[2.0, 3.0]), 12.0);
/// ```
pub fn vector_hessian_vector_product<T, const D: usize, F>(f: F, x: &[T; D], v: &[T; D]) -> T
where
    T: Float,
    F: Fn(&[Jet<T, 3>]) -> Jet<T, 3>,
{
    directional(f, x, v).derivative(2)
}

/// The Hessian-vector product `∇²f(x) v`, by polarization of second directional
/// derivatives: `(Hv)_i = (D²_{v + s e_i} f − D²_{v − s e_i} f) / (4s)`, exact since
/// `(v ± s e_i)ᵀ H (v ± s e_i) = vᵀHv ± 2s (Hv)_i + s² H_ii`. Two passes of `D`
/// directions; the scale `s` is the power of two nearest `max_i |v_i|`, so both terms
/// have the size of `vᵀHv` and `s` divides exactly.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].square().mul(x[1]) // H = [[2y, 2x], [2x, 0]]
/// }
/// let hv = ops::hessian_vector_product(f, &[1.0, 3.0], &[1.0, -1.0]);
/// assert_eq!(hv, [4.0, 2.0]);
/// ```
pub fn hessian_vector_product<T, const D: usize, F>(f: F, x: &[T; D], v: &[T; D]) -> [T; D]
where
    T: Float,
    F: Fn(&[MultiJet<T, 3, D>]) -> MultiJet<T, 3, D>,
{
    let vmax = v.iter().fold(T::zero(), |m, &vi| m.max(vi.abs()));
    let s = if vmax > T::zero() && vmax.is_finite() {
        // 2^round(log2 vmax): exact scaling and division.
        let two = T::one() + T::one();
        two.powi(vmax.log2().round().to_i32().unwrap_or(0))
    } else {
        T::one()
    };
    let plus = f(&seed_multi::<T, 3, D, D>(x, |i, r| {
        v[i] + s * unit::<T>(i, r)
    }));
    let minus = f(&seed_multi::<T, 3, D, D>(x, |i, r| {
        v[i] - s * unit::<T>(i, r)
    }));
    // D² = 2 c_2, so (D²₊ − D²₋) / (4s) = (c₂₊ − c₂₋) / (2s).
    core::array::from_fn(|i| (plus.coefficient(i, 2) - minus.coefficient(i, 2)) / (s + s))
}

/// The full Hessian `∇²f(x)` (symmetric) by polarization, for small `D`:
/// `H_ij = (D²_{e_i + e_j} f − H_ii − H_jj) / 2`. One pass along the unit vectors gives
/// the diagonal; pass `i` along `e_i + e_j` (all `j`) gives row `i` above it: `D` passes
/// of `D` directions.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].square().mul(x[1]).add(x[1].mul(x[2]))
/// }
/// let h = ops::hessian(f, &[1.0, 2.0, 3.0]);
/// assert_eq!(h, [[4.0, 2.0, 0.0], [2.0, 0.0, 1.0], [0.0, 1.0, 0.0]]);
/// ```
pub fn hessian<T, const D: usize, F>(f: F, x: &[T; D]) -> [[T; D]; D]
where
    T: Float,
    F: Fn(&[MultiJet<T, 3, D>]) -> MultiJet<T, 3, D>,
{
    let diag = hessian_diagonal(&f, x);
    let mut h = [[T::zero(); D]; D];
    for i in 0..D {
        h[i][i] = diag[i];
    }
    let half = T::one() / real::<T>(2);
    for i in 0..D.saturating_sub(1) {
        let y = f(&seed_multi::<T, 3, D, D>(x, |k, r| {
            unit::<T>(k, i) + unit::<T>(k, r)
        }));
        for j in i + 1..D {
            let hij = (y.derivative(j, 2) - diag[i] - diag[j]) * half;
            h[i][j] = hij;
            h[j][i] = hij;
        }
    }
    h
}

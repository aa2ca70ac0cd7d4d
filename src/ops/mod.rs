//! Differential operators built from jets: directional derivatives, gradients,
//! Hessian products, Laplacians (standard, collapsed, weighted, randomized),
//! bi-Laplacians (exact and randomized), mixed partials of any order, and batch versions
//! on all cores.
//!
//! Every operator takes the function as a closure or function item over a jet kind,
//! `f: Fn(&[J]) -> J`. Write the function once, generically over [`Taylor`](crate::Taylor)
//! (this is the companion `#[jet]` emits when no order is given), and pass it to any
//! operator: each operator picks the jet kind it needs ([`Jet`](crate::Jet),
//! [`MultiJet`], [`CollapsedJet`]) and type
//! inference instantiates the function for it.
//!
//! ```
//! use jet::{ops, Jet, Taylor};
//!
//! // f(x, y, z) = x² y + sin z, written once for every jet kind.
//! fn f<J: Taylor<f64>>(x: &[J]) -> J {
//!     x[0].square().mul(x[1]).add(x[2].sin())
//! }
//! let x = [1.0, 2.0, 0.5];
//! let exact = 2.0 * 2.0 - 0.5f64.sin(); // Δf = 2y - sin z
//! assert!((ops::laplacian(f, &x) - exact).abs() < 1e-15);          // collapsed
//! assert!((ops::laplacian_standard(f, &x) - exact).abs() < 1e-15); // D 2-jets, one pass
//! assert_eq!(ops::gradient(f, &x)[0], 4.0);                        // 2xy
//! let h = ops::hessian(f, &x);
//! assert_eq!(h[0][1], 2.0);                                         // ∂²f/∂x∂y = 2x
//! // ∂³f/∂x²∂y = 2 from 3rd-order jets (the order is picked by the jet type):
//! assert_eq!(ops::mixed_partial(f::<Jet<f64, 4>>, &x, &[2, 1, 0]), 2.0);
//! ```
//!
//! | operator | jet kind passed to `f` | cost (evaluations of `f` on that kind) |
//! |---|---|---|
//! | [`directional`] | `Jet<T, N>` | 1 |
//! | [`gradient`] | `MultiJet<T, 2, D>` | 1 |
//! | [`hessian_diagonal`], [`laplacian_standard`] | `MultiJet<T, 3, D>` | 1 |
//! | [`laplacian`], [`laplacian_parts`] | `CollapsedJet<T, 3, D>` | 1 |
//! | [`weighted_laplacian`] (`C = S Sᵀ`, `S` is `D × R`) | `CollapsedJet<T, 3, R>` | 1 |
//! | [`laplacian_stochastic`] (`S` samples) | `CollapsedJet<T, 3, S>` | 1 |
//! | [`hessian_vector_product`] | `MultiJet<T, 3, D>` | 2 |
//! | [`vector_hessian_vector_product`] | `Jet<T, 3>` | 1 |
//! | [`hessian`] | `MultiJet<T, 3, D>` | `D` |
//! | [`bilaplacian`] / [`bilaplacian_standard`] | `CollapsedJet<T, 5, D>` / `MultiJet<T, 5, D>` | `1 + 2⌊D/2⌋` |
//! | [`bilaplacian_stochastic`] (`S` samples) | `CollapsedJet<T, 5, S>` | 1 (normal), `1 + ⌈D/S⌉` (Rademacher) |
//! | [`mixed_partial`] (`∂^α`, `|α| = d` over `P` variables) | `Jet<T, N>`, `N > d` | at most `C(d+P-1, P-1)` |
//!
//! The batch functions ([`batch`], [`laplacian_batch`], ...) map an operator over many
//! points, on all cores with rayon when the `parallel` feature (default) is on, and give
//! exactly the serial loop's results.

mod batch;
mod bilaplacian;
mod directional;
mod laplacian;
mod mixed;
mod rng;

pub use batch::{
    batch, batch_flat, batch_serial, bilaplacian_batch, laplacian_batch, laplacian_standard_batch,
};
pub use bilaplacian::{bilaplacian, bilaplacian_standard, bilaplacian_stochastic};
pub use directional::{
    directional, gradient, hessian, hessian_diagonal, hessian_vector_product,
    vector_hessian_vector_product,
};
pub use laplacian::{
    laplacian, laplacian_parts, laplacian_standard, laplacian_stochastic, weighted_laplacian,
    weighted_laplacian_standard, LaplacianParts,
};
pub use mixed::{mixed_partial, mixed_partial_stencil};
pub use rng::{Direction, Rng};

use crate::{Coefficients, CollapsedJet, CollapsedRows, Float, MultiJet, MultiRows};

/// The inputs `x_i + t Σ_r dir(i, r) e_r`: input `i` seeded with component `i` of every
/// direction `r`.
#[inline]
pub(crate) fn seed_multi<T: Float, const N: usize, const D: usize, const R: usize>(
    x: &[T; D],
    dir: impl Fn(usize, usize) -> T,
) -> [MultiJet<T, N, R>; D]
where
    Coefficients<N>: MultiRows<T, R>,
{
    core::array::from_fn(|i| MultiJet::along(x[i], core::array::from_fn(|r| dir(i, r))))
}

/// [`seed_multi`] for the collapsed kind.
#[inline]
pub(crate) fn seed_collapsed<T: Float, const N: usize, const D: usize, const R: usize>(
    x: &[T; D],
    dir: impl Fn(usize, usize) -> T,
) -> [CollapsedJet<T, N, R>; D]
where
    Coefficients<N>: CollapsedRows<T, R>,
{
    core::array::from_fn(|i| CollapsedJet::along(x[i], core::array::from_fn(|r| dir(i, r))))
}

/// `Σ_s D^K_{v_s} f(x)` (`K = N − 1`) for `S` random directions `v_s` drawn from `rng`:
/// one pass of a collapsed jet, the common step of the randomized operators.
#[inline]
pub(crate) fn random_directions_sum<T, const N: usize, const D: usize, const S: usize, F>(
    f: F,
    x: &[T; D],
    kind: Direction,
    rng: &mut Rng,
) -> T
where
    T: Float,
    F: Fn(&[CollapsedJet<T, N, S>]) -> CollapsedJet<T, N, S>,
    Coefficients<N>: CollapsedRows<T, S>,
{
    let v: [[T; D]; S] = core::array::from_fn(|_| rng.direction(kind));
    f(&seed_collapsed::<T, N, D, S>(x, |i, s| v[s][i])).summed_derivative()
}

/// `1` if `i == r` else `0`: the unit directions.
#[inline(always)]
pub(crate) fn unit<T: Float>(i: usize, r: usize) -> T {
    if i == r {
        T::one()
    } else {
        T::zero()
    }
}

/// `k` as a `T`.
#[inline(always)]
pub(crate) fn real<T: Float>(k: usize) -> T {
    T::from(k).unwrap_or_else(T::nan)
}

//! The bi-Laplacian `Δ²f = Σ_ij ∂⁴f/∂x_i²∂x_j²` from fourth-order jets along `e_i` and
//! `e_i ± e_j`, with exact interpolation coefficients.
//!
//! # The interpolation formula
//!
//! Write `D⁴_u f` for the fourth derivative of `t ↦ f(x + t u)` (`24 c_4`). For `i ≠ j`,
//! expanding `∇⁴f[u, u, u, u]` for `u = e_i ± e_j`:
//!
//! ```text
//! D⁴_{e_i ± e_j} = ∂_i⁴ ± 4 ∂_i³∂_j + 6 ∂_i²∂_j² ± 4 ∂_i∂_j³ + ∂_j⁴
//! ⇒ ∂_i²∂_j² = (D⁴_{e_i+e_j} + D⁴_{e_i−e_j} − 2 D⁴_{e_i} − 2 D⁴_{e_j}) / 12,
//! ```
//!
//! the odd terms cancelling. Summing `Δ² = Σ_i ∂_i⁴ + 2 Σ_{i<j} ∂_i²∂_j²` gives
//!
//! ```text
//! Δ²f = (4 − D)/3 · Σ_i D⁴_{e_i} + 1/6 · Σ_{i<j} (D⁴_{e_i+e_j} + D⁴_{e_i−e_j}),
//! ```
//!
//! exact for every `f` (a polarization identity of the symmetric 4-tensor, in the family
//! of Griewank, Utke & Walther, "Evaluating higher derivative tensors by forward
//! propagation of univariate Taylor series", Math. Comp. 69 (2000) 1117–1130; their
//! formula uses only nonnegative integer directions, `e_i`, `3e_i+e_j`-type and
//! `2e_i+2e_j`-type, i.e. `D + D(D−1) + D(D−1)/2` four-jets as torch-jet's bi-Laplacian;
//! allowing `e_i − e_j` needs `D + D(D−1) = D²`). With `D = 1` it reduces to `∂⁴`.
//!
//! The pairs are visited in passes of exactly `D` directions (the jets have a constant
//! number of directions): pass `(m, ±)` for `m = 1..=⌊D/2⌋` takes `e_r ± e_{(r+m) mod D}`
//! for every `r`, which lists each pair at cyclic distance `m` once, or twice when
//! `2m = D` (that pass is weighted 1/2). With `S` the summed top coefficient of a pass
//! (`Σ_r c_4^(r)`, `D⁴ = 24 c_4`):
//!
//! ```text
//! Δ²f = 8 (4 − D) S_unit + 4 Σ_{m, ±} w_m S_{m,±},   w_m = 1/2 if 2m = D else 1.
//! ```
//!
//! `1 + 2⌊D/2⌋` passes: `D²` directions for odd `D`, `D² + D` for even `D`.

use super::{random_directions_sum, real, seed_collapsed, seed_multi, unit, Direction, Rng};
use crate::{CollapsedJet, Float, MultiJet};

/// The interpolation of the module docs, given `pass(dir) = Σ_r c_4^(r)` for the `D`
/// directions `dir(i, r)` (component `i` of direction `r`).
#[inline]
fn from_passes<T: Float, const D: usize>(pass: impl Fn(&dyn Fn(usize, usize) -> T) -> T) -> T {
    let s_unit = pass(&unit::<T>);
    let mut q = T::zero();
    for m in 1..=D / 2 {
        let w = if 2 * m == D {
            T::one() / real::<T>(2)
        } else {
            T::one()
        };
        for sign in [T::one(), -T::one()] {
            let s = pass(&|i, r| unit::<T>(i, r) + sign * unit::<T>(i, (r + m) % D));
            q = q + w * s;
        }
    }
    real::<T>(8) * (real::<T>(4) - real::<T>(D)) * s_unit + real::<T>(4) * q
}

/// The bi-Laplacian `Δ²f(x) = Σ_ij ∂⁴f/∂x_i²∂x_j²`, collapsed: each pass of `D`
/// fourth-order directions is one [`CollapsedJet<T, 5, D>`](crate::CollapsedJet) keeping
/// only the summed fourth coefficient. See the module docs for the exact interpolation.
///
/// ```
/// use jet::{ops, Taylor};
///
/// // Δ²(x⁴ + x² y² + y z³) = 24 + 8 = 32 in 3-D.
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].powi(4).add(x[0].square().mul(x[1].square())).add(x[1].mul(x[2].powi(3)))
/// }
/// assert!((ops::bilaplacian(f, &[0.3, -1.1, 0.7]) - 32.0).abs() < 1e-12);
/// ```
pub fn bilaplacian<T, const D: usize, F>(f: F, x: &[T; D]) -> T
where
    T: Float,
    F: Fn(&[CollapsedJet<T, 5, D>]) -> CollapsedJet<T, 5, D>,
{
    from_passes::<T, D>(|dir| f(&seed_collapsed::<T, 5, D, D>(x, dir)).summed_coefficient())
}

/// The bi-Laplacian the standard way: the same directions as [`bilaplacian`], each pass
/// a [`MultiJet<T, 5, D>`](crate::MultiJet) with every fourth coefficient kept.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].square().mul(x[1].square()) // Δ² = 8
/// }
/// assert!((ops::bilaplacian_standard(f, &[0.5, 2.0]) - 8.0).abs() < 1e-13);
/// ```
pub fn bilaplacian_standard<T, const D: usize, F>(f: F, x: &[T; D]) -> T
where
    T: Float,
    F: Fn(&[MultiJet<T, 5, D>]) -> MultiJet<T, 5, D>,
{
    from_passes::<T, D>(|dir| f(&seed_multi::<T, 5, D, D>(x, dir)).summed_coefficient(4))
}

/// A randomized estimate of the bi-Laplacian from `S` random directions `v_s` (normal or
/// Rademacher entries, drawn from `rng`), collapsed: one pass of a
/// [`CollapsedJet<T, 5, S>`](crate::CollapsedJet) gives `Σ_s D⁴_{v_s} f` (`D⁴_v f` the
/// fourth derivative of `t ↦ f(x + t v)`). Unbiased for both kinds:
///
/// - normal: Isserlis' theorem, `E[v_i v_j v_k v_l] = δ_ij δ_kl + δ_ik δ_jl + δ_il δ_jk`,
///   gives `E[D⁴_v f] = 3 Δ²f`; the estimate is `(1/3S) Σ_s D⁴_{v_s} f`, the randomized
///   bi-Laplacian of Dangel et al. (2025);
/// - Rademacher: `v_i⁴ = 1` removes two of the three pairings of `i = j = k = l`, so
///   `E[D⁴_v f] = 3 Δ²f − 2 Σ_i ∂_i⁴ f`; the estimate adds the exact axis terms,
///   `(1/3) ((1/S) Σ_s D⁴_{v_s} f + 2 Σ_i ∂_i⁴ f)`, from `⌈D/S⌉` more passes along the
///   unit vectors. It is exact when `f` is a sum of functions of one variable each.
///
/// ```
/// use jet::{ops, Taylor};
/// use jet::ops::{Direction, Rng};
///
/// // A sum of one-variable functions: Rademacher directions are exact.
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].sin().add(x[1].powi(4)).add(x[2].exp())
/// }
/// let x = [0.5, 0.3, -1.0];
/// let mut rng = Rng::seed_from_u64(7);
/// let est = ops::bilaplacian_stochastic::<_, 3, 2, _>(f, &x, Direction::Rademacher, &mut rng);
/// let exact = 0.5f64.sin() + 24.0 + (-1.0f64).exp(); // Σ_i ∂_i⁴ f
/// assert!((est - exact).abs() < 1e-12);
/// ```
pub fn bilaplacian_stochastic<T, const D: usize, const S: usize, F>(
    f: F,
    x: &[T; D],
    kind: Direction,
    rng: &mut Rng,
) -> T
where
    T: Float,
    F: Fn(&[CollapsedJet<T, 5, S>]) -> CollapsedJet<T, 5, S>,
{
    let mean = random_directions_sum::<T, 5, D, S, _>(&f, x, kind, rng) / real::<T>(S);
    match kind {
        Direction::Normal => mean / real::<T>(3),
        Direction::Rademacher => {
            let mut axes = T::zero();
            for start in (0..D).step_by(S) {
                let pass = f(&seed_collapsed::<T, 5, D, S>(x, |i, s| {
                    unit::<T>(i, start + s)
                }));
                axes = axes + pass.summed_derivative();
            }
            (mean + real::<T>(2) * axes) / real::<T>(3)
        }
    }
}

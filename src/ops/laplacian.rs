//! Laplacians: standard (multi-directional jets), collapsed (Dangel et al. 2025),
//! weighted by `C = S Sᵀ`, and the randomized Hutchinson-style estimator.

use super::rng::{Direction, Rng};
use super::{random_directions_sum, real, seed_collapsed, seed_multi, unit};
use crate::{CollapsedJet, Float, MultiJet};

/// The Laplacian `Δf(x) = Σ_i ∂²f/∂x_i²`, **collapsed** (Dangel, Siebert, Zeinhofer,
/// Walther, "Collapsing Taylor Mode Automatic Differentiation", 2025): one pass of a
/// [`CollapsedJet<T, 3, D>`](crate::CollapsedJet) along the unit vectors, which carries
/// the value once, the first coefficient per direction and the second coefficient only
/// summed. `Δf = 2 Σ_i c_2^(i)`. Cheaper than [`laplacian_standard`] because every
/// linear operation of `f` touches the summed coefficient once instead of `D` times.
///
/// ```
/// use jet::{ops, Taylor};
///
/// // f = exp(-|x|) in 3-D: Δf = (1 - 2/r) e^{-r}.
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].square().add(x[1].square()).add(x[2].square()).sqrt().neg().exp()
/// }
/// let x = [0.3, -0.4, 1.2];
/// let r = (0.09f64 + 0.16 + 1.44).sqrt();
/// assert!((ops::laplacian(f, &x) - (1.0 - 2.0 / r) * (-r).exp()).abs() < 1e-15);
/// ```
pub fn laplacian<T, const D: usize, F>(f: F, x: &[T; D]) -> T
where
    T: Float,
    F: Fn(&[CollapsedJet<T, 3, D>]) -> CollapsedJet<T, 3, D>,
{
    f(&seed_collapsed::<T, 3, D, D>(x, unit)).summed_derivative()
}

/// The Laplacian the **standard** Taylor-mode way: `D` second-order jets along the unit
/// vectors, pushed through `f` in one pass of a [`MultiJet<T, 3, D>`](crate::MultiJet)
/// that computes the shared value once. `Δf = 2 Σ_i c_2^(i)`.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].sin().mul(x[1].exp()) // Δ(sin x e^y) = 0
/// }
/// assert!(ops::laplacian_standard(f, &[0.7, 0.2]).abs() < 1e-15);
/// ```
pub fn laplacian_standard<T, const D: usize, F>(f: F, x: &[T; D]) -> T
where
    T: Float,
    F: Fn(&[MultiJet<T, 3, D>]) -> MultiJet<T, 3, D>,
{
    f(&seed_multi::<T, 3, D, D>(x, unit)).summed_derivative(2)
}

/// Value, gradient and Laplacian of `f` at one point, as PDE residuals need them.
///
/// ```
/// use jet::ops::LaplacianParts;
/// let p = LaplacianParts { value: 1.0, gradient: [0.0, 2.0], laplacian: -3.0 };
/// assert_eq!(p.gradient[1], 2.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaplacianParts<T, const D: usize> {
    /// `f(x)`.
    pub value: T,
    /// `∇f(x)`.
    pub gradient: [T; D],
    /// `Δf(x)`.
    pub laplacian: T,
}

/// `f(x)`, `∇f(x)` and `Δf(x)` from the one collapsed pass of [`laplacian`] (the first
/// coefficients per direction are the partial derivatives).
///
/// ```
/// use jet::{ops, Taylor};
///
/// // Poisson: u = x² + y², -Δu = -4.
/// fn u<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].square().add(x[1].square())
/// }
/// let p = ops::laplacian_parts(u, &[1.0, 2.0]);
/// assert_eq!((p.value, p.gradient, p.laplacian), (5.0, [2.0, 4.0], 4.0));
/// ```
pub fn laplacian_parts<T, const D: usize, F>(f: F, x: &[T; D]) -> LaplacianParts<T, D>
where
    T: Float,
    F: Fn(&[CollapsedJet<T, 3, D>]) -> CollapsedJet<T, 3, D>,
{
    let y = f(&seed_collapsed::<T, 3, D, D>(x, unit));
    LaplacianParts {
        value: y.value(),
        gradient: core::array::from_fn(|i| y.coefficient(i, 1)),
        laplacian: y.summed_derivative(),
    }
}

/// The weighted Laplacian `Σ_ij C_ij ∂²f/∂x_i∂x_j = tr(C ∇²f)` for `C = S Sᵀ`, given
/// `S` (`D × R`, row-major: `s[i][r] = S_ir`), collapsed: the directions are the `R`
/// columns of `S`, and `tr(S Sᵀ H) = Σ_r s_rᵀ H s_r = 2 Σ_r c_2^(r)`.
///
/// A low-rank `S` (`R < D`) costs `R` directions; a diagonal `C = diag(σ²)` is
/// `S = diag(σ)`.
///
/// ```
/// use jet::{ops, Taylor};
///
/// // Diffusion in x only, with coefficient 4 (S = [[2], [0]]): 4 ∂²f/∂x².
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].powi(3).add(x[1].square())
/// }
/// let s = [[2.0], [0.0]];
/// assert_eq!(ops::weighted_laplacian(f, &[1.5, 7.0], &s), 4.0 * 9.0);
/// ```
pub fn weighted_laplacian<T, const D: usize, const R: usize, F>(
    f: F,
    x: &[T; D],
    s: &[[T; R]; D],
) -> T
where
    T: Float,
    F: Fn(&[CollapsedJet<T, 3, R>]) -> CollapsedJet<T, 3, R>,
{
    f(&seed_collapsed::<T, 3, D, R>(x, |i, r| s[i][r])).summed_derivative()
}

/// [`weighted_laplacian`] the standard way (`R` second-order jets in one
/// [`MultiJet`](crate::MultiJet) pass).
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].mul(x[1])
/// }
/// // C = S Sᵀ = [[1, 1], [1, 1]]: Σ C_ij H_ij = 2 H_01 = 2.
/// assert_eq!(ops::weighted_laplacian_standard(f, &[0.1, 0.2], &[[1.0], [1.0]]), 2.0);
/// ```
pub fn weighted_laplacian_standard<T, const D: usize, const R: usize, F>(
    f: F,
    x: &[T; D],
    s: &[[T; R]; D],
) -> T
where
    T: Float,
    F: Fn(&[MultiJet<T, 3, R>]) -> MultiJet<T, 3, R>,
{
    f(&seed_multi::<T, 3, D, R>(x, |i, r| s[i][r])).summed_derivative(2)
}

/// A randomized (Hutchinson-style) estimate of the Laplacian from `S` random directions
/// `v_s` with `E[v vᵀ] = I` (normal or Rademacher entries, drawn from `rng`):
/// `(1/S) Σ_s v_sᵀ ∇²f v_s`, computed collapsed in one pass of a
/// [`CollapsedJet<T, 3, S>`](crate::CollapsedJet). Unbiased: `E[vᵀHv] = tr(H E[vvᵀ]) = Δf`.
/// The variance of one direction is `2 Σ_{i≠j} H_ij²` (Rademacher) or `2 Σ_ij H_ij²`
/// (normal), divided by `S` for the average.
///
/// ```
/// use jet::{ops, Taylor};
/// use jet::ops::{Direction, Rng};
///
/// // A separable function has a diagonal Hessian: Rademacher directions are exact.
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].sin().add(x[1].exp()).add(x[2].square())
/// }
/// let x = [0.5, 0.1, 2.0];
/// let mut rng = Rng::seed_from_u64(42);
/// let est = ops::laplacian_stochastic::<_, 3, 4, _>(f, &x, Direction::Rademacher, &mut rng);
/// let exact = -0.5f64.sin() + 0.1f64.exp() + 2.0;
/// assert!((est - exact).abs() < 1e-14);
/// ```
pub fn laplacian_stochastic<T, const D: usize, const S: usize, F>(
    f: F,
    x: &[T; D],
    kind: Direction,
    rng: &mut Rng,
) -> T
where
    T: Float,
    F: Fn(&[CollapsedJet<T, 3, S>]) -> CollapsedJet<T, 3, S>,
{
    random_directions_sum::<T, 3, D, S, F>(f, x, kind, rng) / real::<T>(S)
}

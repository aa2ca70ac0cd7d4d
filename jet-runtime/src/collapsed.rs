//! The collapsed jet `CollapsedJet<T, N, R>` (Dangel, Siebert, Zeinhofer, Walther,
//! "Collapsing Taylor Mode Automatic Differentiation", NeurIPS 2025, arXiv 2505.13644):
//! `R` directions sharing the value, coefficients `1..K-1` per direction and the top
//! coefficient `K` stored once, summed over the directions.
//!
//! # Why the summed top coefficient propagates exactly
//!
//! Let `c = φ(a)` be a smooth primitive and `a(t) = a0 + a1 t + ... + aK t^K`. By Faà di
//! Bruno's formula the top coefficient of `c(t)` is
//!
//! ```text
//! c_K = φ'(a0) · a_K + P_K(a0; a1, ..., a_{K-1})
//! ```
//!
//! with `P_K` a polynomial in the lower coefficients (`a_K` appears only in the term with
//! one factor). For two inputs, `c_K = ∂_aφ · a_K + ∂_bφ · b_K + P_K(a0, b0; lower)`. The
//! slopes `φ'(a0)`, `∂_aφ`, `∂_bφ` depend on coefficient 0 only, which every direction
//! shares, so summing over directions `r`:
//!
//! ```text
//! Σ_r c_K^(r) = φ'(a0) · Σ_r a_K^(r) + Σ_r P_K(a0; lower^(r)).
//! ```
//!
//! The right side needs the inputs' *summed* top and their per-direction lower
//! coefficients, which is what a collapsed jet stores; by induction over the evaluation
//! every intermediate's lower coefficients are those of standard Taylor arithmetic and
//! its summed top is the exact sum. No truncation is involved: the identity is exact.
//!
//! An incremental rule returns the exact coefficient for *any* value of `a_K` (its
//! inputs' top), so as a function of the top input it *is* the affine map above. Hence
//! the driver for a general rule evaluates it for direction 0 with the summed top and
//! for the other directions with top 0, and adds the results:
//! `rule(lower⁰, Σ a_K) + Σ_{r≥1} rule(lowerʳ, 0) = Σ_r P_K + φ'(a0) Σ_r a_K^(r)`.
//! This is stored as `coefs[K][0] = Σ`; direction `r ≥ 1` reads top 0, so every
//! direction's coefficients are ordinary rule inputs.
//!
//! For a *linear* primitive (`+`, `-`, negation, operations with a plain scalar) `P_K = 0`
//! and `c_K` depends on `a_K` (and `b_K`) alone, so the top is computed once from the
//! summed top: [`Taylor::linear_unary`] and [`Taylor::linear_binary`] are overridden to
//! do exactly that. For a Laplacian (`K = 2`) with `D` directions a linear operation
//! then costs `1 + D + 1` coefficient evaluations instead of `1 + 2D`, which is where the
//! collapsed Laplacian of a neural network saves (the linear layers dominate).
//!
//! Caveat: piecewise primitives at a kink (e.g. `abs` at a zero value, where the sign is
//! read from the first nonzero coefficient) are direction-dependent and not affine in
//! the top; there the collapsed top follows direction 0's branch.

use crate::jet::factorial;
use crate::multi::{gather, soa_binary, soa_ternary, soa_unary, soa_unary_pair};
use crate::{Jet, Taylor};
use core::fmt;
use num_traits::Float;

/// `R` truncated Taylor series of order `K = N - 1` sharing coefficient 0, with the top
/// coefficient `K` kept only as its sum over directions.
///
/// Seed input `i` with `x_i + t v_i^(r)` per direction (`along`); after `f`, the summed
/// top [`summed_coefficient`](Self::summed_coefficient) is
/// `Σ_r c_K^(r) = (1/K!) Σ_r D^K_{v^(r)} f(x)`. With `K = 2` and unit directions that is
/// half the Laplacian; with the columns of `S` it is half of `Σ C_ij ∂²f/∂x_i∂x_j` for
/// `C = S Sᵀ`; with `K = 4` it gives the sums that the bi-Laplacian interpolates. The
/// module docs derive why the summed top is exact.
///
/// ```
/// use jet_runtime::{CollapsedJet, Taylor};
///
/// // Δ(x² y + sin y) at (1, 2) = 2y - sin y.
/// let x = CollapsedJet::<f64, 3, 2>::along(1.0, [1.0, 0.0]);
/// let y = CollapsedJet::<f64, 3, 2>::along(2.0, [0.0, 1.0]);
/// let f = x.square().mul(y).add(y.sin());
/// let laplacian = f.summed_derivative();
/// assert!((laplacian - (4.0 - 2f64.sin())).abs() < 1e-15);
/// assert_eq!(f.coefficient(0, 1), 4.0); // ∂f/∂x = 2xy, per direction
/// ```
#[derive(Clone, Copy)]
pub struct CollapsedJet<T, const N: usize, const R: usize> {
    /// `coefs[k][r]`: coefficient `0 < k < K` of direction `r`; the value is
    /// `coefs[0][0]` and the summed top `coefs[K][0]` (the rest of rows 0 and K is not
    /// read).
    coefs: [[T; R]; N],
}

impl<T: Float, const N: usize, const R: usize> CollapsedJet<T, N, R> {
    /// Compile-time check of the shape: a top coefficient above the value, one direction.
    const SHAPE: () = assert!(N >= 2 && R >= 1, "CollapsedJet needs N >= 2 and R >= 1");

    /// The order `K = N - 1`: the coefficient that is summed over directions.
    ///
    /// ```
    /// assert_eq!(jet_runtime::CollapsedJet::<f64, 3, 8>::ORDER, 2);
    /// ```
    pub const ORDER: usize = N - 1;

    /// The number of directions `R`.
    ///
    /// ```
    /// assert_eq!(jet_runtime::CollapsedJet::<f64, 3, 8>::DIRECTIONS, 8);
    /// ```
    pub const DIRECTIONS: usize = R;

    /// The constant `c`.
    ///
    /// ```
    /// use jet_runtime::CollapsedJet;
    /// let c = CollapsedJet::<f64, 3, 2>::constant(4.0);
    /// assert_eq!((c.value(), c.summed_coefficient()), (4.0, 0.0));
    /// ```
    #[inline]
    pub fn constant(c: T) -> Self {
        Self::along(c, [T::zero(); R])
    }

    /// The lines `x(t) = x0 + v[r] t`, one per direction.
    ///
    /// For `K ≥ 2` coefficient 1 is stored per direction and the summed top is 0; for
    /// `K = 1` coefficient 1 is the top and is stored as `Σ_r v[r]`.
    ///
    /// ```
    /// use jet_runtime::CollapsedJet;
    /// let x = CollapsedJet::<f64, 3, 2>::along(1.5, [1.0, -2.0]);
    /// assert_eq!(x.coefficient(1, 1), -2.0);
    /// assert_eq!(x.summed_coefficient(), 0.0);
    /// ```
    #[inline]
    pub fn along(x0: T, v: [T; R]) -> Self {
        let () = Self::SHAPE;
        let mut coefs = [[T::zero(); R]; N];
        coefs[0] = [x0; R];
        coefs[1] = v;
        Self::collapse(coefs)
    }

    /// Collapses one jet per direction: keeps their shared value (taken from `jets[0]`),
    /// their coefficients `1..K-1`, and the sum of their top coefficients.
    ///
    /// ```
    /// use jet_runtime::{CollapsedJet, Jet};
    /// let c = CollapsedJet::from_jets([
    ///     Jet::from_coefficients([1.0, 2.0, 3.0]),
    ///     Jet::from_coefficients([1.0, 4.0, 5.0]),
    /// ]);
    /// assert_eq!(c.coefficient(1, 1), 4.0);
    /// assert_eq!(c.summed_coefficient(), 8.0);
    /// ```
    #[inline]
    pub fn from_jets(jets: [Jet<T, N>; R]) -> Self {
        let () = Self::SHAPE;
        let mut coefs: [[T; R]; N] =
            core::array::from_fn(|k| core::array::from_fn(|r| jets[r].coefficient(k)));
        coefs[0] = [jets[0].value(); R];
        Self::collapse(coefs)
    }

    /// Restores the storage invariant: the top coefficients of all directions summed into
    /// direction 0.
    #[inline(always)]
    fn collapse(mut coefs: [[T; R]; N]) -> Self {
        let top = &mut coefs[N - 1];
        let mut sum = top[0];
        for t in top.iter_mut().skip(1) {
            sum = sum + *t;
            *t = T::zero();
        }
        top[0] = sum;
        Self { coefs }
    }

    /// The shared value `x0` (the primal).
    ///
    /// ```
    /// use jet_runtime::CollapsedJet;
    /// assert_eq!(CollapsedJet::<f64, 3, 4>::along(0.5, [1.0; 4]).value(), 0.5);
    /// ```
    #[inline]
    pub fn value(&self) -> T {
        self.coefs[0][0]
    }

    /// The normalized coefficient `xk^(r)` of direction `r`, for `k < K` (the top
    /// coefficient exists only as a sum: [`summed_coefficient`](Self::summed_coefficient)).
    ///
    /// # Panics
    /// If `r >= R` or `k >= K`.
    ///
    /// ```
    /// use jet_runtime::{CollapsedJet, Taylor};
    /// let y = CollapsedJet::<f64, 4, 2>::along(0.0, [1.0, 2.0]).exp(); // e^{r t}
    /// assert_eq!(y.coefficient(1, 2), 2.0); // (2t)²/2
    /// ```
    #[inline]
    pub fn coefficient(&self, r: usize, k: usize) -> T {
        assert!(
            k + 1 < N,
            "the top coefficient of a collapsed jet is only available summed"
        );
        self.coefs[k][r]
    }

    /// The derivative `k! xk^(r)` along direction `r`, for `k < K`.
    ///
    /// # Panics
    /// If `r >= R` or `k >= K`.
    ///
    /// ```
    /// use jet_runtime::{CollapsedJet, Taylor};
    /// let y = CollapsedJet::<f64, 4, 2>::along(0.0, [1.0, 2.0]).exp();
    /// assert_eq!(y.derivative(1, 2), 4.0);
    /// ```
    #[inline]
    pub fn derivative(&self, r: usize, k: usize) -> T {
        self.coefficient(r, k) * factorial(k)
    }

    /// The top coefficient summed over directions, `Σ_r xK^(r)`.
    ///
    /// ```
    /// use jet_runtime::{CollapsedJet, Taylor};
    /// // x² along directions 1 and 3: Σ_r (v_r t)² = 10 t².
    /// let y = CollapsedJet::<f64, 3, 2>::along(0.0, [1.0, 3.0]).square();
    /// assert_eq!(y.summed_coefficient(), 10.0);
    /// ```
    #[inline]
    pub fn summed_coefficient(&self) -> T {
        self.coefs[N - 1][0]
    }

    /// The `K`-th derivative summed over directions, `K! Σ_r xK^(r) = Σ_r D^K_{v^(r)} f`.
    ///
    /// ```
    /// use jet_runtime::{CollapsedJet, Taylor};
    /// let y = CollapsedJet::<f64, 3, 2>::along(0.0, [1.0, 3.0]).square();
    /// assert_eq!(y.summed_derivative(), 20.0);
    /// ```
    #[inline]
    pub fn summed_derivative(&self) -> T {
        self.summed_coefficient() * factorial(N - 1)
    }
}

impl<T: Float, const N: usize, const R: usize> PartialEq for CollapsedJet<T, N, R> {
    /// Equal values, equal coefficients `1..K` in every direction and equal summed tops.
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
            && self.coefs[1..N - 1] == other.coefs[1..N - 1]
            && self.summed_coefficient() == other.summed_coefficient()
    }
}

impl<T: Float, const N: usize, const R: usize> From<T> for CollapsedJet<T, N, R> {
    /// A constant, as [`CollapsedJet::constant`].
    #[inline]
    fn from(c: T) -> Self {
        Self::constant(c)
    }
}

impl<T: Float + fmt::Debug, const N: usize, const R: usize> fmt::Debug for CollapsedJet<T, N, R> {
    /// `CollapsedJet { rows: [[x0, x1^(0), ..., Σ top], [x0, x1^(1), ..., 0], ...] }`:
    /// one row per direction, the summed top in row 0.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: [[T; N]; R] = core::array::from_fn(|r| gather::<T, N, R, true>(&self.coefs, r));
        f.debug_struct("CollapsedJet").field("rows", &rows).finish()
    }
}

impl<T: Float, const N: usize, const R: usize> Taylor<T> for CollapsedJet<T, N, R> {
    #[inline(always)]
    fn constant(c: T) -> Self {
        CollapsedJet::constant(c)
    }
    #[inline(always)]
    fn value(&self) -> T {
        self.coefs[0][0]
    }

    // General rules: every direction at every k (the top with the input tops 0 except
    // in direction 0, which carries the sums), then the output tops summed.

    #[inline(always)]
    fn unary(self, rule: impl Fn(&[T], &[T], usize) -> T) -> Self {
        Self {
            coefs: soa_unary::<T, N, R, true>(&self.coefs, N, rule),
        }
    }
    #[inline(always)]
    fn binary(self, other: Self, rule: impl Fn(&[T], &[T], &[T], usize) -> T) -> Self {
        Self {
            coefs: soa_binary::<T, N, R, true>(&self.coefs, &other.coefs, N, rule),
        }
    }
    #[inline(always)]
    fn ternary(self, b: Self, c: Self, rule: impl Fn(&[T], &[T], &[T], &[T], usize) -> T) -> Self {
        Self {
            coefs: soa_ternary::<T, N, R, true>(&self.coefs, &b.coefs, &c.coefs, N, rule),
        }
    }
    #[inline(always)]
    fn unary_pair(self, rule: impl Fn(&[T], &[T], &[T], usize) -> (T, T)) -> (Self, Self) {
        let (c, d) = soa_unary_pair::<T, N, R, true>(&self.coefs, N, rule);
        (Self { coefs: c }, Self { coefs: d })
    }

    // Linear rules: coefficients below the top per direction, the top once from the sum
    // (direction 0's inputs carry the summed tops; the rule reads only index K at k = K).

    #[inline(always)]
    fn linear_unary(self, rule: impl Fn(&[T], &[T], usize) -> T) -> Self {
        let top = N - 1;
        let mut coefs = soa_unary::<T, N, R, true>(&self.coefs, top, &rule);
        coefs[top][0] = rule(
            &gather::<T, N, R, true>(&self.coefs, 0),
            &gather::<T, N, R, true>(&coefs, 0),
            top,
        );
        Self { coefs }
    }
    #[inline(always)]
    fn linear_binary(self, other: Self, rule: impl Fn(&[T], &[T], &[T], usize) -> T) -> Self {
        let top = N - 1;
        let mut coefs = soa_binary::<T, N, R, true>(&self.coefs, &other.coefs, top, &rule);
        coefs[top][0] = rule(
            &gather::<T, N, R, true>(&self.coefs, 0),
            &gather::<T, N, R, true>(&other.coefs, 0),
            &gather::<T, N, R, true>(&coefs, 0),
            top,
        );
        Self { coefs }
    }
}

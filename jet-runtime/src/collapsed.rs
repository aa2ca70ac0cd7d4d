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
//! The jet stores only that sum; a rule sees it as direction 0's top and top 0 for the
//! other directions, so every direction's coefficients are ordinary rule inputs.
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
use crate::multi::each_direction;
use crate::rows::{Coefficients, CollapsedRows};
use crate::{Jet, Taylor};
use core::fmt;
use num_traits::Float;

/// The per-direction rows of `CollapsedJet<T, N, R>`.
type Rows<T, const N: usize, const R: usize> = <Coefficients<N> as CollapsedRows<T, R>>::Rows;

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
/// Storage is `R (K - 1) + 2` numbers, contiguous: coefficients `1..K-1`
/// coefficient-major (`[[T; R]; K - 1]`, so an operation on one coefficient of every
/// direction is a vector loop), then the value and the summed top side by side (one
/// 2-lane vector). `N` runs from 2 to 33 (see [`CollapsedRows`]).
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
#[repr(C)]
pub struct CollapsedJet<T, const N: usize, const R: usize>
where
    Coefficients<N>: CollapsedRows<T, R>,
{
    /// `lower[k - 1][r]`: coefficient `0 < k < K` of direction `r`.
    lower: Rows<T, N, R>,
    /// Coefficient 0, shared by the directions.
    value: T,
    /// Coefficient `K` summed over the directions (next to the value: the two fill one
    /// 2-lane vector; the rows first, so that they start aligned).
    top: T,
}

impl<T: Copy, const N: usize, const R: usize> Clone for CollapsedJet<T, N, R>
where
    Coefficients<N>: CollapsedRows<T, R>,
{
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Copy, const N: usize, const R: usize> Copy for CollapsedJet<T, N, R> where
    Coefficients<N>: CollapsedRows<T, R>
{
}

impl<T: Float, const N: usize, const R: usize> CollapsedJet<T, N, R>
where
    Coefficients<N>: CollapsedRows<T, R>,
{
    /// Compile-time check of the shape: one direction at least.
    const SHAPE: () = assert!(R >= 1, "CollapsedJet needs R >= 1");

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
        let () = Self::SHAPE;
        Self {
            value: c,
            lower: Coefficients::<N>::filled([T::zero(); R]),
            top: T::zero(),
        }
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
        let mut x = Self::constant(x0);
        match x.lower.as_mut().first_mut() {
            Some(first) => *first = v,
            None => x.top = sum(&v),
        }
        x
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
        let mut x = Self::constant(jets[0].value());
        for (k, row) in x.lower.as_mut().iter_mut().enumerate() {
            *row = core::array::from_fn(|r| jets[r].coefficient(k + 1));
        }
        x.top = sum(&core::array::from_fn::<T, R, _>(|r| {
            jets[r].coefficient(N - 1)
        }));
        x
    }

    /// The shared value `x0` (the primal).
    ///
    /// ```
    /// use jet_runtime::CollapsedJet;
    /// assert_eq!(CollapsedJet::<f64, 3, 4>::along(0.5, [1.0; 4]).value(), 0.5);
    /// ```
    #[inline]
    pub fn value(&self) -> T {
        self.value
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
        assert!(r < R, "direction {r} out of range for {R} directions");
        if k == 0 {
            self.value
        } else {
            self.lower.as_ref()[k - 1][r]
        }
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
        self.top
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

    /// Direction `r`'s coefficients as a rule reads them: `[x0, x1^(r), ..., x_{K-1}^(r),
    /// top]` with the summed top for direction 0 and 0 for the others.
    #[inline(always)]
    fn direction(&self, r: usize) -> [T; N] {
        let lower = self.lower.as_ref();
        core::array::from_fn(|k| {
            if k == 0 {
                self.value
            } else if k + 1 < N {
                lower[k - 1][r]
            } else if r == 0 {
                self.top
            } else {
                T::zero()
            }
        })
    }

    /// The one driver behind every rule: runs `rule` (coefficient `k` of `P` outputs
    /// from `M` inputs' and the outputs' lower coefficients of one direction) at `k = 0`
    /// once, then for each direction at `k = 1..K-1`, and the top either per direction,
    /// summed (general rules: the top is affine in the inputs' tops, module docs), or,
    /// for a rule linear in each coefficient (`LINEAR`), once from the summed tops.
    ///
    /// The loop over directions is [`each_direction`], shared with `MultiJet`; the
    /// per-direction tops are summed after it, so that the directions' work is isomorphic
    /// and vectorizes across `r`.
    #[inline(always)]
    #[allow(clippy::needless_range_loop)] // p indexes the outputs
    fn drive<const M: usize, const P: usize, const LINEAR: bool>(
        inputs: [&Self; M],
        rule: impl Fn(&[[T; N]; M], &[[T; N]; P], usize) -> [T; P],
    ) -> [Self; P] {
        let top = N - 1;
        let first: [[T; N]; M] = core::array::from_fn(|i| inputs[i].direction(0));
        let mut c = [[T::zero(); N]; P];
        let value = rule(&first, &c, 0);
        let mut out: [Self; P] = core::array::from_fn(|p| Self {
            value: value[p],
            lower: inputs[0].lower,
            top: T::zero(),
        });
        let mut tops = [[T::zero(); R]; P];
        for p in 0..P {
            c[p][0] = value[p];
        }
        let last = if LINEAR { top } else { N };
        each_direction::<T, N, R, M, P>(
            |r| core::array::from_fn(|i| inputs[i].direction(r)),
            c,
            last,
            &rule,
            |r, k, ck| {
                for p in 0..P {
                    if k < top {
                        out[p].lower.as_mut()[k - 1][r] = ck[p];
                    } else {
                        tops[p][r] = ck[p];
                    }
                }
            },
        );
        for p in 0..P {
            out[p].top = if LINEAR {
                let own: [[T; N]; P] = core::array::from_fn(|q| out[q].direction(0));
                rule(&first, &own, top)[p]
            } else {
                sum(&tops[p])
            };
        }
        out
    }
}

/// `v[0] + v[1] + ...` from the left.
#[inline(always)]
fn sum<T: Float, const R: usize>(v: &[T; R]) -> T {
    v[1..].iter().fold(v[0], |s, &x| s + x)
}

impl<T: Float, const N: usize, const R: usize> PartialEq for CollapsedJet<T, N, R>
where
    Coefficients<N>: CollapsedRows<T, R>,
{
    /// Equal values, equal coefficients `1..K` in every direction and equal summed tops.
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
            && self.lower.as_ref() == other.lower.as_ref()
            && self.top == other.top
    }
}

impl<T: Float, const N: usize, const R: usize> From<T> for CollapsedJet<T, N, R>
where
    Coefficients<N>: CollapsedRows<T, R>,
{
    /// A constant, as [`CollapsedJet::constant`].
    #[inline]
    fn from(c: T) -> Self {
        Self::constant(c)
    }
}

impl<T: Float + fmt::Debug, const N: usize, const R: usize> fmt::Debug for CollapsedJet<T, N, R>
where
    Coefficients<N>: CollapsedRows<T, R>,
{
    /// `CollapsedJet { rows: [[x0, x1^(0), ..., Σ top], [x0, x1^(1), ..., 0], ...] }`:
    /// one row per direction, the summed top in row 0.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: [[T; N]; R] = core::array::from_fn(|r| self.direction(r));
        f.debug_struct("CollapsedJet").field("rows", &rows).finish()
    }
}

impl<T: Float, const N: usize, const R: usize> Taylor<T> for CollapsedJet<T, N, R>
where
    Coefficients<N>: CollapsedRows<T, R>,
{
    #[inline(always)]
    fn constant(c: T) -> Self {
        CollapsedJet::constant(c)
    }
    #[inline(always)]
    fn value(&self) -> T {
        self.value
    }

    // General rules: every direction at every k (the top with the input tops 0 except
    // in direction 0, which carries the sums), then the output tops summed.

    #[inline(always)]
    fn unary(self, rule: impl Fn(&[T], &[T], usize) -> T) -> Self {
        let [c] = Self::drive::<1, 1, false>([&self], |[a], [c], k| [rule(a, c, k)]);
        c
    }
    #[inline(always)]
    fn binary(self, other: Self, rule: impl Fn(&[T], &[T], &[T], usize) -> T) -> Self {
        let [c] = Self::drive::<2, 1, false>([&self, &other], |[a, b], [c], k| [rule(a, b, c, k)]);
        c
    }
    #[inline(always)]
    fn ternary(self, b: Self, c: Self, rule: impl Fn(&[T], &[T], &[T], &[T], usize) -> T) -> Self {
        let [d] =
            Self::drive::<3, 1, false>([&self, &b, &c], |[a, b, c], [d], k| [rule(a, b, c, d, k)]);
        d
    }
    #[inline(always)]
    fn unary_pair(self, rule: impl Fn(&[T], &[T], &[T], usize) -> (T, T)) -> (Self, Self) {
        let [c, d] = Self::drive::<1, 2, false>([&self], |[a], [c, d], k| {
            let (ck, dk) = rule(a, c, d, k);
            [ck, dk]
        });
        (c, d)
    }

    // Linear rules: coefficients below the top per direction, the top once from the sum
    // (direction 0's inputs carry the summed tops; the rule reads only index K at k = K).

    #[inline(always)]
    fn linear_unary(self, rule: impl Fn(&[T], &[T], usize) -> T) -> Self {
        let [c] = Self::drive::<1, 1, true>([&self], |[a], [c], k| [rule(a, c, k)]);
        c
    }
    #[inline(always)]
    fn linear_binary(self, other: Self, rule: impl Fn(&[T], &[T], &[T], usize) -> T) -> Self {
        let [c] = Self::drive::<2, 1, true>([&self, &other], |[a, b], [c], k| [rule(a, b, c, k)]);
        c
    }
}

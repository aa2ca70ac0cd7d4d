//! The multi-directional jet `MultiJet<T, N, R>`: `R` jets of order `K = N - 1` along `R`
//! directions that share their value, pushed through a function in one pass.

use crate::jet::factorial;
use crate::rows::{Coefficients, MultiRows};
use crate::{Jet, Taylor};
use core::fmt;
use num_traits::Float;

/// `R` truncated Taylor series of order `K = N - 1` that share coefficient 0.
///
/// Seeding input `i` with `x_i(t) = x_i + t v_i^(r)` in direction `r` gives, in one
/// evaluation, the Taylor coefficients of `f(x + t v^(r))` for every `r`: the value
/// `f(x)` is computed once and coefficients `1..=K` once per direction. With the unit
/// vectors as directions this is the *standard* Taylor-mode Hessian diagonal and
/// Laplacian (`Δf = Σ_r 2 c_2^(r)`), and with `K = 1` the gradient.
///
/// Storage is `1 + R K` numbers: coefficients `1..=K` coefficient-major
/// (`rows[k - 1][r]` = coefficient `k` of direction `r`), so that an operation on
/// coefficient `k` of all directions is a contiguous, vectorizable loop, then the value.
/// `N` runs from 1 to 33 (see [`MultiRows`]). The drivers compute coefficient 0 once and
/// hand each direction's coefficients to the [`rules`](crate::rules) as a small stack
/// array.
///
/// ```
/// use jet_runtime::{MultiJet, Taylor};
///
/// // f(x, y) = x² y at (1, 2) along e_x and e_y.
/// let x = MultiJet::<f64, 3, 2>::along(1.0, [1.0, 0.0]);
/// let y = MultiJet::<f64, 3, 2>::along(2.0, [0.0, 1.0]);
/// let f = x.square().mul(y);
/// assert_eq!(f.value(), 2.0);
/// assert_eq!(f.derivative(0, 1), 4.0); // ∂f/∂x = 2xy
/// assert_eq!(f.derivative(1, 1), 1.0); // ∂f/∂y = x²
/// assert_eq!(f.derivative(0, 2), 4.0); // ∂²f/∂x² = 2y
/// assert_eq!(f.derivative(1, 2), 0.0); // ∂²f/∂y² = 0
/// ```
#[repr(C)]
pub struct MultiJet<T, const N: usize, const R: usize>
where
    Coefficients<N>: MultiRows<T, R>,
{
    /// `rows[k - 1][r]`: coefficient `0 < k ≤ K` of direction `r`.
    rows: <Coefficients<N> as MultiRows<T, R>>::Rows,
    /// Coefficient 0, shared by the directions.
    value: T,
}

impl<T: Copy, const N: usize, const R: usize> Clone for MultiJet<T, N, R>
where
    Coefficients<N>: MultiRows<T, R>,
{
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Copy, const N: usize, const R: usize> Copy for MultiJet<T, N, R> where
    Coefficients<N>: MultiRows<T, R>
{
}

impl<T: Float, const N: usize, const R: usize> MultiJet<T, N, R>
where
    Coefficients<N>: MultiRows<T, R>,
{
    /// Compile-time check of the shape: one direction at least.
    const SHAPE: () = assert!(R >= 1, "MultiJet needs R >= 1");

    /// The order `K = N - 1`: the highest derivative along each direction.
    ///
    /// ```
    /// assert_eq!(jet_runtime::MultiJet::<f64, 3, 8>::ORDER, 2);
    /// ```
    pub const ORDER: usize = N - 1;

    /// The number of directions `R`.
    ///
    /// ```
    /// assert_eq!(jet_runtime::MultiJet::<f64, 3, 8>::DIRECTIONS, 8);
    /// ```
    pub const DIRECTIONS: usize = R;

    /// The constant `c` in every direction.
    ///
    /// ```
    /// use jet_runtime::MultiJet;
    /// let c = MultiJet::<f64, 3, 2>::constant(4.0);
    /// assert_eq!(c.value(), 4.0);
    /// assert_eq!(c.coefficient(1, 1), 0.0);
    /// ```
    #[inline]
    pub fn constant(c: T) -> Self {
        let () = Self::SHAPE;
        Self {
            value: c,
            rows: Coefficients::<N>::filled([T::zero(); R]),
        }
    }

    /// The lines `x(t) = x0 + v[r] t`, one per direction: coefficients `[x0, v[r], 0, ...]`.
    ///
    /// An input variable `x_i` of a function gets `along(x_i, [v^(0)_i, ..., v^(R-1)_i])`:
    /// its component of every direction.
    ///
    /// ```
    /// use jet_runtime::MultiJet;
    /// let x = MultiJet::<f64, 3, 2>::along(1.5, [1.0, -2.0]);
    /// assert_eq!(x.direction(1).coefficients(), [1.5, -2.0, 0.0]);
    /// ```
    #[inline]
    pub fn along(x0: T, v: [T; R]) -> Self {
        let mut x = Self::constant(x0);
        if let Some(first) = x.rows.as_mut().first_mut() {
            *first = v;
        }
        x
    }

    /// The multi-directional jet from one jet per direction. They must share their value:
    /// coefficient 0 is taken from `jets[0]` and the others' coefficient 0 is ignored.
    ///
    /// ```
    /// use jet_runtime::{Jet, MultiJet};
    /// let m = MultiJet::from_jets([
    ///     Jet::from_coefficients([1.0, 2.0, 3.0]),
    ///     Jet::from_coefficients([1.0, 4.0, 5.0]),
    /// ]);
    /// assert_eq!(m.coefficient(1, 2), 5.0);
    /// ```
    #[inline]
    pub fn from_jets(jets: [Jet<T, N>; R]) -> Self {
        let mut x = Self::constant(jets[0].value());
        for (k, row) in x.rows.as_mut().iter_mut().enumerate() {
            *row = core::array::from_fn(|r| jets[r].coefficient(k + 1));
        }
        x
    }

    /// The shared value `x0` (the primal).
    ///
    /// ```
    /// use jet_runtime::MultiJet;
    /// assert_eq!(MultiJet::<f64, 2, 3>::along(0.5, [1.0; 3]).value(), 0.5);
    /// ```
    #[inline]
    pub fn value(&self) -> T {
        self.value
    }

    /// The normalized coefficient `xk^(r)` of direction `r`.
    ///
    /// # Panics
    /// If `r >= R` or `k > K`.
    ///
    /// ```
    /// use jet_runtime::{MultiJet, Taylor};
    /// let y = MultiJet::<f64, 3, 2>::along(0.0, [1.0, 2.0]).exp(); // e^{r t}
    /// assert_eq!(y.coefficient(1, 2), 2.0); // (2t)²/2
    /// ```
    #[inline]
    pub fn coefficient(&self, r: usize, k: usize) -> T {
        assert!(r < R, "direction {r} out of range for {R} directions");
        if k == 0 {
            self.value
        } else {
            self.rows.as_ref()[k - 1][r]
        }
    }

    /// The derivative `k! xk^(r)`: the `k`-th derivative along direction `r`.
    ///
    /// # Panics
    /// If `r >= R` or `k > K`.
    ///
    /// ```
    /// use jet_runtime::{MultiJet, Taylor};
    /// let y = MultiJet::<f64, 3, 2>::along(0.0, [1.0, 2.0]).exp();
    /// assert_eq!(y.derivative(1, 2), 4.0);
    /// ```
    #[inline]
    pub fn derivative(&self, r: usize, k: usize) -> T {
        self.coefficient(r, k) * factorial(k)
    }

    /// The plain jet of direction `r`.
    ///
    /// # Panics
    /// If `r >= R`.
    ///
    /// ```
    /// use jet_runtime::{MultiJet, Taylor};
    /// let y = MultiJet::<f64, 3, 2>::along(0.0, [1.0, 2.0]).exp();
    /// assert_eq!(y.direction(0).coefficients(), [1.0, 1.0, 0.5]);
    /// ```
    #[inline]
    pub fn direction(&self, r: usize) -> Jet<T, N> {
        assert!(r < R, "direction {r} out of range for {R} directions");
        Jet::from_coefficients(self.gather(r))
    }

    /// The sum over directions of coefficient `k`, `Σ_r xk^(r)` (for `k = 0`, `R x0`).
    ///
    /// With unit directions and `k = 2` this is half the Laplacian.
    ///
    /// ```
    /// use jet_runtime::{MultiJet, Taylor};
    /// // f = x² + y²: Δf = 4 = 2 Σ_r c_2^(r).
    /// let x = MultiJet::<f64, 3, 2>::along(0.3, [1.0, 0.0]);
    /// let y = MultiJet::<f64, 3, 2>::along(0.7, [0.0, 1.0]);
    /// let f = x.square().add(y.square());
    /// assert_eq!(2.0 * f.summed_coefficient(2), 4.0);
    /// ```
    #[inline]
    pub fn summed_coefficient(&self, k: usize) -> T {
        if k == 0 {
            (0..R).fold(T::zero(), |s, _| s + self.value)
        } else {
            self.rows.as_ref()[k - 1]
                .iter()
                .fold(T::zero(), |s, &c| s + c)
        }
    }

    /// The sum over directions of the `k`-th derivative, `k! Σ_r xk^(r)`.
    ///
    /// With unit directions and `k = 2` this is the Laplacian.
    ///
    /// ```
    /// use jet_runtime::{MultiJet, Taylor};
    /// let x = MultiJet::<f64, 3, 2>::along(0.3, [1.0, 0.0]);
    /// let y = MultiJet::<f64, 3, 2>::along(0.7, [0.0, 1.0]);
    /// let f = x.square().add(y.square());
    /// assert_eq!(f.summed_derivative(2), 4.0);
    /// ```
    #[inline]
    pub fn summed_derivative(&self, k: usize) -> T {
        self.summed_coefficient(k) * factorial(k)
    }

    /// Every direction's coefficients, `rows[r] = [x0, x1^(r), ..., xK^(r)]`.
    ///
    /// ```
    /// use jet_runtime::MultiJet;
    /// let x = MultiJet::<f64, 2, 2>::along(1.0, [3.0, 4.0]);
    /// assert_eq!(x.rows(), [[1.0, 3.0], [1.0, 4.0]]);
    /// ```
    #[inline]
    pub fn rows(&self) -> [[T; N]; R] {
        core::array::from_fn(|r| self.gather(r))
    }

    /// Direction `r`'s coefficients `[x0, x1^(r), ..., xK^(r)]`.
    #[inline(always)]
    fn gather(&self, r: usize) -> [T; N] {
        let rows = self.rows.as_ref();
        core::array::from_fn(|k| if k == 0 { self.value } else { rows[k - 1][r] })
    }
}

impl<T: Float, const N: usize, const R: usize> PartialEq for MultiJet<T, N, R>
where
    Coefficients<N>: MultiRows<T, R>,
{
    /// Equal values and equal coefficients `1..=K` in every direction.
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.rows.as_ref() == other.rows.as_ref()
    }
}

impl<T: Float, const N: usize, const R: usize> From<T> for MultiJet<T, N, R>
where
    Coefficients<N>: MultiRows<T, R>,
{
    /// A constant, as [`MultiJet::constant`].
    #[inline]
    fn from(c: T) -> Self {
        Self::constant(c)
    }
}

impl<T: Float + fmt::Debug, const N: usize, const R: usize> fmt::Debug for MultiJet<T, N, R>
where
    Coefficients<N>: MultiRows<T, R>,
{
    /// `MultiJet[[x0, x1^(0), ...], [x0, x1^(1), ...], ...]`: one row per direction.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MultiJet")?;
        f.debug_list()
            .entries((0..R).map(|r| self.gather(r)))
            .finish()
    }
}

impl<T: Float, const N: usize, const R: usize> MultiJet<T, N, R>
where
    Coefficients<N>: MultiRows<T, R>,
{
    /// The one driver behind every rule: runs `rule` (coefficient `k` of `P` outputs from
    /// `M` inputs' and the outputs' coefficients of one direction) at `k = 0` once, then
    /// for each direction `r` at `k = 1..=K` ([`each_direction`]), each direction's inputs
    /// and outputs held in stack arrays the rule indexes. Fully unrolled (const bounds),
    /// the per-direction work is isomorphic across `r` and vectorizes across directions.
    #[inline(always)]
    #[allow(clippy::needless_range_loop)] // p indexes the outputs
    fn drive<const M: usize, const P: usize>(
        inputs: [&Self; M],
        rule: impl Fn(&[[T; N]; M], &[[T; N]; P], usize) -> [T; P],
    ) -> [Self; P] {
        let mut c = [[T::zero(); N]; P];
        let value = rule(&core::array::from_fn(|i| inputs[i].gather(0)), &c, 0);
        let mut out: [Self; P] = core::array::from_fn(|p| Self {
            value: value[p],
            rows: inputs[0].rows,
        });
        for p in 0..P {
            c[p][0] = value[p];
        }
        each_direction::<T, N, R, M, P>(
            |r| core::array::from_fn(|i| inputs[i].gather(r)),
            c,
            N,
            &rule,
            |r, k, ck| {
                for p in 0..P {
                    out[p].rows.as_mut()[k - 1][r] = ck[p];
                }
            },
        );
        out
    }
}

/// The loop over directions shared by the multi-directional and collapsed drivers: for
/// each direction `r`, `rule` at `k = 1..last` on that direction's inputs `inputs(r)`,
/// starting from the outputs' coefficient 0 in `c`, each result handed to
/// `store(r, k, c_k)`.
///
/// From order 3 on, two directions per iteration: their recurrences are independent
/// chains, which interleave where one direction at a time runs serially (bi-Laplacian of
/// the W2 MLP: 4–8 % less time). At orders 1 and 2 the chains are short and the
/// one-direction loop vectorizes better (Laplacian of a D = 32 MLP: 20 % less time).
#[inline(always)]
pub(crate) fn each_direction<
    T: Float,
    const N: usize,
    const R: usize,
    const M: usize,
    const P: usize,
>(
    inputs: impl Fn(usize) -> [[T; N]; M],
    c: [[T; N]; P],
    last: usize,
    rule: &impl Fn(&[[T; N]; M], &[[T; N]; P], usize) -> [T; P],
    mut store: impl FnMut(usize, usize, [T; P]),
) {
    let pairs = if N > 3 { R / 2 } else { 0 };
    for q in 0..pairs {
        let (r0, r1) = (2 * q, 2 * q + 1);
        let (a0, a1) = (inputs(r0), inputs(r1));
        let (mut c0, mut c1) = (c, c);
        for k in 1..last {
            let (x0, x1) = (rule(&a0, &c0, k), rule(&a1, &c1, k));
            for p in 0..P {
                c0[p][k] = x0[p];
                c1[p][k] = x1[p];
            }
            store(r0, k, x0);
            store(r1, k, x1);
        }
    }
    let mut c = c;
    for r in 2 * pairs..R {
        let a = inputs(r);
        for k in 1..last {
            let x = rule(&a, &c, k);
            for p in 0..P {
                c[p][k] = x[p];
            }
            store(r, k, x);
        }
    }
}

impl<T: Float, const N: usize, const R: usize> Taylor<T> for MultiJet<T, N, R>
where
    Coefficients<N>: MultiRows<T, R>,
{
    #[inline(always)]
    fn constant(c: T) -> Self {
        MultiJet::constant(c)
    }
    #[inline(always)]
    fn value(&self) -> T {
        self.value
    }
    #[inline(always)]
    fn unary(self, rule: impl Fn(&[T], &[T], usize) -> T) -> Self {
        let [c] = Self::drive([&self], |[a], [c], k| [rule(a, c, k)]);
        c
    }
    #[inline(always)]
    fn binary(self, other: Self, rule: impl Fn(&[T], &[T], &[T], usize) -> T) -> Self {
        let [c] = Self::drive([&self, &other], |[a, b], [c], k| [rule(a, b, c, k)]);
        c
    }
    #[inline(always)]
    fn ternary(self, b: Self, c: Self, rule: impl Fn(&[T], &[T], &[T], &[T], usize) -> T) -> Self {
        let [d] = Self::drive([&self, &b, &c], |[a, b, c], [d], k| [rule(a, b, c, d, k)]);
        d
    }
    #[inline(always)]
    fn unary_pair(self, rule: impl Fn(&[T], &[T], &[T], usize) -> (T, T)) -> (Self, Self) {
        let [c, d] = Self::drive([&self], |[a], [c, d], k| {
            let (ck, dk) = rule(a, c, d, k);
            [ck, dk]
        });
        (c, d)
    }
}

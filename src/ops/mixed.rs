//! Mixed partial derivatives `∂^α f` of any order by interpolating univariate Taylor
//! coefficients along integer directions (Griewank, Utke & Walther, "Evaluating higher
//! derivative tensors by forward propagation of univariate Taylor series", Math. Comp.
//! 69 (2000) 1117–1130).
//!
//! # The formula
//!
//! For a multi-index `α` of order `d = |α|` over the `P` variables with `α_p > 0`, and
//! `c_d(j)` the `d`-th normalized Taylor coefficient of `t ↦ f(x + t Σ_p j_p e_p)`,
//!
//! ```text
//! ∂^α f(x) = Σ_{j ∈ ℕ^P, |j| = d} γ_{α,j} c_d(j),
//! γ_{α,j}  = Σ_{0 < m ≤ α} (−1)^{d−|m|} C(α, m) C(d m/|m|, j) (|m|/d)^d,
//! ```
//!
//! where `C(a, b) = Π_p C(a_p, b_p)` and `C(a_p, b_p)` is the generalized binomial
//! coefficient `a_p (a_p − 1) ... (a_p − b_p + 1) / b_p!` of a rational `a_p`. (It is the
//! GUW formula written for normalized coefficients; the `d!` of their derivative form
//! cancels against `c_d = D^d / d!`. The same `γ` appear in Dangel et al. 2025, appendix E.)
//! The coefficients are computed in exact rational arithmetic (`i128`) and rounded once;
//! for orders where that would overflow they are computed in `f64`.

use super::{directional, real};
use crate::{Float, Jet};

/// A reduced fraction `n / d` with `d > 0`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Ratio {
    n: i128,
    d: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    fn int(n: i128) -> Self {
        Self { n, d: 1 }
    }
    fn new(n: i128, d: i128) -> Option<Self> {
        if d == 0 {
            return None;
        }
        let g = gcd(n, d).max(1);
        let s = if d < 0 { -1 } else { 1 };
        Some(Self {
            n: s * n / g,
            d: s * d / g,
        })
    }
    fn mul(self, o: Self) -> Option<Self> {
        let g1 = gcd(self.n, o.d).max(1);
        let g2 = gcd(o.n, self.d).max(1);
        let n = (self.n / g1).checked_mul(o.n / g2)?;
        let d = (self.d / g2).checked_mul(o.d / g1)?;
        Self::new(n, d)
    }
    fn add(self, o: Self) -> Option<Self> {
        let g = gcd(self.d, o.d).max(1);
        let n = self
            .n
            .checked_mul(o.d / g)?
            .checked_add(o.n.checked_mul(self.d / g)?)?;
        let d = (self.d / g).checked_mul(o.d)?;
        Self::new(n, d)
    }
    fn to_f64(self) -> f64 {
        self.n as f64 / self.d as f64
    }
}

/// Arithmetic for the γ sum: exact rationals, or `f64` as the fallback.
trait Num: Copy {
    fn int(n: i64) -> Option<Self>;
    fn frac(n: i64, d: i64) -> Option<Self>;
    fn mul(self, o: Self) -> Option<Self>;
    fn add(self, o: Self) -> Option<Self>;
}

impl Num for Ratio {
    fn int(n: i64) -> Option<Self> {
        Some(Ratio::int(n.into()))
    }
    fn frac(n: i64, d: i64) -> Option<Self> {
        Ratio::new(n.into(), d.into())
    }
    fn mul(self, o: Self) -> Option<Self> {
        Ratio::mul(self, o)
    }
    fn add(self, o: Self) -> Option<Self> {
        Ratio::add(self, o)
    }
}

impl Num for f64 {
    fn int(n: i64) -> Option<Self> {
        Some(n as f64)
    }
    fn frac(n: i64, d: i64) -> Option<Self> {
        Some(n as f64 / d as f64)
    }
    fn mul(self, o: Self) -> Option<Self> {
        Some(self * o)
    }
    fn add(self, o: Self) -> Option<Self> {
        Some(self + o)
    }
}

/// The generalized binomial coefficient `C(a/b, k)` for a rational `a/b`.
fn binomial<Q: Num>(a: i64, b: i64, k: usize) -> Option<Q> {
    let mut r = Q::int(1)?;
    for i in 0..k as i64 {
        // (a/b − i) / (i + 1) = (a − i b) / (b (i + 1))
        r = r.mul(Q::frac(a - i * b, b * (i + 1))?)?;
    }
    Some(r)
}

/// Every `v ∈ ℕ^len` with `v_p ≤ bound[p]` (a box), in lexicographic order.
fn box_indices(bound: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![vec![0; bound.len()]];
    for (p, &b) in bound.iter().enumerate() {
        let mut next = Vec::with_capacity(out.len() * (b + 1));
        for v in &out {
            for x in 0..=b {
                let mut w = v.clone();
                w[p] = x;
                next.push(w);
            }
        }
        out = next;
    }
    out
}

/// Every `j ∈ ℕ^len` with `|j| = d`.
fn compositions(len: usize, d: usize) -> Vec<Vec<usize>> {
    box_indices(&vec![d; len])
        .into_iter()
        .filter(|j| j.iter().sum::<usize>() == d)
        .collect()
}

/// `γ_{α,j}` (module docs) in the arithmetic `Q`; `None` on overflow.
fn gamma<Q: Num>(alpha: &[usize], j: &[usize]) -> Option<Q> {
    let d: usize = alpha.iter().sum();
    let mut total = Q::int(0)?;
    for m in box_indices(alpha) {
        let norm_m: usize = m.iter().sum();
        if norm_m == 0 {
            continue;
        }
        let sign = if (d - norm_m) % 2 == 1 { -1 } else { 1 };
        let mut term = Q::int(sign)?;
        for p in 0..alpha.len() {
            // C(α_p, m_p) C(d m_p / |m|, j_p)
            term = term.mul(binomial(alpha[p] as i64, 1, m[p])?)?;
            term = term.mul(binomial((d * m[p]) as i64, norm_m as i64, j[p])?)?;
        }
        let scale = Q::frac(norm_m as i64, d as i64)?;
        for _ in 0..d {
            term = term.mul(scale)?;
        }
        total = total.add(term)?;
    }
    Some(total)
}

/// The interpolation stencil of `∂^α`: pairs `(j, γ_{α,j})` with `γ ≠ 0` such that
/// `∂^α f(x) = Σ γ c_d(j)`, where `c_d(j)` is the `d = |α|`-th normalized Taylor
/// coefficient of `t ↦ f(x + t j)`. Directions `j` are integer vectors of the length of
/// `alpha`, zero where `α` is. The coefficients are exact rationals rounded once to
/// `f64` (computed in `f64` if the rationals would overflow `i128`, orders beyond ~20).
///
/// ```
/// use jet::ops::mixed_partial_stencil;
///
/// // ∂²/∂x∂y = c_2(1,1) − c_2(2,0)/4 − c_2(0,2)/4.
/// let mut s = mixed_partial_stencil(&[1, 1]);
/// s.sort_by(|a, b| a.0.cmp(&b.0));
/// assert_eq!(s, vec![(vec![0, 2], -0.25), (vec![1, 1], 1.0), (vec![2, 0], -0.25)]);
/// ```
pub fn mixed_partial_stencil(alpha: &[usize]) -> Vec<(Vec<usize>, f64)> {
    let d: usize = alpha.iter().sum();
    if d == 0 {
        return vec![(vec![0; alpha.len()], 1.0)];
    }
    let support: Vec<usize> = (0..alpha.len()).filter(|&p| alpha[p] > 0).collect();
    let a: Vec<usize> = support.iter().map(|&p| alpha[p]).collect();
    let mut out = Vec::new();
    for j in compositions(a.len(), d) {
        let g = gamma::<Ratio>(&a, &j)
            .map(Ratio::to_f64)
            .or_else(|| gamma::<f64>(&a, &j))
            .unwrap_or(f64::NAN);
        if g != 0.0 {
            let mut dir = vec![0; alpha.len()];
            for (&p, &jp) in support.iter().zip(&j) {
                dir[p] = jp;
            }
            out.push((dir, g));
        }
    }
    out
}

/// The mixed partial derivative `∂^α f(x) = ∂^{|α|} f / ∂x_1^{α_1} ... ∂x_D^{α_D}` for a
/// multi-index `α` of any order, by interpolation of univariate Taylor coefficients along
/// integer directions ([`mixed_partial_stencil`], Griewank–Utke–Walther). `f` is
/// evaluated on plain [`Jet<T, N>`](crate::Jet)s, once per stencil direction; the order
/// comes from the jet type and must be at least `|α|` (`N > |α|`).
///
/// # Panics
/// If `|α| ≥ N`.
///
/// ```
/// use jet::{ops, Jet, Taylor};
///
/// // f = x³ y² e^z: ∂³f/∂x∂y∂z = 6x²y e^z.
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].powi(3).mul(x[1].square()).mul(x[2].exp())
/// }
/// let x = [1.5, -0.5, 0.2];
/// let exact = 6.0 * 2.25 * -0.5 * 0.2f64.exp();
/// let d = ops::mixed_partial(f::<Jet<f64, 4>>, &x, &[1, 1, 1]);
/// assert!((d - exact).abs() < 1e-13);
/// ```
pub fn mixed_partial<T, const D: usize, const N: usize, F>(
    f: F,
    x: &[T; D],
    alpha: &[usize; D],
) -> T
where
    T: Float,
    F: Fn(&[Jet<T, N>]) -> Jet<T, N>,
{
    let d: usize = alpha.iter().sum();
    assert!(
        d < N,
        "mixed_partial: |α| = {d} needs jets of order at least {d} (N > {d}), got N = {N}"
    );
    let mut acc = T::zero();
    for (dir, g) in mixed_partial_stencil(alpha) {
        let v: [T; D] = core::array::from_fn(|i| real::<T>(dir[i]));
        let y = directional(&f, x, &v);
        acc = acc + T::from(g).unwrap_or_else(T::nan) * y.coefficient(d);
    }
    acc
}

//! Arithmetic: `+ - * /`, negation, reciprocal, square, and the O(K) rules for a plain
//! (inactive) operand.

use super::convolution;
use super::generic::{self, at, EvenOdd};
use num_traits::Float;

/// `c = a * b`: c_k = Σ_{j=0..k} a_j b_{k-j}.
///
/// ```
/// use jet_runtime::rules;
///
/// // (1 + 2t)(3 + t) = 3 + 7t + 2t²
/// let (a, b) = ([1.0, 2.0, 0.0], [3.0, 1.0, 0.0]);
/// let c: Vec<f64> = (0..3).map(|k| rules::mul(&a, &b, k)).collect();
/// assert_eq!(c, [3.0, 7.0, 2.0]);
/// ```
#[inline(always)]
pub fn mul<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    generic::mul::<T, EvenOdd>(at(a), at(b), k)
}

/// `c = a / b`: c_k = (a_k − Σ_{j=1..k} b_j c_{k-j}) / b_0.
///
/// The value is the primal's `a_0 / b_0`; above it the rule multiplies by `1/b_0`, one
/// reciprocal that the compiler shares between all coefficients of a whole jet. At
/// `b_0 = 0` the coefficients are ±inf or NaN, as `a_0 / 0` is for the primal.
///
/// ```
/// use jet_runtime::rules;
///
/// // (2 + t) / (1 − t) = (2 + t)(1 + t + t² + ...) = 2 + 3t + 3t² + ...
/// let (a, b) = ([2.0, 1.0, 0.0], [1.0, -1.0, 0.0]);
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::div(&a, &b, &c, k);
/// }
/// assert_eq!(c, [2.0, 3.0, 3.0]);
/// ```
#[inline(always)]
pub fn div<T: Float>(a: &[T], b: &[T], c: &[T], k: usize) -> T {
    generic::div::<T, EvenOdd>(at(a), at(b), at(c), k)
}

/// `c = s / a` for a plain `s`: c_0 = s / a_0, c_k = −(Σ_{j=1..k} a_j c_{k-j}) / a_0.
///
/// ```
/// use jet_runtime::rules;
///
/// // 3 / (2 + t) = 3/2 − 3t/4 + 3t²/8 − ...
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::scalar_div(3.0, &a, &c, k);
/// }
/// assert_eq!(c, [1.5, -0.75, 0.375]);
/// ```
#[inline(always)]
pub fn scalar_div<T: Float>(s: T, a: &[T], c: &[T], k: usize) -> T {
    generic::scalar_div::<T, EvenOdd>(s, at(a), at(c), k)
}

/// `c = 1 / a`: [`scalar_div`] with `s = 1`.
///
/// ```
/// use jet_runtime::rules;
///
/// // 1 / (2 + t) = 1/2 − t/4 + t²/8 − ...
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = rules::recip(&a, &c, k);
/// }
/// assert_eq!(c, [0.5, -0.25, 0.125]);
/// ```
#[inline(always)]
pub fn recip<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    generic::recip::<T, EvenOdd>(at(a), at(c), k)
}

/// `c = a²`: c_k = 2 Σ_{j<k/2} a_j a_{k-j} (+ a_{k/2}² for even k); half the products of
/// `a * a`, and exact at `a_0 = 0`.
///
/// ```
/// use jet_runtime::rules;
///
/// // (1 + 2t + 3t²)² = 1 + 4t + 10t² + ...
/// let a = [1.0, 2.0, 3.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::square(&a, k)).collect();
/// assert_eq!(c, [1.0, 4.0, 10.0]);
/// ```
#[inline(always)]
pub fn square<T: Float>(a: &[T], k: usize) -> T {
    generic::square::<T, EvenOdd>(at(a), k)
}

/// `c = a * s` for a plain `s`: c_k = a_k s.
///
/// ```
/// use jet_runtime::rules;
///
/// let a = [1.0, 2.0, 3.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::mul_scalar(&a, 2.0, k)).collect();
/// assert_eq!(c, [2.0, 4.0, 6.0]);
/// ```
#[inline(always)]
pub fn mul_scalar<T: Float>(a: &[T], s: T, k: usize) -> T {
    a[k] * s
}

/// `c = a / s` for a plain `s`: c_k = a_k / s.
///
/// ```
/// use jet_runtime::rules;
///
/// let a = [1.0, 2.0, 3.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::div_scalar(&a, 2.0, k)).collect();
/// assert_eq!(c, [0.5, 1.0, 1.5]);
/// ```
#[inline(always)]
pub fn div_scalar<T: Float>(a: &[T], s: T, k: usize) -> T {
    a[k] / s
}

/// `c = a + s` for a plain `s`: only c_0 changes.
///
/// ```
/// use jet_runtime::rules;
///
/// let a = [1.0, 2.0, 3.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::add_scalar(&a, 5.0, k)).collect();
/// assert_eq!(c, [6.0, 2.0, 3.0]);
/// ```
#[inline(always)]
pub fn add_scalar<T: Float>(a: &[T], s: T, k: usize) -> T {
    if k == 0 {
        a[0] + s
    } else {
        a[k]
    }
}

/// `c = a + b`: c_k = a_k + b_k.
///
/// ```
/// use jet_runtime::rules;
///
/// let (a, b) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
/// let c: Vec<f64> = (0..3).map(|k| rules::add(&a, &b, k)).collect();
/// assert_eq!(c, [5.0, 7.0, 9.0]);
/// ```
#[inline(always)]
pub fn add<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    a[k] + b[k]
}

/// `c = a − b`: c_k = a_k − b_k.
///
/// ```
/// use jet_runtime::rules;
///
/// let (a, b) = ([1.0, 2.0, 3.0], [4.0, 6.0, 8.0]);
/// let c: Vec<f64> = (0..3).map(|k| rules::sub(&a, &b, k)).collect();
/// assert_eq!(c, [-3.0, -4.0, -5.0]);
/// ```
#[inline(always)]
pub fn sub<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    a[k] - b[k]
}

/// `c = −a`: c_k = −a_k.
///
/// ```
/// use jet_runtime::rules;
///
/// let a = [1.0, -2.0, 3.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::neg(&a, k)).collect();
/// assert_eq!(c, [-1.0, 2.0, -3.0]);
/// ```
#[inline(always)]
pub fn neg<T: Float>(a: &[T], k: usize) -> T {
    -a[k]
}

/// `c = s − a` for a plain `s`: c_0 = s − a_0, c_k = −a_k.
///
/// ```
/// use jet_runtime::rules;
///
/// let a = [1.0, 2.0, 3.0];
/// let c: Vec<f64> = (0..3).map(|k| rules::scalar_sub(5.0, &a, k)).collect();
/// assert_eq!(c, [4.0, -2.0, -3.0]);
/// ```
#[inline(always)]
pub fn scalar_sub<T: Float>(s: T, a: &[T], k: usize) -> T {
    if k == 0 {
        s - a[0]
    } else {
        -a[k]
    }
}

/// `d = a·b + c`: d_0 = `a_0.mul_add(b_0, c_0)` (fused, like the primal),
/// d_k = Σ_{j=0..k} a_j b_{k-j} + c_k.
///
/// ```
/// use jet_runtime::rules;
///
/// // (1 + t)(2 + t) + (3 + t²) = 5 + 3t + 2t²
/// let (a, b, c) = ([1.0, 1.0, 0.0], [2.0, 1.0, 0.0], [3.0, 0.0, 1.0]);
/// let mut d = [0.0; 3];
/// for k in 0..3 {
///     d[k] = rules::mul_add(&a, &b, &c, &d, k);
/// }
/// assert_eq!(d, [5.0, 3.0, 2.0]);
/// ```
#[inline(always)]
pub fn mul_add<T: Float>(a: &[T], b: &[T], c: &[T], _d: &[T], k: usize) -> T {
    if k == 0 {
        a[0].mul_add(b[0], c[0])
    } else {
        convolution(a, b, k, 0, k) + c[k]
    }
}

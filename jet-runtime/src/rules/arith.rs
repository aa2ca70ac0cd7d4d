//! Arithmetic: `+ - * /`, negation, reciprocal, square, and the O(K) rules for a plain
//! (inactive) operand.

use super::convolution;
use num_traits::Float;

/// `c = a * b`: c_k = Σ_{j=0..k} a_j b_{k-j}.
#[inline(always)]
pub fn mul<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    convolution(a, b, k, 0, k)
}

/// `c = a / b`: c_k = (a_k − Σ_{j=1..k} b_j c_{k-j}) / b_0.
///
/// The value is the primal's `a_0 / b_0`; above it the rule multiplies by `1/b_0`, one
/// reciprocal that the compiler shares between all coefficients of a whole jet. At
/// `b_0 = 0` the coefficients are ±inf or NaN, as `a_0 / 0` is for the primal.
#[inline(always)]
pub fn div<T: Float>(a: &[T], b: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0] / b[0]
    } else {
        (a[k] - convolution(b, c, k, 1, k)) * b[0].recip()
    }
}

/// `c = s / a` for a plain `s`: c_0 = s / a_0, c_k = −(Σ_{j=1..k} a_j c_{k-j}) / a_0.
#[inline(always)]
pub fn scalar_div<T: Float>(s: T, a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        s / a[0]
    } else {
        -convolution(a, c, k, 1, k) * a[0].recip()
    }
}

/// `c = 1 / a`: [`scalar_div`] with `s = 1`.
#[inline(always)]
pub fn recip<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    scalar_div(T::one(), a, c, k)
}

/// `c = a²`: c_k = 2 Σ_{j<k/2} a_j a_{k-j} (+ a_{k/2}² for even k); half the products of
/// `a * a`, and exact at `a_0 = 0`.
#[inline(always)]
pub fn square<T: Float>(a: &[T], k: usize) -> T {
    // Pairs (j, k - j) for j < k - j, then the middle term for even k.
    let s = if k == 0 {
        T::zero()
    } else {
        convolution(a, a, k, 0, (k - 1) / 2)
    };
    let s = s + s;
    if k % 2 == 0 {
        s + a[k / 2] * a[k / 2]
    } else {
        s
    }
}

/// `c = a * s` for a plain `s`: c_k = a_k s.
#[inline(always)]
pub fn mul_scalar<T: Float>(a: &[T], s: T, k: usize) -> T {
    a[k] * s
}

/// `c = a / s` for a plain `s`: c_k = a_k / s.
#[inline(always)]
pub fn div_scalar<T: Float>(a: &[T], s: T, k: usize) -> T {
    a[k] / s
}

/// `c = a + s` for a plain `s`: only c_0 changes.
#[inline(always)]
pub fn add_scalar<T: Float>(a: &[T], s: T, k: usize) -> T {
    if k == 0 {
        a[0] + s
    } else {
        a[k]
    }
}

/// `c = a + b`: c_k = a_k + b_k.
#[inline(always)]
pub fn add<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    a[k] + b[k]
}

/// `c = a − b`: c_k = a_k − b_k.
#[inline(always)]
pub fn sub<T: Float>(a: &[T], b: &[T], k: usize) -> T {
    a[k] - b[k]
}

/// `c = −a`: c_k = −a_k.
#[inline(always)]
pub fn neg<T: Float>(a: &[T], k: usize) -> T {
    -a[k]
}

/// `c = s − a` for a plain `s`: c_0 = s − a_0, c_k = −a_k.
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
#[inline(always)]
pub fn mul_add<T: Float>(a: &[T], b: &[T], c: &[T], _d: &[T], k: usize) -> T {
    if k == 0 {
        a[0].mul_add(b[0], c[0])
    } else {
        convolution(a, b, k, 0, k) + c[k]
    }
}

//! Exponentials and logarithms.

use super::{derivative_convolution, scalar};
use num_traits::Float;

/// `c = exp(a)`: c_0 = e^{a_0}, c_k = (1/k) Σ_{j=1..k} j a_j c_{k-j}.
#[inline(always)]
pub fn exp<T: Float>(a: &[T], c: &[T], k: usize) -> T {
    if k == 0 {
        a[0].exp()
    } else {
        derivative_convolution(a, c, k) / scalar(k)
    }
}

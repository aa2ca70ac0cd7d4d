//! Incremental rules for the kernels that `#[jet::ode]` generates (not a public API).
//!
//! The recurrences are the shared ones, `jet::rules::generic`: the functions behind the
//! public slice rules of `jet::rules`. What is here is how the ODE mode calls them.
//! Its order-by-order evaluation spends a step's time mostly on one dependency chain: the
//! state's coefficient `k + 1` needs coefficient `k` of every intermediate, which needs
//! the state's coefficient `k`, and so on for every order. So:
//!
//! - **Inputs are accessors** `Fn(usize) -> T` rather than slices. In the generated passes
//!   over a literal `k` they return the newest coefficients (`k` and `k − 1`) and
//!   coefficient 0 from locals, so a coefficient computed in one statement reaches the
//!   next one in a register instead of through a store and a reload (the buffers of the
//!   state and of the intermediates may alias as far as the compiler knows), and older
//!   ones from the buffers.
//! - **Sums add the newest terms last** (`MiddleOut`, the summation strategy passed to
//!   the shared recurrences). In `Σ_j a_j b_{k−j}` the newest coefficients sit at both
//!   ends of the range (`j = 0` and `j = k`); `sum` runs two chains from the middle
//!   outward, so a new coefficient is one multiplication and two additions away from the
//!   sum, while the older terms are added before it arrives.
//! - **The code stays scalar.** `KernelFloat::barrier` keeps the compiler from packing
//!   the terms of a sum, or its two chains, into the lanes of vector registers: on
//!   x86-64 without FMA that packing costs a shuffle per term and lengthened the Lorenz
//!   kernel's step from 140 to 180 ns (measured with the SLP vectorizer switched off
//!   globally, `-C llvm-args=-vectorize-slp=false`, which a library cannot ask for).
//!
//! Results equal the whole-jet rules' up to the order of the additions (rounding only).

use crate::rules::generic::{self, Summation};
use num_traits::Float;

/// The float types of `#[jet::ode]` right-hand sides (`f64`, `f32`).
pub trait KernelFloat: Float {
    /// `self`, through an empty `asm!` block on x86-64, which the optimizer cannot look
    /// into: values passed through it are not packed into vector lanes with others.
    /// Costs no instruction (the value stays in its register).
    ///
    /// ```
    /// use jet::ode::__kernels::KernelFloat;
    /// assert_eq!(1.5f64.barrier(), 1.5);
    /// assert_eq!((-0.0f32).barrier().to_bits(), (-0.0f32).to_bits());
    /// ```
    fn barrier(self) -> Self;
}

impl KernelFloat for f64 {
    #[inline(always)]
    fn barrier(self) -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            let mut x = self;
            // SAFETY: the template is a comment; the block only states that it reads
            // and writes `x` in an XMM register, touches no memory, stack or flags.
            unsafe {
                core::arch::asm!(
                    "/* {0} */",
                    inout(xmm_reg) x,
                    options(pure, nomem, nostack, preserves_flags)
                );
            }
            x
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            self
        }
    }
}

impl KernelFloat for f32 {
    #[inline(always)]
    fn barrier(self) -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            let mut x = self;
            // SAFETY: as for `f64`.
            unsafe {
                core::arch::asm!(
                    "/* {0} */",
                    inout(xmm_reg) x,
                    options(pure, nomem, nostack, preserves_flags)
                );
            }
            x
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            self
        }
    }
}

/// `Σ_{j=lo..=hi} term(j)` (`-0.0` when empty) as two chains from the middle of the range
/// outward (down to `lo`, up to `hi`), added at the end: the terms at the ends, which
/// hold the newest coefficients in the Cauchy sums of the ODE mode, come last. Terms
/// and chains pass through [`KernelFloat::barrier`].
///
/// ```
/// assert_eq!(jet::ode::__kernels::sum(1, 4, |j| j as f64), 10.0);
/// assert_eq!(jet::ode::__kernels::sum(2, 1, |j| j as f64), 0.0);
/// ```
#[inline(always)]
pub fn sum<T: KernelFloat>(lo: usize, hi: usize, term: impl Fn(usize) -> T) -> T {
    if lo > hi {
        return -T::zero();
    }
    let term = |j: usize| term(j).barrier();
    let mid = lo + (hi - lo) / 2;
    let mut down = term(mid);
    let mut j = mid;
    while j > lo {
        j -= 1;
        down = down + term(j);
    }
    if mid == hi {
        return down;
    }
    let mut j = mid + 1;
    let mut up = term(j);
    while j < hi {
        j += 1;
        up = up + term(j);
    }
    down.barrier() + up
}

/// [`sum`] of two series of terms in one pass (the terms of both computed together, so
/// that what they share is computed once also where `k` is not a constant).
///
/// ```
/// let (s, t) = jet::ode::__kernels::sum_pair(1, 4, |j| (j as f64, (j * j) as f64));
/// assert_eq!((s, t), (10.0, 30.0));
/// ```
#[inline(always)]
pub fn sum_pair<T: KernelFloat>(lo: usize, hi: usize, term: impl Fn(usize) -> (T, T)) -> (T, T) {
    if lo > hi {
        return (-T::zero(), -T::zero());
    }
    let term = |j: usize| {
        let (x, y) = term(j);
        (x.barrier(), y.barrier())
    };
    let mid = lo + (hi - lo) / 2;
    let (mut down_x, mut down_y) = term(mid);
    let mut j = mid;
    while j > lo {
        j -= 1;
        let (x, y) = term(j);
        down_x = down_x + x;
        down_y = down_y + y;
    }
    if mid == hi {
        return (down_x, down_y);
    }
    let mut j = mid + 1;
    let (mut up_x, mut up_y) = term(j);
    while j < hi {
        j += 1;
        let (x, y) = term(j);
        up_x = up_x + x;
        up_y = up_y + y;
    }
    (down_x.barrier() + up_x, down_y.barrier() + up_y)
}

/// The ODE mode's summation strategy for [`generic`]: [`sum`] and [`sum_pair`]
/// (middle-out chains through [`KernelFloat::barrier`]), and the terms outside the sums
/// that hold the newest coefficients associated last
/// ([`Summation::NEWEST_LAST`](generic::Summation::NEWEST_LAST)).
///
/// ```
/// use jet::ode::__kernels::MiddleOut;
/// use jet::rules::generic::Summation;
/// assert_eq!(<MiddleOut as Summation<f64>>::sum(1, 4, |j| j as f64), 10.0);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct MiddleOut;

impl<T: KernelFloat> Summation<T> for MiddleOut {
    const NEWEST_LAST: bool = true;

    #[inline(always)]
    fn sum(lo: usize, hi: usize, term: impl Fn(usize) -> T) -> T {
        sum(lo, hi, term)
    }

    #[inline(always)]
    fn sum_pair(lo: usize, hi: usize, term: impl Fn(usize) -> (T, T)) -> (T, T) {
        sum_pair(lo, hi, term)
    }
}

/// `c = a · b`: [`generic::mul`] with [`MiddleOut`].
///
/// ```
/// let (a, b) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
/// assert_eq!(jet::ode::__kernels::mul(|j| a[j], |j| b[j], 2), 28.0);
/// ```
#[inline(always)]
pub fn mul<T: KernelFloat>(
    a: impl Fn(usize) -> T + Copy,
    b: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    generic::mul::<T, MiddleOut>(a, b, k)
}

/// `c = a²`: [`generic::square`] with [`MiddleOut`] (the term `(2 a_0) a_k`, with the
/// newest coefficient, added last).
///
/// ```
/// let a = [1.0, 2.0, 3.0, 4.0];
/// let c: Vec<f64> = (0..4).map(|k| jet::ode::__kernels::square(|j| a[j], k)).collect();
/// assert_eq!(c, [1.0, 4.0, 10.0, 20.0]);
/// ```
#[inline(always)]
pub fn square<T: KernelFloat>(a: impl Fn(usize) -> T + Copy, k: usize) -> T {
    generic::square::<T, MiddleOut>(a, k)
}

/// `c = a / b`: [`generic::div`] with [`MiddleOut`].
///
/// ```
/// let (a, b) = ([2.0, 1.0, 0.0], [1.0, -1.0, 0.0]);
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = jet::ode::__kernels::div(|j| a[j], |j| b[j], |j| c[j], k);
/// }
/// assert_eq!(c, [2.0, 3.0, 3.0]);
/// ```
#[inline(always)]
pub fn div<T: KernelFloat>(
    a: impl Fn(usize) -> T + Copy,
    b: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    generic::div::<T, MiddleOut>(a, b, c, k)
}

/// `c = s / a` for a plain `s`: [`generic::scalar_div`] with [`MiddleOut`].
///
/// ```
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = jet::ode::__kernels::scalar_div(3.0, |j| a[j], |j| c[j], k);
/// }
/// assert_eq!(c, [1.5, -0.75, 0.375]);
/// ```
#[inline(always)]
pub fn scalar_div<T: KernelFloat>(
    s: T,
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    generic::scalar_div::<T, MiddleOut>(s, a, c, k)
}

/// `c = 1 / a`: [`generic::recip`] with [`MiddleOut`].
///
/// ```
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = jet::ode::__kernels::recip(|j| a[j], |j| c[j], k);
/// }
/// assert_eq!(c, [0.5, -0.25, 0.125]);
/// ```
#[inline(always)]
pub fn recip<T: KernelFloat>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    generic::recip::<T, MiddleOut>(a, c, k)
}

/// `c = exp a`: [`generic::exp`] with [`MiddleOut`].
///
/// ```
/// let a = [0.5, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = jet::ode::__kernels::exp(|j| a[j], |j| c[j], k);
/// }
/// let e = 0.5f64.exp();
/// assert!((c[1] - e).abs() < 1e-15 && (c[2] - e / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn exp<T: KernelFloat>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    generic::exp::<T, MiddleOut>(a, c, k)
}

/// `(sin a, cos a)`: [`generic::sin_cos`] with [`MiddleOut`] (both sums in one pass).
///
/// ```
/// let a = [0.3, 1.0, 0.0];
/// let (mut s, mut c) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (s[k], c[k]) = jet::ode::__kernels::sin_cos(|j| a[j], |j| s[j], |j| c[j], k);
/// }
/// let (sin, cos) = 0.3f64.sin_cos();
/// assert!((s[1] - cos).abs() < 1e-15 && (s[2] + sin / 2.0).abs() < 1e-15);
/// assert!((c[1] + sin).abs() < 1e-15 && (c[2] + cos / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn sin_cos<T: KernelFloat>(
    a: impl Fn(usize) -> T + Copy,
    s: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> (T, T) {
    generic::sin_cos::<T, MiddleOut>(a, s, c, k)
}

/// `(sinh a, cosh a)`: [`generic::sinh_cosh`] with [`MiddleOut`] (both sums in one pass).
///
/// ```
/// let a = [0.3, 1.0, 0.0];
/// let (mut s, mut c) = ([0.0; 3], [0.0; 3]);
/// for k in 0..3 {
///     (s[k], c[k]) = jet::ode::__kernels::sinh_cosh(|j| a[j], |j| s[j], |j| c[j], k);
/// }
/// assert!((s[1] - 0.3f64.cosh()).abs() < 1e-15 && (c[2] - 0.3f64.cosh() / 2.0).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn sinh_cosh<T: KernelFloat>(
    a: impl Fn(usize) -> T + Copy,
    s: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> (T, T) {
    generic::sinh_cosh::<T, MiddleOut>(a, s, c, k)
}

/// `c = a^r` for a plain `r`: [`generic::powf`] with [`MiddleOut`].
///
/// At `a_0 = 0` with a nonnegative integer `r` (where the shared rule restarts the
/// recurrence at the first nonzero coefficient) it returns `shared()`, the slice rule
/// [`crate::rules::powf`] called on the buffers.
///
/// ```
/// let a = [2.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = jet::ode::__kernels::powf(|j| a[j], |j| c[j], k, 2.5, || unreachable!());
/// }
/// let r2 = 2f64.sqrt();
/// assert!((c[1] - 2.5 * 2.0 * r2).abs() < 1e-14 * c[1]);
/// assert!((c[2] - 1.875 * r2).abs() < 1e-14 * c[2]);
/// ```
#[inline(always)]
pub fn powf<T: KernelFloat>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
    r: T,
    shared: impl FnOnce() -> T,
) -> T {
    generic::powf::<T, MiddleOut>(a, c, k, r, |_| shared())
}

/// `c = √a`: [`generic::sqrt`] with [`MiddleOut`].
///
/// ```
/// let a = [1.0, 1.0, 0.0];
/// let mut c = [0.0; 3];
/// for k in 0..3 {
///     c[k] = jet::ode::__kernels::sqrt(|j| a[j], |j| c[j], k);
/// }
/// assert_eq!(c, [1.0, 0.5, -0.125]);
/// ```
#[inline(always)]
pub fn sqrt<T: KernelFloat>(
    a: impl Fn(usize) -> T + Copy,
    c: impl Fn(usize) -> T + Copy,
    k: usize,
) -> T {
    generic::sqrt::<T, MiddleOut>(a, c, k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    const N: usize = 21;

    /// A series with coefficients of mixed signs and decaying size.
    fn series(seed: f64) -> [f64; N] {
        core::array::from_fn(|k| (seed + 0.37 * k as f64).sin() / (1.0 + k as f64).powi(2))
    }

    /// `c` and `d` by the kernel and by the shared rule agree to `tol` relative to the
    /// largest coefficient of the order.
    fn agree(kernel: &[f64], shared: &[f64], tol: f64, what: &str) {
        for (k, (x, y)) in kernel.iter().zip(shared).enumerate() {
            let scale = x.abs().max(y.abs()).max(1e-300);
            assert!(
                (x - y).abs() <= tol * scale,
                "{what}: c_{k} = {x:e} vs {y:e}"
            );
        }
    }

    /// A unary rule with its own output as input (`c_k = rule(a, c, k)`), both ways.
    fn unary(
        a: &[f64; N],
        kernel: impl Fn(&dyn Fn(usize) -> f64, &dyn Fn(usize) -> f64, usize) -> f64,
        shared: impl Fn(&[f64], &[f64], usize) -> f64,
        what: &str,
    ) {
        let (mut c, mut d) = ([0.0; N], [0.0; N]);
        for k in 0..N {
            c[k] = kernel(&|j| a[j], &|j| c[j], k);
            d[k] = shared(a, &d, k);
        }
        agree(&c, &d, 1e-13, what);
    }

    #[test]
    fn kernels_agree_with_the_shared_rules() {
        let (a, b) = (series(0.3), series(1.1));
        let mut shifted = a;
        shifted[0] += 2.0; // a positive value for sqrt, powf, recip
        let c: Vec<f64> = (0..N).map(|k| mul(|j| a[j], |j| b[j], k)).collect();
        let d: Vec<f64> = (0..N).map(|k| rules::mul(&a, &b, k)).collect();
        agree(&c, &d, 1e-14, "mul");
        let c: Vec<f64> = (0..N).map(|k| square(|j| a[j], k)).collect();
        let d: Vec<f64> = (0..N).map(|k| rules::square(&a, k)).collect();
        agree(&c, &d, 1e-14, "square");
        let (mut c, mut d) = ([0.0; N], [0.0; N]);
        for k in 0..N {
            c[k] = div(|j| b[j], |j| shifted[j], |j| c[j], k);
            d[k] = rules::div(&b, &shifted, &d, k);
        }
        agree(&c, &d, 1e-13, "div");
        let (mut c, mut d) = ([0.0; N], [0.0; N]);
        for k in 0..N {
            c[k] = scalar_div(1.5, |j| shifted[j], |j| c[j], k);
            d[k] = rules::scalar_div(1.5, &shifted, &d, k);
        }
        agree(&c, &d, 1e-13, "scalar_div");
        unary(&shifted, |a, c, k| recip(a, c, k), rules::recip, "recip");
        unary(&shifted, |a, c, k| sqrt(a, c, k), rules::sqrt, "sqrt");
        unary(&a, |a, c, k| exp(a, c, k), rules::exp, "exp");
        unary(
            &shifted,
            |a, c, k| powf(a, c, k, 1.5, || unreachable!("a_0 ≠ 0")),
            |a, c, k| rules::powf(a, c, k, 1.5),
            "powf",
        );
        let (mut s, mut co, mut s2, mut co2) = ([0.0; N], [0.0; N], [0.0; N], [0.0; N]);
        for k in 0..N {
            (s[k], co[k]) = sin_cos(|j| a[j], |j| s[j], |j| co[j], k);
            (s2[k], co2[k]) = rules::sin_cos(&a, &s2, &co2, k);
        }
        agree(&s, &s2, 1e-13, "sin");
        agree(&co, &co2, 1e-13, "cos");
        for k in 0..N {
            (s[k], co[k]) = sinh_cosh(|j| a[j], |j| s[j], |j| co[j], k);
            (s2[k], co2[k]) = rules::sinh_cosh(&a, &s2, &co2, k);
        }
        agree(&s, &s2, 1e-13, "sinh");
        agree(&co, &co2, 1e-13, "cosh");
    }

    #[test]
    fn powf_hands_a_zero_value_with_an_integer_exponent_to_the_shared_rule() {
        // (t + t²)³ = t³ + 3t⁴ + 3t⁵ + t⁶: exact through the shared rule's restart.
        let mut a = [0.0; 8];
        (a[1], a[2]) = (1.0, 1.0);
        let mut c = [0.0; 8];
        for k in 0..8 {
            let shared = rules::powf(&a[..=k], &c[..k], k, 3.0);
            c[k] = powf(|j| a[j], |j| c[j], k, 3.0, || shared);
        }
        assert_eq!(c, [0.0, 0.0, 0.0, 1.0, 3.0, 3.0, 1.0, 0.0]);
    }

    #[test]
    fn sums_put_the_ends_last_and_are_exact_on_integers() {
        for lo in 0..6 {
            for hi in 0..9 {
                let exact: f64 = (lo..=hi).map(|j| (j * j) as f64).sum();
                let expected = if lo > hi { 0.0 } else { exact };
                assert_eq!(sum(lo, hi, |j| (j * j) as f64), expected, "{lo}..={hi}");
            }
        }
        // The terms in the order the chains take them: down from the middle to `lo`,
        // up from the middle to `hi`; each end is the last term of its chain.
        let order = core::cell::RefCell::new(Vec::new());
        let _ = sum(0, 6, |j| {
            order.borrow_mut().push(j);
            j as f64
        });
        assert_eq!(order.into_inner(), [3, 2, 1, 0, 4, 5, 6]);
    }
}

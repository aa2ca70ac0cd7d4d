//! `std::ops` for [`Jet`]: operators between jets, and with a plain scalar on either side.
//!
//! Every impl comes from [`jet_ops!`] and delegates to a [`Taylor`] method, so the
//! rules stay in [`rules`](crate::rules):
//!
//! | expression        | method                     | cost  |
//! |-------------------|----------------------------|-------|
//! | `jet op jet`      | `add` `sub` `mul` `div`    | O(K) for `+ -`, O(K²) for `* /` |
//! | `jet op T`        | `add_scalar` ... `div_scalar` | O(K) |
//! | `T op jet`        | `add_scalar`, `rsub_scalar`, `mul_scalar`, `rdiv_scalar` | O(K), `/` O(K²) |
//!
//! `Jet op T` is generic over `T: Float`; `T op Jet` exists for `f32` and `f64` (the
//! orphan rule forbids a generic left-hand scalar). Comparisons are deliberately not
//! implemented: `#[jet]` lowers them to the primal values.
//!
//! ```
//! use jet_runtime::Jet;
//!
//! let x = Jet::<f64, 3>::variable(2.0); // 2 + t
//! let y = 1.0 / x - x * 3.0 + 2.0;      // 1/x - 3x + 2
//! assert_eq!(y.derivatives(), [-3.5, -3.25, 0.25]);
//! let s: Jet<f64, 3> = [x, x, x].into_iter().sum();
//! assert_eq!(s.coefficients(), [6.0, 3.0, 0.0]);
//! ```

use crate::{Jet, Taylor};
use core::iter::{Product, Sum};
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};
use num_traits::Float;

/// For each `(Trait, method, AssignTrait, assign_method; jet_jet, jet_scalar,
/// scalar_jet)` row: `Jet op Jet`, `Jet op T`, `f32/f64 op Jet`, `Jet op= Jet`,
/// `Jet op= T`. `scalar_jet` is `|jet, s| ...` computing `s op jet`.
macro_rules! jet_ops {
    ($(($Op:ident, $op:ident, $OpAssign:ident, $op_assign:ident;
        $jet_jet:path, $jet_scalar:path, $scalar_jet:path)),* $(,)?) => {
        $(
            impl<T: Float, const N: usize> $Op for Jet<T, N> {
                type Output = Self;
                #[inline]
                fn $op(self, rhs: Self) -> Self {
                    $jet_jet(self, rhs)
                }
            }

            impl<T: Float, const N: usize> $Op<T> for Jet<T, N> {
                type Output = Self;
                #[inline]
                fn $op(self, rhs: T) -> Self {
                    $jet_scalar(self, rhs)
                }
            }

            impl<T: Float, const N: usize> $OpAssign for Jet<T, N> {
                #[inline]
                fn $op_assign(&mut self, rhs: Self) {
                    *self = $jet_jet(*self, rhs);
                }
            }

            impl<T: Float, const N: usize> $OpAssign<T> for Jet<T, N> {
                #[inline]
                fn $op_assign(&mut self, rhs: T) {
                    *self = $jet_scalar(*self, rhs);
                }
            }

            jet_ops!(@scalar_lhs $Op, $op, $scalar_jet, f32, f64);
        )*
    };
    (@scalar_lhs $Op:ident, $op:ident, $scalar_jet:path, $($S:ty),*) => {
        $(
            impl<const N: usize> $Op<Jet<$S, N>> for $S {
                type Output = Jet<$S, N>;
                #[inline]
                fn $op(self, rhs: Jet<$S, N>) -> Jet<$S, N> {
                    $scalar_jet(rhs, self)
                }
            }
        )*
    };
}

jet_ops! {
    (Add, add, AddAssign, add_assign; Taylor::add, Taylor::add_scalar, Taylor::add_scalar),
    (Sub, sub, SubAssign, sub_assign; Taylor::sub, Taylor::sub_scalar, Taylor::rsub_scalar),
    (Mul, mul, MulAssign, mul_assign; Taylor::mul, Taylor::mul_scalar, Taylor::mul_scalar),
    (Div, div, DivAssign, div_assign; Taylor::div, Taylor::div_scalar, Taylor::rdiv_scalar),
}

impl<T: Float, const N: usize> Neg for Jet<T, N> {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        Taylor::neg(self)
    }
}

impl<T: Float, const N: usize> Sum for Jet<T, N> {
    /// The sum of the jets; the zero jet for an empty iterator.
    #[inline]
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Jet::constant(T::zero()), Taylor::add)
    }
}

impl<'a, T: Float, const N: usize> Sum<&'a Jet<T, N>> for Jet<T, N> {
    /// The sum of the jets; the zero jet for an empty iterator.
    #[inline]
    fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.copied().sum()
    }
}

impl<T: Float, const N: usize> Product for Jet<T, N> {
    /// The product of the jets; the constant 1 for an empty iterator.
    #[inline]
    fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Jet::constant(T::one()), Taylor::mul)
    }
}

impl<'a, T: Float, const N: usize> Product<&'a Jet<T, N>> for Jet<T, N> {
    /// The product of the jets; the constant 1 for an empty iterator.
    #[inline]
    fn product<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.copied().product()
    }
}

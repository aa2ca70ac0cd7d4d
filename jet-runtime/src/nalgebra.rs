//! `Jet<T, N>` as a [nalgebra](https://nalgebra.org) scalar (feature `nalgebra`).
//!
//! nalgebra 0.34 asks its scalars for the traits of simba 0.9 ([`RealField`],
//! [`ComplexField`], [`Field`], [`SimdValue`], [`SubsetOf`]), of num-traits ([`Zero`],
//! [`One`], [`Num`], [`FromPrimitive`], [`Signed`]) and of approx ([`AbsDiffEq`],
//! [`RelativeEq`], [`UlpsEq`]), plus [`PartialOrd`] and `%`. This module implements them
//! for `Jet<T, N>` with `T = f32` or `f64`, so `SVector<Jet<f64, 4>, D>`, `DMatrix<Jet<..>>`
//! and nalgebra's generic code (products, `dot`, `norm`, LU, Cholesky, inverses, ...) run
//! on jets: every entry carries its Taylor coefficients along one curve `t`.
//!
//! Every function maps to the [`Jet`] method of the same name, so each Taylor rule still
//! lives in exactly one place ([`rules`](crate::rules)); nothing here is a new recurrence.
//! Functions without a rule of their own are compositions of rules: `fract = x − trunc x`,
//! `log(base) = ln x / ln base`, `x % y = x − q y` with the integer quotient `q` of the
//! primal values.
//!
//! # What comparisons read
//! - **Ordering** (`<`, `<=`, `partial_cmp`, `max`, `min`, `clamp`, `is_positive`,
//!   `copysign`, `try_sqrt`, nalgebra's pivot searches) reads the **primal value**; only
//!   when two primal values are equal do the higher coefficients break the tie, the first
//!   differing one deciding (which curve is larger for small `t > 0`: the tie rule of
//!   [`Jet::max`], [`Jet::min`] and [`Jet::abs`]). So generic code takes the branch the
//!   primal takes wherever the primal decides, and `partial_cmp` stays consistent with
//!   `==`, which compares every coefficient.
//! - **Equality-like predicates** (`==`, [`Zero::is_zero`], [`ComplexField::is_finite`],
//!   and the approx traits) look at **every coefficient**: `assert_relative_eq!` on jets
//!   checks the derivatives too, with the tolerance given by the primal of `epsilon`
//!   (`Epsilon = Self` is what `RealField` requires). A pivot whose value is 0 but whose
//!   series is not is therefore not "zero": LU and `try_inverse` go on and give the IEEE
//!   result (±inf/NaN coefficients) instead of `None`.
//!
//! `sinc`, `cosc`, `sinhc` and `coshc` keep simba's defaults (`sin x / x` unless the
//! whole series is 0), which are NaN for a jet through 0.
//!
//! # `#[jet]` functions and generic nalgebra code
//! `#[jet]` takes `&SVector<f64, D>`, `SMatrix`, `DVector`, ... parameters and results
//! and lowers their arithmetic entry by entry with [`Taylor`](crate::Taylor) rules (the
//! helpers it calls live here too, behind `jet::__private`). Code that needs more of
//! nalgebra (decompositions, solves) needs no transformation: write it generic over
//! `T: RealField + Copy` and call it with jets.
//!
//! ```
//! use jet_runtime::Jet;
//! use nalgebra::{RealField, Vector3};
//!
//! fn gaussian<T: RealField + Copy>(x: &Vector3<T>) -> T {
//!     let half: T = nalgebra::convert(-0.5);
//!     (x.norm_squared() * half).exp()
//! }
//! // d²/dt² e^{−|x0 + t e1|²/2} at x0 = 0 is −1
//! let x = Vector3::new(Jet::<f64, 3>::variable(0.0), Jet::constant(0.0), Jet::constant(0.0));
//! assert_eq!(gaussian(&x).derivatives(), [1.0, 0.0, -1.0]);
//! assert_eq!(gaussian(&Vector3::new(0.0, 0.0, 0.0)), 1.0); // the same code on f64
//! ```
//!
//! ```
//! use jet_runtime::Jet;
//! use nalgebra::{Matrix2, Vector2};
//!
//! type J = Jet<f64, 4>;
//! // x(t) = x0 + t v: every entry of the result carries its derivatives in t.
//! let x = Vector2::new(J::along(3.0, 1.0), J::along(4.0, -2.0));
//! let n = x.norm(); // √((3 + t)² + (4 − 2t)²) = √(25 − 10t + 5t²)
//! assert_eq!(n.value(), 5.0);
//! assert!((n.derivative(1) - (-1.0)).abs() < 1e-15); // (x0·v) / |x0| = −5/5
//! assert!((n.derivative(2) - 0.8).abs() < 1e-15); // (|v|² |x0|² − (x0·v)²) / |x0|³ = 100/125
//!
//! // A(t) = [[2 + t, 1], [1, 3]]: solve A y = b, y(t) = A(t)⁻¹ b
//! let a = Matrix2::new(J::variable(2.0), J::constant(1.0), J::constant(1.0), J::constant(3.0));
//! let b = Vector2::new(J::constant(1.0), J::constant(2.0));
//! let y = a.lu().solve(&b).unwrap();
//! // det = 5 + 3t, y0 = (3 − 2)/(5 + 3t) = 1/(5 + 3t): y0' = −3/25 at t = 0
//! assert!((y[0].value() - 0.2).abs() < 1e-15);
//! assert!((y[0].derivative(1) + 3.0 / 25.0).abs() < 1e-15);
//! ```

use crate::Jet;
use approx::{AbsDiffEq, RelativeEq, UlpsEq};
use core::cmp::Ordering;
use core::ops::{Rem, RemAssign};
use num_traits::{Float, FromPrimitive, Num, One, Signed, Zero};
use simba::scalar::{ComplexField, Field, RealField, SubsetOf, SupersetOf};
use simba::simd::SimdValue;

impl<T: Float, const N: usize> Jet<T, N> {
    /// The first nonzero coefficient (the sign of the curve for small `t > 0`), or the
    /// value when every coefficient is zero (keeping the sign of a zero, like `f64`).
    #[inline]
    fn leading(&self) -> T {
        let c = self.as_coefficients();
        c.iter()
            .copied()
            .find(|ck| *ck != T::zero())
            .unwrap_or_else(|| c.first().copied().unwrap_or_else(T::zero))
    }

    /// Whether every coefficient above the value is zero (the jet is a constant).
    #[inline]
    fn is_constant(&self) -> bool {
        self.as_coefficients()
            .iter()
            .skip(1)
            .all(|ck| *ck == T::zero())
    }
}

// ---- ordering ------------------------------------------------------------------------

/// With the `nalgebra` feature: ordering by the primal value, ties broken by the first
/// differing higher coefficient (which curve is larger for small `t > 0`). Consistent with
/// `==`, which compares every coefficient; NaN compares as unordered.
///
/// ```
/// use jet_runtime::Jet;
/// let x = Jet::<f64, 3>::variable(1.0); // 1 + t
/// assert!(x < Jet::constant(2.0) && x > Jet::constant(0.5)); // the values decide
/// assert!(x > Jet::constant(1.0)); // tie: 1 + t > 1 for t > 0
/// assert!(Jet::<f64, 3>::constant(f64::NAN).partial_cmp(&x).is_none());
/// ```
impl<T: Float, const N: usize> PartialOrd for Jet<T, N> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        for (a, b) in self
            .as_coefficients()
            .iter()
            .zip(other.as_coefficients().iter())
        {
            match a.partial_cmp(b)? {
                Ordering::Equal => {}
                order => return Some(order),
            }
        }
        Some(Ordering::Equal)
    }
}

// ---- remainder -------------------------------------------------------------------------

/// With the `nalgebra` feature (num-traits' `Num` requires it): `x % y` like `f64`'s
/// truncated remainder. The value is `x0 % y0`; the higher coefficients are those of
/// `x − q·y` with the integer quotient `q` of the primal values held constant (the
/// remainder is piecewise `x − q y`; it jumps where `q` changes). `y0 = 0` gives NaN.
///
/// ```
/// use jet_runtime::Jet;
/// let x = Jet::<f64, 3>::from_coefficients([7.5, 1.0, 2.0]);
/// let y = Jet::<f64, 3>::from_coefficients([2.0, 0.5, 0.0]);
/// // q = 3: x − 3y
/// assert_eq!((x % y).coefficients(), [1.5, -0.5, 2.0]);
/// assert_eq!((x % 2.0).coefficients(), [1.5, 1.0, 2.0]);
/// ```
impl<T: Float, const N: usize> Rem for Jet<T, N> {
    type Output = Self;
    #[inline]
    fn rem(self, rhs: Self) -> Self {
        let (a, b) = (self.value(), rhs.value());
        let r = a % b;
        // a − r = q b exactly (fmod is exact), so the rounded quotient is q itself.
        let q = ((a - r) / b).round();
        let mut c = (self - rhs * q).coefficients();
        if let Some(c0) = c.first_mut() {
            *c0 = r;
        }
        Jet::from_coefficients(c)
    }
}

/// With the `nalgebra` feature: `x % y` for a plain `y`, as `x % Jet::constant(y)`.
///
/// ```
/// use jet_runtime::Jet;
/// assert_eq!((Jet::<f64, 2>::variable(-7.5) % 2.0).coefficients(), [-1.5, 1.0]);
/// ```
impl<T: Float, const N: usize> Rem<T> for Jet<T, N> {
    type Output = Self;
    #[inline]
    fn rem(self, rhs: T) -> Self {
        self % Jet::constant(rhs)
    }
}

/// With the `nalgebra` feature: `x %= y`, as `x = x % y`.
///
/// ```
/// use jet_runtime::Jet;
/// let mut x = Jet::<f64, 2>::variable(7.5);
/// x %= Jet::constant(2.0);
/// assert_eq!(x.coefficients(), [1.5, 1.0]);
/// ```
impl<T: Float, const N: usize> RemAssign for Jet<T, N> {
    #[inline]
    fn rem_assign(&mut self, rhs: Self) {
        *self = *self % rhs;
    }
}

/// With the `nalgebra` feature: `x %= y` for a plain `y`.
///
/// ```
/// use jet_runtime::Jet;
/// let mut x = Jet::<f64, 2>::variable(7.5);
/// x %= 2.0;
/// assert_eq!(x.coefficients(), [1.5, 1.0]);
/// ```
impl<T: Float, const N: usize> RemAssign<T> for Jet<T, N> {
    #[inline]
    fn rem_assign(&mut self, rhs: T) {
        *self = *self % rhs;
    }
}

// ---- num-traits --------------------------------------------------------------------------

/// With the `nalgebra` feature: the zero series; `is_zero` checks every coefficient.
///
/// ```
/// use jet_runtime::Jet;
/// use num_traits::Zero;
/// assert!(Jet::<f64, 3>::zero().is_zero());
/// assert!(!Jet::<f64, 3>::variable(0.0).is_zero()); // value 0, but t ≠ 0
/// ```
impl<T: Float, const N: usize> Zero for Jet<T, N> {
    #[inline]
    fn zero() -> Self {
        Jet::constant(T::zero())
    }
    #[inline]
    fn is_zero(&self) -> bool {
        self.as_coefficients().iter().all(|ck| ck.is_zero())
    }
}

/// With the `nalgebra` feature: the constant series 1.
///
/// ```
/// use jet_runtime::Jet;
/// use num_traits::One;
/// assert_eq!(Jet::<f64, 3>::one().coefficients(), [1.0, 0.0, 0.0]);
/// ```
impl<T: Float, const N: usize> One for Jet<T, N> {
    #[inline]
    fn one() -> Self {
        Jet::constant(T::one())
    }
}

/// With the `nalgebra` feature: parses a constant series.
///
/// ```
/// use jet_runtime::Jet;
/// use num_traits::Num;
/// let x = Jet::<f64, 2>::from_str_radix("2.5", 10).unwrap();
/// assert_eq!(x.coefficients(), [2.5, 0.0]);
/// ```
impl<T: Float, const N: usize> Num for Jet<T, N> {
    type FromStrRadixErr = T::FromStrRadixErr;
    #[inline]
    fn from_str_radix(s: &str, radix: u32) -> Result<Self, Self::FromStrRadixErr> {
        T::from_str_radix(s, radix).map(Jet::constant)
    }
}

/// With the `nalgebra` feature: constant series from primitive numbers (what
/// `nalgebra::convert` and `T::from_f64` use).
///
/// ```
/// use jet_runtime::Jet;
/// use num_traits::FromPrimitive;
/// assert_eq!(Jet::<f64, 2>::from_i64(-3).unwrap().coefficients(), [-3.0, 0.0]);
/// assert_eq!(Jet::<f32, 2>::from_f64(0.5).unwrap().coefficients(), [0.5, 0.0]);
/// ```
impl<T: Float + FromPrimitive, const N: usize> FromPrimitive for Jet<T, N> {
    #[inline]
    fn from_i64(n: i64) -> Option<Self> {
        T::from_i64(n).map(Jet::constant)
    }
    #[inline]
    fn from_u64(n: u64) -> Option<Self> {
        T::from_u64(n).map(Jet::constant)
    }
    #[inline]
    fn from_i128(n: i128) -> Option<Self> {
        T::from_i128(n).map(Jet::constant)
    }
    #[inline]
    fn from_u128(n: u128) -> Option<Self> {
        T::from_u128(n).map(Jet::constant)
    }
    #[inline]
    fn from_f32(n: f32) -> Option<Self> {
        T::from_f32(n).map(Jet::constant)
    }
    #[inline]
    fn from_f64(n: f64) -> Option<Self> {
        T::from_f64(n).map(Jet::constant)
    }
}

/// With the `nalgebra` feature: `abs` and `signum` are [`Jet::abs`] and [`Jet::signum`];
/// the sign tests read the sign of the curve for small `t > 0` (the first nonzero
/// coefficient; the sign of the value for the zero series).
///
/// ```
/// use jet_runtime::Jet;
/// use num_traits::Signed;
/// let x = Jet::<f64, 2>::from_coefficients([0.0, -1.0]); // −t
/// assert!(Signed::is_negative(&x));
/// assert_eq!(Signed::abs(&x).coefficients(), [0.0, 1.0]);
/// assert_eq!(Signed::abs_sub(&Jet::constant(3.0), &x).coefficients(), [3.0, 1.0]);
/// ```
impl<T: Float, const N: usize> Signed for Jet<T, N> {
    #[inline]
    fn abs(&self) -> Self {
        Jet::abs(*self)
    }
    #[inline]
    fn abs_sub(&self, other: &Self) -> Self {
        if *self <= *other {
            Self::zero()
        } else {
            *self - *other
        }
    }
    #[inline]
    fn signum(&self) -> Self {
        Jet::signum(*self)
    }
    #[inline]
    fn is_positive(&self) -> bool {
        self.leading().is_sign_positive() && !self.leading().is_nan()
    }
    #[inline]
    fn is_negative(&self) -> bool {
        self.leading().is_sign_negative() && !self.leading().is_nan()
    }
}

// ---- approx: every coefficient, tolerance from the primal of `epsilon` -----------------

/// With the `nalgebra` feature: every coefficient within `epsilon.value()`.
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use jet_runtime::Jet;
/// let x = Jet::<f64, 2>::from_coefficients([1.0, 2.0]);
/// assert_abs_diff_eq!(x, Jet::from_coefficients([1.0, 2.0 + 1e-12]), epsilon = Jet::constant(1e-9));
/// assert!(approx::abs_diff_ne!(x, Jet::from_coefficients([1.0, 2.1]), epsilon = Jet::constant(1e-9)));
/// ```
impl<T: Float + AbsDiffEq<Epsilon = T>, const N: usize> AbsDiffEq for Jet<T, N> {
    type Epsilon = Self;
    #[inline]
    fn default_epsilon() -> Self {
        Jet::constant(T::default_epsilon())
    }
    #[inline]
    fn abs_diff_eq(&self, other: &Self, epsilon: Self) -> bool {
        let eps = epsilon.value();
        self.as_coefficients()
            .iter()
            .zip(other.as_coefficients().iter())
            .all(|(a, b)| a.abs_diff_eq(b, eps))
    }
}

/// With the `nalgebra` feature: every coefficient relatively equal to the other's, with
/// the primal values of `epsilon` and `max_relative`.
///
/// ```
/// use approx::assert_relative_eq;
/// use jet_runtime::Jet;
/// let x = Jet::<f64, 3>::variable(2.0).sqrt();
/// let y = Jet::from_coefficients([2f64.sqrt(), 0.5 / 2f64.sqrt(), -1.0 / (16.0 * 2f64.sqrt())]);
/// assert_relative_eq!(x, y, max_relative = Jet::constant(1e-14));
/// ```
impl<T: Float + RelativeEq<Epsilon = T>, const N: usize> RelativeEq for Jet<T, N> {
    #[inline]
    fn default_max_relative() -> Self {
        Jet::constant(T::default_max_relative())
    }
    #[inline]
    fn relative_eq(&self, other: &Self, epsilon: Self, max_relative: Self) -> bool {
        let (eps, rel) = (epsilon.value(), max_relative.value());
        self.as_coefficients()
            .iter()
            .zip(other.as_coefficients().iter())
            .all(|(a, b)| a.relative_eq(b, eps, rel))
    }
}

/// With the `nalgebra` feature: every coefficient within `max_ulps` of the other's (or
/// within `epsilon.value()`).
///
/// ```
/// use approx::assert_ulps_eq;
/// use jet_runtime::Jet;
/// let x = Jet::<f64, 2>::from_coefficients([1.0, 0.1 + 0.2]);
/// assert_ulps_eq!(x, Jet::from_coefficients([1.0, 0.3]));
/// ```
impl<T: Float + UlpsEq<Epsilon = T>, const N: usize> UlpsEq for Jet<T, N> {
    #[inline]
    fn default_max_ulps() -> u32 {
        T::default_max_ulps()
    }
    #[inline]
    fn ulps_eq(&self, other: &Self, epsilon: Self, max_ulps: u32) -> bool {
        let eps = epsilon.value();
        self.as_coefficients()
            .iter()
            .zip(other.as_coefficients().iter())
            .all(|(a, b)| a.ulps_eq(b, eps, max_ulps))
    }
}

// ---- simba ---------------------------------------------------------------------------------

/// With the `nalgebra` feature: a jet is a one-lane SIMD value, like `f64`.
///
/// ```
/// use jet_runtime::Jet;
/// use simba::simd::SimdValue;
/// let x = Jet::<f64, 2>::variable(1.0);
/// assert_eq!(Jet::<f64, 2>::LANES, 1);
/// assert_eq!(x.extract(0), x);
/// ```
impl<T: Float, const N: usize> SimdValue for Jet<T, N> {
    const LANES: usize = 1;
    type Element = Self;
    type SimdBool = bool;

    #[inline(always)]
    fn splat(val: Self) -> Self {
        val
    }
    #[inline(always)]
    fn extract(&self, _: usize) -> Self {
        *self
    }
    #[inline(always)]
    unsafe fn extract_unchecked(&self, _: usize) -> Self {
        *self
    }
    #[inline(always)]
    fn replace(&mut self, _: usize, val: Self) {
        *self = val;
    }
    #[inline(always)]
    unsafe fn replace_unchecked(&mut self, _: usize, val: Self) {
        *self = val;
    }
    #[inline(always)]
    fn select(self, cond: bool, other: Self) -> Self {
        if cond {
            self
        } else {
            other
        }
    }
}

/// With the `nalgebra` feature: jets form a field (up to truncation).
impl<T: Float, const N: usize> Field for Jet<T, N> {}

/// With the `nalgebra` feature: the identity inclusion (required by `ComplexField`).
impl<T: Float, const N: usize> SubsetOf<Jet<T, N>> for Jet<T, N> {
    #[inline(always)]
    fn to_superset(&self) -> Self {
        *self
    }
    #[inline(always)]
    fn from_superset(element: &Self) -> Option<Self> {
        Some(*element)
    }
    #[inline(always)]
    fn from_superset_unchecked(element: &Self) -> Self {
        *element
    }
    #[inline(always)]
    fn is_in_subset(_: &Self) -> bool {
        true
    }
}

/// `f32`/`f64` as constant jets: `to_superset` is [`Jet::constant`]; a jet belongs to
/// the subset when it is constant (every coefficient above the value is 0), and
/// `from_superset_unchecked` reads the value.
macro_rules! float_subset_of_jet {
    ($($f:ty),*) => {$(
        /// With the `nalgebra` feature: a plain float is a constant jet
        /// (`nalgebra::convert`); only constant jets convert back.
        ///
        /// ```
        /// use jet_runtime::Jet;
        /// use simba::scalar::SubsetOf;
        #[doc = concat!("let c: Jet<f64, 2> = nalgebra::convert(2.5", stringify!($f), ");")]
        /// assert_eq!(c.coefficients(), [2.5, 0.0]);
        #[doc = concat!("assert_eq!(nalgebra::try_convert::<_, ", stringify!($f), ">(c), Some(2.5));")]
        #[doc = concat!("assert_eq!(nalgebra::try_convert::<_, ", stringify!($f), ">(Jet::<f64, 2>::variable(2.5)), None);")]
        /// ```
        impl<T: Float + SupersetOf<$f>, const N: usize> SubsetOf<Jet<T, N>> for $f {
            #[inline]
            fn to_superset(&self) -> Jet<T, N> {
                Jet::constant(T::from_subset(self))
            }
            #[inline]
            fn from_superset_unchecked(element: &Jet<T, N>) -> $f {
                element.value().to_subset_unchecked()
            }
            #[inline]
            fn is_in_subset(element: &Jet<T, N>) -> bool {
                element.is_constant() && element.value().is_in_subset()
            }
        }
    )*};
}

float_subset_of_jet!(f32, f64);

/// Forwards `ComplexField` methods of one argument to the inherent [`Jet`] method.
macro_rules! forward_unary {
    ($($name:ident),* $(,)?) => {$(
        #[inline]
        fn $name(self) -> Self {
            Jet::$name(self)
        }
    )*};
}

/// Forwards `RealField` constants to the constant jet of `T`'s constant.
macro_rules! forward_constants {
    ($($name:ident),* $(,)?) => {$(
        #[inline]
        fn $name() -> Self {
            Jet::constant(T::$name())
        }
    )*};
}

/// With the `nalgebra` feature: the real scalar field of nalgebra's generic code
/// (`norm`, `normalize`, decompositions, ...). Every function is the [`Jet`] method of
/// the same name; a real jet has imaginary part 0 and `conjugate` is the identity.
/// `powf` and `log` with a constant jet argument use the plain-exponent and plain-base
/// rules ([`Jet::powf`] with a `T`, [`Jet::log`]).
///
/// ```
/// use jet_runtime::Jet;
/// use simba::scalar::ComplexField;
/// let x = Jet::<f64, 3>::variable(4.0);
/// assert_eq!(ComplexField::sqrt(x).derivatives(), [2.0, 0.25, -1.0 / 32.0]);
/// assert_eq!(ComplexField::modulus_squared(x).derivatives(), [16.0, 8.0, 2.0]);
/// assert_eq!(x.try_sqrt(), Some(x.sqrt()));
/// assert_eq!(Jet::<f64, 2>::from_coefficients([0.0, -1.0]).try_sqrt(), None); // −t < 0
/// ```
impl<T: Float + RealField, const N: usize> ComplexField for Jet<T, N> {
    type RealField = Self;

    #[inline]
    fn from_real(re: Self) -> Self {
        re
    }
    #[inline]
    fn real(self) -> Self {
        self
    }
    #[inline]
    fn imaginary(self) -> Self {
        Self::zero()
    }
    #[inline]
    fn modulus(self) -> Self {
        Jet::abs(self)
    }
    #[inline]
    fn modulus_squared(self) -> Self {
        Jet::square(self)
    }
    #[inline]
    fn argument(self) -> Self {
        if self >= Self::zero() {
            Self::zero()
        } else {
            Jet::constant(T::pi())
        }
    }
    #[inline]
    fn norm1(self) -> Self {
        Jet::abs(self)
    }
    #[inline]
    fn scale(self, factor: Self) -> Self {
        self * factor
    }
    #[inline]
    fn unscale(self, factor: Self) -> Self {
        self / factor
    }
    #[inline]
    fn fract(self) -> Self {
        self - Jet::trunc(self)
    }
    #[inline]
    fn mul_add(self, a: Self, b: Self) -> Self {
        Jet::mul_add(self, a, b)
    }
    #[inline]
    fn abs(self) -> Self {
        Jet::abs(self)
    }
    #[inline]
    fn hypot(self, other: Self) -> Self {
        Jet::hypot(self, other)
    }
    #[inline]
    fn conjugate(self) -> Self {
        self
    }
    #[inline]
    fn sin_cos(self) -> (Self, Self) {
        Jet::sin_cos(self)
    }
    #[inline]
    fn sinh_cosh(self) -> (Self, Self) {
        Jet::sinh_cosh(self)
    }
    #[inline]
    fn log(self, base: Self) -> Self {
        if base.is_constant() {
            Jet::log(self, base.value())
        } else {
            Jet::ln(self) / Jet::ln(base)
        }
    }
    #[inline]
    fn powi(self, n: i32) -> Self {
        Jet::powi(self, n)
    }
    #[inline]
    fn powf(self, n: Self) -> Self {
        if n.is_constant() {
            Jet::powf(self, n.value())
        } else {
            Jet::powf(self, n)
        }
    }
    #[inline]
    fn powc(self, n: Self) -> Self {
        ComplexField::powf(self, n)
    }
    #[inline]
    fn is_finite(&self) -> bool {
        self.as_coefficients().iter().all(|ck| ck.is_finite())
    }
    #[inline]
    fn try_sqrt(self) -> Option<Self> {
        if self >= Self::zero() {
            Some(Jet::sqrt(self))
        } else {
            None
        }
    }

    forward_unary! {
        floor, ceil, round, trunc, recip, signum,
        sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh,
        log2, log10, ln, ln_1p, sqrt, cbrt, exp, exp2, exp_m1,
    }
}

/// With the `nalgebra` feature: the ordered real field. Ordering reads the primal value
/// (ties broken by the higher coefficients, see [`PartialOrd`] on `Jet`); `max`, `min`
/// and `atan2` are [`Jet::max`], [`Jet::min`], [`Jet::atan2`]; `clamp(lo, hi)` is
/// `max(lo).min(hi)` (no panic for `lo > hi`: the result is `hi`); the constants are
/// constant jets. The sign tests read the sign of the curve for small `t > 0`, as
/// [`Signed`] does.
///
/// ```
/// use jet_runtime::Jet;
/// use simba::scalar::RealField;
/// let x = Jet::<f64, 2>::variable(-2.0);
/// assert_eq!(RealField::max(x, Jet::constant(0.0)).coefficients(), [0.0, 0.0]);
/// assert_eq!(RealField::clamp(x, Jet::constant(-3.0), Jet::variable(1.0)).coefficients(), [-2.0, 1.0]);
/// assert_eq!(x.copysign(Jet::constant(1.0)).coefficients(), [2.0, -1.0]);
/// assert_eq!(<Jet<f64, 2> as RealField>::pi().coefficients(), [std::f64::consts::PI, 0.0]);
/// ```
impl<T: Float + RealField, const N: usize> RealField for Jet<T, N> {
    #[inline]
    fn is_sign_positive(&self) -> bool {
        self.leading().is_sign_positive()
    }
    #[inline]
    fn is_sign_negative(&self) -> bool {
        self.leading().is_sign_negative()
    }
    #[inline]
    fn copysign(self, sign: Self) -> Self {
        if RealField::is_sign_positive(&sign) {
            Jet::abs(self)
        } else {
            -Jet::abs(self)
        }
    }
    #[inline]
    fn max(self, other: Self) -> Self {
        Jet::max(self, other)
    }
    #[inline]
    fn min(self, other: Self) -> Self {
        Jet::min(self, other)
    }
    #[inline]
    fn clamp(self, min: Self, max: Self) -> Self {
        Jet::min(Jet::max(self, min), max)
    }
    #[inline]
    fn atan2(self, other: Self) -> Self {
        Jet::atan2(self, other)
    }
    #[inline]
    fn min_value() -> Option<Self> {
        <T as RealField>::min_value().map(Jet::constant)
    }
    #[inline]
    fn max_value() -> Option<Self> {
        <T as RealField>::max_value().map(Jet::constant)
    }

    forward_constants! {
        pi, two_pi, frac_pi_2, frac_pi_3, frac_pi_4, frac_pi_6, frac_pi_8, frac_1_pi,
        frac_2_pi, frac_2_sqrt_pi, e, log2_e, log10_e, ln_2, ln_10,
    }
}

// ---- helpers of `#[jet]` functions over nalgebra matrices ------------------------------

/// What the companion of a `#[jet]` function over nalgebra matrices and vectors calls
/// (through `jet::__private::nalgebra`): entry-wise maps, sums, products and dot
/// products written with [`Taylor`](crate::Taylor) methods, so they run on every jet kind
/// ([`Jet`], `MultiJet`, `CollapsedJet`) and an operand without derivatives costs O(K) per
/// entry, not the O(K²) of lifting it to a constant jet. Not a public API.
///
/// Each helper takes the entry operation as a closure (`Taylor::mul_scalar`,
/// `Taylor::add`, ...), which the macro picks from which side carries derivatives.
///
/// ```
/// use jet_runtime::{Jet, Taylor};
/// use jet_runtime::__private::nalgebra::{product, LeftFactor, RightFactor};
/// use nalgebra::{Matrix2, RowVector2, Vector2};
///
/// type J = Jet<f64, 3>;
/// let m = Matrix2::new(1.0, 2.0, 3.0, 4.0);
/// let x = Vector2::new(J::variable(1.0), J::constant(2.0)); // x(t) = (1 + t, 2)
/// // m x with plain-times-jet entry products: (5 + t, 11 + 3t)
/// let y = product::<f64, _, _, J, _, _, _, _, _>(&m, &x, |a: f64, b: J| b.mul_scalar(a));
/// assert_eq!(y[0].coefficients(), [5.0, 1.0, 0.0]);
/// assert_eq!(y[1].coefficients(), [11.0, 3.0, 0.0]);
/// // A factor the macro cannot see the shape of: a scalar scales, a matrix multiplies.
/// let s = <_ as LeftFactor<f64, f64, J, J, _, _, _>>::times(2.0, &x, |a: f64, b: J| b.mul_scalar(a));
/// assert_eq!(s[0].coefficients(), [2.0, 2.0, 0.0]);
/// let p = <_ as LeftFactor<f64, f64, J, J, _, _, _>>::times(&m, &x, |a: f64, b: J| b.mul_scalar(a));
/// assert_eq!(p, y);
/// let q = <_ as LeftFactor<f64, f64, J, J, _, _, _>>::times(m, &x, |a: f64, b: J| b.mul_scalar(a));
/// assert_eq!(q, y); // an owned matrix factor too
/// // On the right: x r for a row r is the outer product, borrowed or owned.
/// let r = RowVector2::new(1.0, 3.0);
/// let o = <_ as RightFactor<f64, J, f64, J, _, _, _>>::times(&r, &x, |a: J, b: f64| a.mul_scalar(b));
/// assert_eq!(o[(0, 1)].coefficients(), [3.0, 3.0, 0.0]); // (1 + t) 3
/// assert_eq!(o[(1, 1)].coefficients(), [6.0, 0.0, 0.0]); // 2 · 3
/// assert_eq!(<_ as RightFactor<f64, J, f64, J, _, _, _>>::times(r, &x, |a: J, b: f64| a.mul_scalar(b)), o);
/// ```
#[doc(hidden)]
pub mod lowered {
    use crate::Taylor;
    use ::nalgebra::allocator::Allocator;
    use ::nalgebra::{DefaultAllocator, Dim, Matrix, OMatrix, RawStorage};
    use num_traits::Float;

    pub use ::nalgebra::Scalar;

    /// The matrix of constant jets of a plain matrix (`Taylor::constant` per entry).
    #[inline]
    pub fn lift<T, J, R, C, S>(m: &Matrix<T, R, C, S>) -> OMatrix<J, R, C>
    where
        T: Float + Scalar,
        J: Taylor<T> + Scalar,
        R: Dim,
        C: Dim,
        S: RawStorage<T, R, C>,
        DefaultAllocator: Allocator<R, C>,
    {
        m.map(J::constant)
    }

    /// The primal values of a matrix of jets (what branch conditions read).
    #[inline]
    pub fn values<T, J, R, C, S>(m: &Matrix<J, R, C, S>) -> OMatrix<T, R, C>
    where
        T: Float + Scalar,
        J: Taylor<T> + Scalar,
        R: Dim,
        C: Dim,
        S: RawStorage<J, R, C>,
        DefaultAllocator: Allocator<R, C>,
    {
        m.map(|v| v.value())
    }

    /// `f` entry by entry (sums, differences, entry-wise products of equal shapes).
    #[inline]
    pub fn zip<A, B, J, R, C, SA, SB>(
        a: &Matrix<A, R, C, SA>,
        b: &Matrix<B, R, C, SB>,
        f: impl FnMut(A, B) -> J,
    ) -> OMatrix<J, R, C>
    where
        A: Scalar,
        B: Scalar,
        J: Scalar,
        R: Dim,
        C: Dim,
        SA: RawStorage<A, R, C>,
        SB: RawStorage<B, R, C>,
        DefaultAllocator: Allocator<R, C>,
    {
        a.zip_map(b, f)
    }

    /// `f` on every entry.
    #[inline]
    pub fn map<A, J, R, C, S>(a: &Matrix<A, R, C, S>, f: impl FnMut(A) -> J) -> OMatrix<J, R, C>
    where
        A: Scalar,
        J: Scalar,
        R: Dim,
        C: Dim,
        S: RawStorage<A, R, C>,
        DefaultAllocator: Allocator<R, C>,
    {
        a.map(f)
    }

    /// The matrix product `a b` with entry products `f`: `Σ_k f(a_ik, b_kj)`.
    #[inline]
    pub fn product<T, A, B, J, R, K, C, SA, SB>(
        a: &Matrix<A, R, K, SA>,
        b: &Matrix<B, K, C, SB>,
        f: impl Fn(A, B) -> J,
    ) -> OMatrix<J, R, C>
    where
        T: Float,
        A: Copy,
        B: Copy,
        J: Taylor<T> + Scalar,
        R: Dim,
        K: Dim,
        C: Dim,
        SA: RawStorage<A, R, K>,
        SB: RawStorage<B, K, C>,
        DefaultAllocator: Allocator<R, C>,
    {
        let inner = a.ncols();
        assert_eq!(
            inner,
            b.nrows(),
            "matrix product: the left factor has {inner} columns, the right one {} rows",
            b.nrows()
        );
        let (rows, _) = a.shape_generic();
        let (_, cols) = b.shape_generic();
        OMatrix::from_fn_generic(rows, cols, |i, j| {
            sum((0..inner).map(|k| f(a[(i, k)], b[(k, j)])))
        })
    }

    /// `Σ_i f(a_i, b_i)` over the entries of two matrices of the same size (`dot`).
    #[inline]
    pub fn dot<T, A, B, J, R, C, R2, C2, SA, SB>(
        a: &Matrix<A, R, C, SA>,
        b: &Matrix<B, R2, C2, SB>,
        f: impl Fn(A, B) -> J,
    ) -> J
    where
        T: Float,
        A: Copy,
        B: Copy,
        J: Taylor<T>,
        R: Dim,
        C: Dim,
        R2: Dim,
        C2: Dim,
        SA: RawStorage<A, R, C>,
        SB: RawStorage<B, R2, C2>,
    {
        assert_eq!(a.shape(), b.shape(), "dot product: the shapes differ");
        sum(a.iter().zip(b.iter()).map(|(x, y)| f(*x, *y)))
    }

    /// `op` folded over the entries from the first one (the constant `empty` if there is
    /// none): `sum`, `product`, `max`, `min` of a matrix of jets.
    #[inline]
    pub fn reduce<T, J, R, C, S>(a: &Matrix<J, R, C, S>, empty: T, op: impl Fn(J, J) -> J) -> J
    where
        T: Float,
        J: Taylor<T>,
        R: Dim,
        C: Dim,
        S: RawStorage<J, R, C>,
    {
        fold_first(a.iter().copied(), empty, op)
    }

    /// `Σ_i a_i²` (`norm_squared`, `magnitude_squared`).
    #[inline]
    pub fn norm_squared<T, J, R, C, S>(a: &Matrix<J, R, C, S>) -> J
    where
        T: Float,
        J: Taylor<T>,
        R: Dim,
        C: Dim,
        S: RawStorage<J, R, C>,
    {
        sum(a.iter().map(|v| v.square()))
    }

    /// `op` folded over `terms` from the first term, the constant `empty` when there is
    /// none (so a sum of jets starts from its first term, not from a zero jet).
    #[inline]
    fn fold_first<T: Float, J: Taylor<T>>(
        mut terms: impl Iterator<Item = J>,
        empty: T,
        op: impl Fn(J, J) -> J,
    ) -> J {
        let first = terms.next().unwrap_or_else(|| J::constant(empty));
        terms.fold(first, op)
    }

    /// The sum of `terms` (the zero jet when there is none): the entry sums of `product`,
    /// `dot` and `norm_squared`.
    #[inline]
    fn sum<T: Float, J: Taylor<T>>(terms: impl Iterator<Item = J>) -> J {
        fold_first(terms, T::zero(), J::add)
    }

    /// The cross product of two 3-vectors with entry products `f`.
    #[inline]
    pub fn cross<T, A, B, J, R, C, SA, SB>(
        a: &Matrix<A, R, C, SA>,
        b: &Matrix<B, R, C, SB>,
        f: impl Fn(A, B) -> J,
    ) -> OMatrix<J, R, C>
    where
        T: Float,
        A: Scalar + Copy,
        B: Copy,
        J: Taylor<T> + Scalar,
        R: Dim,
        C: Dim,
        SA: RawStorage<A, R, C>,
        SB: RawStorage<B, R, C>,
        DefaultAllocator: Allocator<R, C>,
    {
        assert!(
            a.len() == 3 && b.len() == 3,
            "cross product: the vectors must have 3 entries"
        );
        // A column or a row: its one nonzero index is the entry's.
        a.map_with_location(|i, j, _| {
            let (u, w) = ((i + j + 1) % 3, (i + j + 2) % 3);
            f(a[u], b[w]).sub(f(a[w], b[u]))
        })
    }

    /// `self * m` where `m` is a matrix and the macro cannot tell whether `self` is a
    /// scalar (each entry `f(self, m_ij)`) or a matrix (the product with entry products
    /// `f`). `E` is the entry type of `self`, `M` that of `m`.
    pub trait LeftFactor<T, E, M, J, R, C, S> {
        /// The shape of the product.
        type Output;
        /// `self * m`.
        fn times(self, m: &Matrix<M, R, C, S>, f: impl Fn(E, M) -> J) -> Self::Output;
    }

    impl<T, E, M, J, R, C, S> LeftFactor<T, E, M, J, R, C, S> for E
    where
        T: Float,
        E: Copy,
        M: Scalar + Copy,
        J: Taylor<T> + Scalar,
        R: Dim,
        C: Dim,
        S: RawStorage<M, R, C>,
        DefaultAllocator: Allocator<R, C>,
    {
        type Output = OMatrix<J, R, C>;
        #[inline]
        fn times(self, m: &Matrix<M, R, C, S>, f: impl Fn(E, M) -> J) -> Self::Output {
            m.map(|v| f(self, v))
        }
    }

    /// The `LeftFactor` impl of a matrix factor, for each given type of `self` (a matrix
    /// and a reference to one; `&self` derefs to the `&Matrix` that `product` takes).
    macro_rules! left_factor_of_matrix {
        ($($factor:ty),*) => {$(
            impl<T, E, M, J, R0, R, C, S0, S> LeftFactor<T, E, M, J, R, C, S> for $factor
            where
                T: Float,
                E: Copy,
                M: Copy,
                J: Taylor<T> + Scalar,
                R0: Dim,
                R: Dim,
                C: Dim,
                S0: RawStorage<E, R0, R>,
                S: RawStorage<M, R, C>,
                DefaultAllocator: Allocator<R0, C>,
            {
                type Output = OMatrix<J, R0, C>;
                #[inline]
                fn times(self, m: &Matrix<M, R, C, S>, f: impl Fn(E, M) -> J) -> Self::Output {
                    product(&self, m, f)
                }
            }
        )*};
    }

    left_factor_of_matrix!(Matrix<E, R0, R, S0>, &Matrix<E, R0, R, S0>);

    /// `m * self` where `m` is a matrix and the macro cannot tell whether `self` is a
    /// scalar (each entry `f(m_ij, self)`, also `m / self`) or a matrix (the product with
    /// entry products `f`). `M` is the entry type of `m`, `E` that of `self`.
    pub trait RightFactor<T, M, E, J, R, C, S> {
        /// The shape of the product.
        type Output;
        /// `m * self`.
        fn times(self, m: &Matrix<M, R, C, S>, f: impl Fn(M, E) -> J) -> Self::Output;
    }

    impl<T, M, E, J, R, C, S> RightFactor<T, M, E, J, R, C, S> for E
    where
        T: Float,
        E: Copy,
        M: Scalar + Copy,
        J: Taylor<T> + Scalar,
        R: Dim,
        C: Dim,
        S: RawStorage<M, R, C>,
        DefaultAllocator: Allocator<R, C>,
    {
        type Output = OMatrix<J, R, C>;
        #[inline]
        fn times(self, m: &Matrix<M, R, C, S>, f: impl Fn(M, E) -> J) -> Self::Output {
            m.map(|v| f(v, self))
        }
    }

    /// The `RightFactor` impl of a matrix factor, for each given type of `self` (a matrix
    /// and a reference to one; `&self` derefs to the `&Matrix` that `product` takes).
    macro_rules! right_factor_of_matrix {
        ($($factor:ty),*) => {$(
            impl<T, M, E, J, R, C, C2, S, S2> RightFactor<T, M, E, J, R, C, S> for $factor
            where
                T: Float,
                E: Copy,
                M: Copy,
                J: Taylor<T> + Scalar,
                R: Dim,
                C: Dim,
                C2: Dim,
                S: RawStorage<M, R, C>,
                S2: RawStorage<E, C, C2>,
                DefaultAllocator: Allocator<R, C2>,
            {
                type Output = OMatrix<J, R, C2>;
                #[inline]
                fn times(self, m: &Matrix<M, R, C, S>, f: impl Fn(M, E) -> J) -> Self::Output {
                    product(m, &self, f)
                }
            }
        )*};
    }

    right_factor_of_matrix!(Matrix<E, C, C2, S2>, &Matrix<E, C, C2, S2>);
}

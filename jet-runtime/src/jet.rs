//! The plain one-direction jet `Jet<T, N>`: constructors, accessors and formatting.

use core::fmt;
use num_traits::Float;

/// A truncated Taylor series ("jet") of order `K = N - 1` with coefficients of type `T`.
///
/// It stores the **normalized** coefficients `[x0, x1, ..., xK]` of
/// `x(t) = x0 + x1 t + x2 t^2 + ... + xK t^K + O(t^(K+1))`. The `k`-th derivative along
/// `t` is `k! * xk`. Names say which convention they speak: [`coefficient`](Self::coefficient)
/// and [`from_coefficients`](Self::from_coefficients) use normalized coefficients (as
/// TaylorSeries.jl and heyoka), [`derivative`](Self::derivative) and
/// [`from_derivatives`](Self::from_derivatives) use derivatives (as torch-jet and
/// `jax.experimental.jet` with `factorial_scaled=True`).
///
/// `Jet` is `Copy`, lives on the stack and never allocates.
///
/// ```
/// use jet_runtime::Jet;
///
/// let x = Jet::<f64, 4>::variable(0.0); // x(t) = t
/// let y = x.exp();                      // e^t = 1 + t + t^2/2 + t^3/6
/// assert_eq!(y.coefficients(), [1.0, 1.0, 0.5, 1.0 / 6.0]);
/// assert_eq!(y.derivatives(), [1.0, 1.0, 1.0, 1.0]);
/// ```
#[derive(Clone, Copy, PartialEq)]
pub struct Jet<T, const N: usize> {
    coefficients: [T; N],
}

/// `k!` in `T`, exact while `k!` fits the mantissa (k ≤ 22 in `f64`, k ≤ 13 in `f32`).
#[inline]
pub(crate) fn factorial<T: Float>(k: usize) -> T {
    let mut f = T::one();
    let mut i = T::one();
    for _ in 1..k {
        i = i + T::one();
        f = f * i;
    }
    f
}

impl<T: Float, const N: usize> Jet<T, N> {
    /// The order `K = N - 1`: the highest derivative the jet carries.
    ///
    /// ```
    /// assert_eq!(jet_runtime::Jet::<f64, 5>::ORDER, 4);
    /// ```
    pub const ORDER: usize = N - 1;

    /// The independent variable at `x0`: `x(t) = x0 + t`, coefficients `[x0, 1, 0, ...]`.
    ///
    /// Feeding it to a function gives the function's derivatives at `x0`.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let x = Jet::<f64, 3>::variable(2.0);
    /// assert_eq!(x.coefficients(), [2.0, 1.0, 0.0]);
    /// ```
    #[inline]
    pub fn variable(x0: T) -> Self {
        Self::along(x0, T::one())
    }

    /// The line `x(t) = x0 + v t` through `x0` with velocity `v`: coefficients
    /// `[x0, v, 0, ...]`. A function of it gives directional derivatives along `v`.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let x = Jet::<f64, 3>::along(1.0, -0.5);
    /// assert_eq!(x.coefficients(), [1.0, -0.5, 0.0]);
    /// ```
    #[inline]
    pub fn along(x0: T, v: T) -> Self {
        let mut c = [T::zero(); N];
        if N > 0 {
            c[0] = x0;
        }
        if N > 1 {
            c[1] = v;
        }
        Self { coefficients: c }
    }

    /// A constant: `x(t) = c`, coefficients `[c, 0, 0, ...]`.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// assert_eq!(Jet::<f64, 3>::constant(4.0).coefficients(), [4.0, 0.0, 0.0]);
    /// ```
    #[inline]
    pub fn constant(c: T) -> Self {
        Self::along(c, T::zero())
    }

    /// A jet from its normalized Taylor coefficients `[x0, x1, ..., xK]`,
    /// `x(t) = Σ xk t^k`.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let x = Jet::from_coefficients([1.0, 2.0, 3.0]); // 1 + 2t + 3t^2
    /// assert_eq!(x.derivative(2), 6.0);
    /// ```
    #[inline]
    pub fn from_coefficients(coefficients: [T; N]) -> Self {
        Self { coefficients }
    }

    /// A jet from derivatives `[x(0), x'(0), x''(0), ...]` along `t`; stores `x^(k)(0) / k!`.
    ///
    /// This is the convention of torch-jet and `jax.experimental.jet`'s default.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let x = Jet::from_derivatives([1.0, 2.0, 6.0]); // 1 + 2t + 3t^2
    /// assert_eq!(x.coefficients(), [1.0, 2.0, 3.0]);
    /// ```
    #[inline]
    pub fn from_derivatives(derivatives: [T; N]) -> Self {
        let mut c = derivatives;
        let mut f = T::one();
        for (k, ck) in c.iter_mut().enumerate().skip(2) {
            f = f * T::from(k).unwrap_or_else(T::nan);
            *ck = *ck / f;
        }
        Self { coefficients: c }
    }

    /// The value `x0 = x(0)` (the primal).
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// assert_eq!(Jet::<f64, 3>::variable(2.5).value(), 2.5);
    /// ```
    #[inline]
    pub fn value(&self) -> T {
        self.coefficients[0]
    }

    /// The normalized coefficient `xk = x^(k)(0) / k!`.
    ///
    /// # Panics
    /// If `k > K` (like slice indexing).
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let y = Jet::<f64, 4>::variable(0.0).exp();
    /// assert_eq!(y.coefficient(3), 1.0 / 6.0);
    /// ```
    #[inline]
    pub fn coefficient(&self, k: usize) -> T {
        self.coefficients[k]
    }

    /// The derivative `x^(k)(0) = k! * xk` along `t`.
    ///
    /// # Panics
    /// If `k > K` (like slice indexing).
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let y = Jet::<f64, 4>::variable(0.0).exp();
    /// assert_eq!(y.derivative(3), 1.0);
    /// ```
    #[inline]
    pub fn derivative(&self, k: usize) -> T {
        self.coefficients[k] * factorial(k)
    }

    /// All normalized coefficients `[x0, x1, ..., xK]`.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// assert_eq!(Jet::<f64, 3>::variable(1.0).coefficients(), [1.0, 1.0, 0.0]);
    /// ```
    #[inline]
    pub fn coefficients(&self) -> [T; N] {
        self.coefficients
    }

    /// A reference to the normalized coefficients, for rules and kernels.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// assert_eq!(Jet::<f64, 2>::variable(1.0).as_coefficients()[1], 1.0);
    /// ```
    #[inline]
    pub fn as_coefficients(&self) -> &[T; N] {
        &self.coefficients
    }

    /// All derivatives `[x(0), x'(0), ..., x^(K)(0)]`.
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let y = Jet::<f64, 4>::variable(0.0).exp();
    /// assert_eq!(y.derivatives(), [1.0; 4]);
    /// ```
    #[inline]
    pub fn derivatives(&self) -> [T; N] {
        let mut d = self.coefficients;
        let mut f = T::one();
        for (k, dk) in d.iter_mut().enumerate().skip(2) {
            f = f * T::from(k).unwrap_or_else(T::nan);
            *dk = *dk * f;
        }
        d
    }

    /// Evaluates the Taylor polynomial `Σ xk h^k` at `h` (Horner's scheme).
    ///
    /// ```
    /// use jet_runtime::Jet;
    /// let x = Jet::from_coefficients([1.0, 2.0, 3.0]);
    /// assert_eq!(x.eval(2.0), 1.0 + 4.0 + 12.0);
    /// ```
    #[inline]
    pub fn eval(&self, h: T) -> T {
        self.coefficients
            .iter()
            .rev()
            .fold(T::zero(), |acc, &c| acc * h + c)
    }
}

impl<T: Float + Default, const N: usize> Default for Jet<T, N> {
    /// The zero jet.
    fn default() -> Self {
        Self::constant(T::zero())
    }
}

impl<T: Float, const N: usize> From<T> for Jet<T, N> {
    /// A constant jet, as [`Jet::constant`].
    #[inline]
    fn from(c: T) -> Self {
        Self::constant(c)
    }
}

impl<T: fmt::Debug, const N: usize> fmt::Debug for Jet<T, N> {
    /// `Jet[x0, x1, ...]`: the normalized coefficients.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Jet")?;
        f.debug_list().entries(self.coefficients.iter()).finish()
    }
}

impl<T: Float + fmt::Display, const N: usize> fmt::Display for Jet<T, N> {
    /// The Taylor polynomial, `x0 + x1·t - x2·t^2 + ...` (a negative coefficient after
    /// the first is written with ` - `); the precision flag applies to every coefficient
    /// (`{:.3}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, &c) in self.coefficients.iter().enumerate() {
            let c = if k == 0 {
                c
            } else if c.is_sign_negative() && !c.is_nan() {
                f.write_str(" - ")?;
                -c
            } else {
                f.write_str(" + ")?;
                c
            };
            match f.precision() {
                Some(p) => write!(f, "{c:.p$}")?,
                None => write!(f, "{c}")?,
            }
            match k {
                0 => {}
                1 => f.write_str("·t")?,
                _ => write!(f, "·t^{k}")?,
            }
        }
        Ok(())
    }
}

impl<T: Float, const N: usize> crate::Taylor<T> for Jet<T, N> {
    #[inline(always)]
    fn constant(c: T) -> Self {
        Jet::constant(c)
    }
    #[inline(always)]
    fn value(&self) -> T {
        self.coefficients[0]
    }
    #[inline(always)]
    fn unary(self, rule: impl Fn(&[T], &[T], usize) -> T) -> Self {
        Self::from_coefficients(crate::rules::unary(&self.coefficients, rule))
    }
    #[inline(always)]
    fn binary(self, other: Self, rule: impl Fn(&[T], &[T], &[T], usize) -> T) -> Self {
        Self::from_coefficients(crate::rules::binary(
            &self.coefficients,
            &other.coefficients,
            rule,
        ))
    }
    #[inline(always)]
    fn ternary(self, b: Self, c: Self, rule: impl Fn(&[T], &[T], &[T], &[T], usize) -> T) -> Self {
        Self::from_coefficients(crate::rules::ternary(
            &self.coefficients,
            &b.coefficients,
            &c.coefficients,
            rule,
        ))
    }
    #[inline(always)]
    fn unary_pair(self, rule: impl Fn(&[T], &[T], &[T], usize) -> (T, T)) -> (Self, Self) {
        let (c, d) = crate::rules::unary_pair(&self.coefficients, rule);
        (Self::from_coefficients(c), Self::from_coefficients(d))
    }
}

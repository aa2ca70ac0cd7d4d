//! Storage shapes of the multi-directional and collapsed jets: `N − 1` and `N − 2` rows
//! of `R` coefficients, named per coefficient count `N` because stable Rust cannot compute
//! them in a type.

/// The coefficient count `N` of a jet as a type, for [`CollapsedRows`] and [`MultiRows`].
///
/// ```
/// use jet_runtime::{CollapsedRows, Coefficients};
/// // A collapsed 4-jet (N = 5) stores 3 rows (coefficients 1 to 3 of every direction)
/// // besides the value and the summed top.
/// let rows = <Coefficients<5> as CollapsedRows<f64, 2>>::filled([0.0; 2]);
/// assert_eq!(rows.as_ref().len(), 3);
/// ```
pub struct Coefficients<const N: usize>;

/// The storage of a collapsed jet's per-direction coefficients `1..K-1`: the array
/// `[[T; R]; N - 2]`, named once per `N` because stable Rust cannot write `N - 2` in a
/// type. Implemented for `N = 2..=33` (orders 1 to 32); sealed.
///
/// Code that is generic over the order of a [`CollapsedJet`](crate::CollapsedJet) states the bound
/// `Coefficients<N>: CollapsedRows<T, R>`; with a literal `N` it always holds.
///
/// ```
/// use jet_runtime::{CollapsedJet, CollapsedRows, Coefficients, Taylor};
///
/// fn summed_square<const N: usize>(x: CollapsedJet<f64, N, 2>) -> f64
/// where
///     Coefficients<N>: CollapsedRows<f64, 2>,
/// {
///     x.square().summed_coefficient()
/// }
/// assert_eq!(summed_square(CollapsedJet::<f64, 3, 2>::along(0.0, [1.0, 3.0])), 10.0);
/// ```
#[diagnostic::on_unimplemented(
    message = "`CollapsedJet<T, N, R>` has no storage for `{Self}`: `N` runs from 2 to 33 (orders 1 to 32)",
    label = "`N` out of range, or generic without the bound",
    note = "code generic over the order of a collapsed jet states the bound `Coefficients<N>: CollapsedRows<T, R>`"
)]
pub trait CollapsedRows<T, const R: usize>: sealed::Sealed {
    /// `[[T; R]; N - 2]`.
    type Rows: Copy + AsRef<[[T; R]]> + AsMut<[[T; R]]>;

    /// Every row equal to `row`.
    fn filled(row: [T; R]) -> Self::Rows;
}

mod sealed {
    pub trait Sealed {}
}

/// The storage of a multi-directional jet's coefficients `1..=K` of every direction: the
/// array `[[T; R]; N - 1]`, named once per `N` (stable Rust cannot write `N - 1` in a
/// type). Implemented for `N = 1..=33` (orders 0 to 32); sealed.
///
/// Code that is generic over the order of a [`MultiJet`](crate::MultiJet) states the
/// bound `Coefficients<N>: MultiRows<T, R>`; with a literal `N` it always holds.
///
/// ```
/// use jet_runtime::{Coefficients, MultiJet, MultiRows, Taylor};
///
/// fn second<const N: usize>(x: MultiJet<f64, N, 2>) -> f64
/// where
///     Coefficients<N>: MultiRows<f64, 2>,
/// {
///     x.square().summed_coefficient(2)
/// }
/// assert_eq!(second(MultiJet::<f64, 3, 2>::along(0.0, [1.0, 3.0])), 10.0);
/// ```
#[diagnostic::on_unimplemented(
    message = "`MultiJet<T, N, R>` has no storage for `{Self}`: `N` runs from 1 to 33 (orders 0 to 32)",
    label = "`N` out of range, or generic without the bound",
    note = "code generic over the order of a multi-directional jet states the bound `Coefficients<N>: MultiRows<T, R>`"
)]
pub trait MultiRows<T, const R: usize>: sealed::Sealed {
    /// `[[T; R]; N - 1]`.
    type Rows: Copy + AsRef<[[T; R]]> + AsMut<[[T; R]]>;

    /// Every row equal to `row`.
    fn filled(row: [T; R]) -> Self::Rows;
}

/// `Coefficients<N>` with `N − 1` multi-directional rows and, from `N = 2` on, `N − 2`
/// collapsed ones.
macro_rules! rows {
    ($($n:literal),* $(,)?) => {$(
        impl sealed::Sealed for Coefficients<$n> {}
        impl<T: Copy, const R: usize> MultiRows<T, R> for Coefficients<$n> {
            type Rows = [[T; R]; $n - 1];
            #[inline(always)]
            fn filled(row: [T; R]) -> Self::Rows {
                [row; $n - 1]
            }
        }
    )*};
}

macro_rules! collapsed_rows {
    ($($n:literal),* $(,)?) => {$(
        impl<T: Copy, const R: usize> CollapsedRows<T, R> for Coefficients<$n> {
            type Rows = [[T; R]; $n - 2];
            #[inline(always)]
            fn filled(row: [T; R]) -> Self::Rows {
                [row; $n - 2]
            }
        }
    )*};
}

rows!(
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
    27, 28, 29, 30, 31, 32, 33,
);
collapsed_rows!(
    2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
    28, 29, 30, 31, 32, 33,
);

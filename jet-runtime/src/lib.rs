//! Runtime of [`jet`](https://docs.rs/jet): truncated Taylor series ("jets") and one
//! Taylor rule per primitive.
//!
//! A [`Jet<T, N>`] holds the `N = K + 1` *normalized* Taylor coefficients
//! `[x0, x1, ..., xK]` of a curve `x(t) = x0 + x1 t + ... + xK t^K`. Every arithmetic
//! operator and every `f64`-style method (`sin`, `exp`, `powi`, `atan2`, ...) maps a jet
//! to the jet of the composed curve, so one pass yields all `K` derivatives along `t`.
//!
//! ```
//! use jet_runtime::Jet;
//!
//! // x(t) = 0.5 + t, so f(x(t)) has derivatives f^(k)(0.5).
//! let x = Jet::<f64, 5>::variable(0.5);
//! let y = x.sin() * x;
//! // d^2/dx^2 (x sin x) = 2 cos x - x sin x
//! let exact = 2.0 * 0.5f64.cos() - 0.5 * 0.5f64.sin();
//! assert!((y.derivative(2) - exact).abs() < 1e-15);
//! ```
//!
//! The rules live in [`rules`], each written once in *incremental form*: coefficient `k`
//! of the result from input coefficients `0..=k` and result coefficients `0..k`. Whole
//! jets run the rule for `k = 0..=K`; the ODE mode runs it one `k` at a time.
//!
//! With the `nalgebra` feature, `Jet<T, N>` is a nalgebra scalar (simba's `RealField`,
//! num-traits, approx): `SVector<Jet<f64, 4>, 3>` and `DMatrix<Jet<..>>` code runs on
//! jets. Ordering reads the primal value (ties broken by the higher coefficients);
//! equality and the approx traits compare every coefficient.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

#[cfg(not(any(feature = "std", feature = "libm")))]
compile_error!("jet-runtime needs either the `std` feature (default) or the `libm` feature for its math functions");

mod collapsed;
pub mod custom;
mod jet;
mod jet_methods;
mod multi;
#[cfg(feature = "nalgebra")]
mod nalgebra;
mod ops;
pub mod rules;
mod taylor;

pub use crate::collapsed::CollapsedJet;
pub use crate::jet::Jet;
pub use crate::jet_methods::{Exponent, Operand};
pub use crate::multi::MultiJet;
pub use crate::taylor::Taylor;
pub use num_traits::Float;

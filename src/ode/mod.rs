//! Adaptive Taylor integration of ordinary differential equations.
//!
//! An [`OdeSystem`] computes the normalized Taylor coefficients of the solution of
//! `y' = f(t, y)` through a point, coefficient by coefficient, with the runtime's
//! incremental rules ([`crate::rules`]): coefficient `k` of every intermediate of `f`,
//! then `y_{k+1} = f_k / (k + 1)`. That is O(K²) per step and allocation-free.
//! [`Integrator`] chooses the order and the step from a tolerance (Jorba & Zou 2005,
//! with the safety factor of Biscani & Izzo 2021, see [`step_size`]) and propagates the
//! state forward or backward in time, with dense output and event detection.
//!
//! ```
//! use jet::ode::{Integrator, OdeSystem};
//! use jet::rules;
//!
//! /// The harmonic oscillator x'' = -x as y = (x, v): x' = v, v' = -x.
//! struct Oscillator;
//!
//! impl OdeSystem<f64> for Oscillator {
//!     fn dim(&self) -> usize {
//!         2
//!     }
//!     fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
//!         let n = order + 1;
//!         for k in 0..order {
//!             let kp1 = rules::scalar::<f64>(k + 1);
//!             let (x, v) = tc.split_at_mut(n);
//!             x[k + 1] = v[k] / kp1;
//!             v[k + 1] = -x[k] / kp1;
//!         }
//!     }
//! }
//!
//! let mut ode = Integrator::new(Oscillator, 0.0, &[1.0, 0.0], 1e-15).unwrap();
//! ode.propagate_until(10.0).unwrap();
//! assert!((ode.state()[0] - 10f64.cos()).abs() < 1e-13);
//! assert!((ode.state()[1] + 10f64.sin()).abs() < 1e-13);
//! ```

mod error;
mod events;
mod integrator;
pub mod step_size;

pub use error::{OdeError, Outcome, Propagation};
pub use events::{Direction, Event};
pub use integrator::{Integrator, StepInfo};

use num_traits::Float;

/// A system `y' = f(t, y)` that can compute its solution's Taylor coefficients.
///
/// `#[jet::ode]` generates implementations from an ordinary right-hand side; a
/// hand-written one is a loop over `k` calling incremental rules (see the module example).
pub trait OdeSystem<T: Float> {
    /// The number of state components `D`.
    fn dim(&self) -> usize;

    /// Fills the normalized Taylor coefficients `1..=order` of the solution through
    /// `(t, y0)`.
    ///
    /// Layout: component-major, `tc[i * (order + 1) + k]` is coefficient `k` of
    /// component `i`; on entry `tc[i * (order + 1)]` holds `y0[i]`. Time enters as the
    /// series `t + τ`.
    fn taylor_coefficients(&mut self, t: T, order: usize, tc: &mut [T]);
}

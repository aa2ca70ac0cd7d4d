//! What a propagation returns: how it ended, or why it failed.

use core::fmt;

/// Why a step or a propagation could not go on. Each carries the time reached; the
/// integrator's state is the last good one, at that time.
///
/// ```
/// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
/// use jet::ode::{Integrator, OdeError};
/// let mut ode = Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap().with_max_steps(1);
/// let err = ode.propagate_until(100.0).unwrap_err();
/// assert!(matches!(err, OdeError::MaxSteps { steps: 1, .. }));
/// assert_eq!(ode.time(), match err { OdeError::MaxSteps { time, .. } => time, _ => unreachable!() });
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OdeError<T> {
    /// A Taylor coefficient or the new state is NaN or infinite.
    NonFinite {
        /// The time of the last good state.
        time: T,
    },
    /// The step size fell below the resolution of the time variable.
    StepUnderflow {
        /// The time of the last good state.
        time: T,
    },
    /// The propagation took the maximum number of steps without finishing.
    MaxSteps {
        /// The time reached.
        time: T,
        /// The step limit that was hit.
        steps: usize,
    },
    /// The arguments were invalid (empty state, wrong dimension, bad tolerance, ...).
    InvalidInput(&'static str),
}

impl<T: fmt::Display> fmt::Display for OdeError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OdeError::NonFinite { time } => {
                write!(f, "non-finite state or Taylor coefficient at t = {time}")
            }
            OdeError::StepUnderflow { time } => write!(f, "step size underflow at t = {time}"),
            OdeError::MaxSteps { time, steps } => {
                write!(f, "maximum number of steps ({steps}) reached at t = {time}")
            }
            OdeError::InvalidInput(why) => write!(f, "invalid input: {why}"),
        }
    }
}

impl<T: fmt::Debug + fmt::Display> std::error::Error for OdeError<T> {}

/// How a successful propagation ended.
///
/// ```
/// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
/// use jet::ode::{Event, Integrator, Outcome};
/// // y = e^{-t} falls to 0.25 at t = ln 4.
/// let mut ode = Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap()
///     .with_event(Event::terminal(|_t, y: &[f64]| y[0] - 0.25));
/// match ode.propagate_until(10.0).unwrap().outcome {
///     Outcome::TerminalEvent { index, time } => {
///         assert_eq!(index, 0);
///         assert!((time - 4f64.ln()).abs() < 1e-14);
///     }
///     Outcome::TimeReached => unreachable!(),
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome<T> {
    /// The final time was reached.
    TimeReached,
    /// A terminal event stopped the propagation at `time`.
    TerminalEvent {
        /// Index of the event in the order it was added.
        index: usize,
        /// The root of the event function.
        time: T,
    },
}

/// A summary of a successful propagation.
///
/// ```
/// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
/// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
/// let run = ode.propagate_until(10.0).unwrap();
/// assert!(run.steps >= 1 && run.min_h <= run.max_h);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Propagation<T> {
    /// How it ended.
    pub outcome: Outcome<T>,
    /// Steps taken.
    pub steps: usize,
    /// The smallest step magnitude taken (excluding a final step clipped to the end time).
    pub min_h: T,
    /// The largest step magnitude taken.
    pub max_h: T,
}

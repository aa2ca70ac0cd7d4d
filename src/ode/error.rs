//! What a propagation returns: how it ended, or why it failed.

use core::fmt;

/// Why a step or a propagation could not go on. Each carries the time reached; the
/// integrator's state is the last good one, at that time.
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

//! Event detection: roots of a user function `g(t, y)` inside a step, found on the step's
//! Taylor polynomial (no extra right-hand side evaluations).

use num_traits::Float;

/// Which crossings of `g = 0` trigger an event.
///
/// ```
/// use jet::ode::{Direction, Event};
/// // Only upward crossings of y[0] = 0.
/// let up = Event::terminal(|_t: f64, y: &[f64]| y[0]).direction(Direction::Positive);
/// # let _ = up;
/// assert_eq!(Direction::default(), Direction::Any);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    /// `g` going from negative to positive.
    Positive,
    /// `g` going from positive to negative.
    Negative,
    /// Either way.
    #[default]
    Any,
}

type EventFn<'a, T> = Box<dyn FnMut(T, &[T]) -> T + 'a>;
type Callback<'a, T> = Box<dyn FnMut(T, &[T]) + 'a>;

/// An event: a function `g(t, y)` whose roots along the trajectory are located to
/// machine precision on the step's dense output.
///
/// A *terminal* event stops the propagation at its root; a *non-terminal* one calls its
/// callback with the time and the state at the root and lets the propagation go on.
///
/// Roots are bracketed by the sign of `g` at [`Event::SAMPLES`] + 1 equispaced points of
/// each step and refined by bisection-secant iteration; two roots closer together than a
/// sixteenth of a step (or a root of even multiplicity) can be missed.
///
/// ```
/// use jet::ode::{Direction, Event};
/// // Stop when the first component crosses zero going down.
/// let stop = Event::terminal(|_t: f64, y: &[f64]| y[0]).direction(Direction::Negative);
/// # let _ = stop;
/// ```
pub struct Event<'a, T> {
    pub(crate) g: EventFn<'a, T>,
    pub(crate) callback: Option<Callback<'a, T>>,
    pub(crate) direction: Direction,
}

impl<'a, T: Float> Event<'a, T> {
    /// Sign samples per step used to bracket roots.
    ///
    /// ```
    /// assert_eq!(jet::ode::Event::<f64>::SAMPLES, 16);
    /// ```
    pub const SAMPLES: usize = 16;

    /// A terminal event on the roots of `g`.
    ///
    /// ```
    /// let e = jet::ode::Event::terminal(|t: f64, _y: &[f64]| t - 1.0);
    /// # let _ = e;
    /// ```
    pub fn terminal(g: impl FnMut(T, &[T]) -> T + 'a) -> Self {
        Event {
            g: Box::new(g),
            callback: None,
            direction: Direction::Any,
        }
    }

    /// A non-terminal event: `callback(t, y)` runs at each root of `g`.
    ///
    /// ```
    /// let mut roots = Vec::new();
    /// let e = jet::ode::Event::non_terminal(|_t: f64, y: &[f64]| y[0], |t, _y| roots.push(t));
    /// # let _ = e;
    /// ```
    pub fn non_terminal(
        g: impl FnMut(T, &[T]) -> T + 'a,
        callback: impl FnMut(T, &[T]) + 'a,
    ) -> Self {
        Event {
            g: Box::new(g),
            callback: Some(Box::new(callback)),
            direction: Direction::Any,
        }
    }

    /// Restricts the event to crossings in one direction.
    ///
    /// ```
    /// use jet::ode::{Direction, Event};
    /// let e = Event::terminal(|_t: f64, y: &[f64]| y[1]).direction(Direction::Positive);
    /// # let _ = e;
    /// ```
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    pub(crate) fn accepts(&self, before: T, after: T) -> bool {
        match self.direction {
            Direction::Positive => before < T::zero() && after >= T::zero(),
            Direction::Negative => before > T::zero() && after <= T::zero(),
            Direction::Any => {
                (before < T::zero() && after >= T::zero())
                    || (before > T::zero() && after <= T::zero())
            }
        }
    }
}

/// Finds the first root in `(lo, hi]` of `f`, given `f(lo) = f_lo` and `f(hi) = f_hi` of
/// opposite signs (or `f_hi = 0`), by a safeguarded secant (Illinois) iteration that
/// keeps the bracket. `lo` and `hi` may be in either order (backward integration).
pub(crate) fn refine_root<T: Float>(
    mut f: impl FnMut(T) -> T,
    mut lo: T,
    mut hi: T,
    mut f_lo: T,
    mut f_hi: T,
) -> T {
    if f_hi == T::zero() {
        return hi;
    }
    let two = T::one() + T::one();
    let mut side = 0i8;
    for _ in 0..200 {
        let mut m = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
        let inside = if lo < hi {
            m > lo && m < hi
        } else {
            m < lo && m > hi
        };
        if !inside || !m.is_finite() {
            m = (lo + hi) / two;
        }
        if m == lo || m == hi {
            break;
        }
        let f_m = f(m);
        if f_m == T::zero() {
            return m;
        }
        if (f_m < T::zero()) == (f_lo < T::zero()) {
            lo = m;
            f_lo = f_m;
            if side == -1 {
                f_hi = f_hi / two;
            }
            side = -1;
        } else {
            hi = m;
            f_hi = f_m;
            if side == 1 {
                f_lo = f_lo / two;
            }
            side = 1;
        }
        if (hi - lo).abs() <= T::epsilon() * (hi.abs().max(lo.abs())) {
            break;
        }
    }
    hi
}

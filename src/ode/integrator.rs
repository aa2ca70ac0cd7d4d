//! The adaptive Taylor integrator.

use super::events::refine_root;
use super::step_size::{order_from_tolerance, StepRule};
use super::{Event, OdeError, OdeSystem, Outcome, Propagation};
use num_traits::Float;

/// What [`Integrator::propagate_grid`] returns: the propagation summary and the state at
/// each grid time.
///
/// ```
/// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
/// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
/// let (run, states): jet::ode::GridStates<f64> = ode.propagate_grid(&[0.5, 1.0]).unwrap();
/// assert_eq!(states.len(), 2);
/// assert!(run.steps >= 1);
/// ```
pub type GridStates<T> = (Propagation<T>, Vec<Vec<T>>);

/// What one step did.
///
/// ```
/// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
/// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
/// let info = ode.step(1.0).unwrap();
/// assert!(info.h > 0.0 && info.order == 19 && info.terminal_event.is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepInfo<T> {
    /// The signed step taken (negative when integrating backward).
    pub h: T,
    /// The Taylor order used.
    pub order: usize,
    /// Set when a terminal event cut the step short: the event's index.
    pub terminal_event: Option<usize>,
}

/// An adaptive Taylor integrator for an [`OdeSystem`].
///
/// The order comes from the tolerance and stays fixed; each step's size comes from the
/// step's own Taylor coefficients (see [`super::step_size`]). After each step the
/// step's Taylor polynomial stays available as dense output
/// ([`dense_output`](Self::dense_output)). Nothing is allocated per step.
///
/// ```
/// # use jet::ode::{Integrator, OdeSystem};
/// # struct Decay;
/// # impl OdeSystem<f64> for Decay {
/// #     fn dim(&self) -> usize { 1 }
/// #     fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
/// #         for k in 0..order { tc[k + 1] = -tc[k] / (k + 1) as f64; }
/// #     }
/// # }
/// // y' = -y, y(0) = 1, backward from t = 0 to t = -2.
/// let mut ode = Integrator::new(Decay, 0.0, &[1.0], 1e-15).unwrap();
/// let run = ode.propagate_until(-2.0).unwrap();
/// assert!((ode.state()[0] - 2f64.exp()).abs() < 1e-14 * 2f64.exp());
/// assert!(run.steps > 0);
/// ```
pub struct Integrator<'e, S, T = f64> {
    system: S,
    dim: usize,
    order: usize,
    step_rule: StepRule<T>,
    tol: T,
    /// Time as an unevaluated sum `time_hi + time_lo` (compensated summation of steps).
    time_hi: T,
    time_lo: T,
    state: Vec<T>,
    /// The last step's Taylor coefficients, component-major.
    tc: Vec<T>,
    /// The last step's start time and signed size, for dense output.
    last_step: Option<(T, T)>,
    max_steps: usize,
    events: Vec<Event<'e, T>>,
    /// `g` of each event at the current state.
    event_values: Vec<T>,
    scratch: Vec<T>,
    /// Per-component compensation of the state's rounding error (the state is the
    /// unevaluated sum `state + state_lo`, accumulated with TwoSum at every step).
    state_lo: Vec<T>,
}

impl<'e, S: OdeSystem<T>, T: Float> Integrator<'e, S, T> {
    /// A new integrator for `system` at time `t0` and state `y0`, with tolerance `tol`
    /// (used as both absolute and relative, like heyoka's single `tol`).
    ///
    /// Fails on an empty state, a state whose length is not `system.dim()`, or a
    /// tolerance that is not finite and positive.
    ///
    /// ```
    /// # use jet::ode::{Integrator, OdeSystem};
    /// # struct Decay;
    /// # impl OdeSystem<f64> for Decay {
    /// #     fn dim(&self) -> usize { 1 }
    /// #     fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
    /// #         for k in 0..order { tc[k + 1] = -tc[k] / (k + 1) as f64; }
    /// #     }
    /// # }
    /// let ode = Integrator::new(Decay, 0.0, &[1.0], 1e-15).unwrap();
    /// assert_eq!(ode.order(), 19);
    /// assert!(Integrator::new(Decay, 0.0, &[1.0, 2.0], 1e-15).is_err());
    /// ```
    pub fn new(system: S, t0: T, y0: &[T], tol: T) -> Result<Self, OdeError<T>> {
        let dim = system.dim();
        if dim == 0 || y0.len() != dim {
            return Err(OdeError::InvalidInput(
                "the state must have `system.dim()` > 0 components",
            ));
        }
        if !(tol.is_finite() && tol > T::zero()) {
            return Err(OdeError::InvalidInput(
                "the tolerance must be finite and positive",
            ));
        }
        if !t0.is_finite() || y0.iter().any(|y| !y.is_finite()) {
            return Err(OdeError::InvalidInput(
                "the initial time and state must be finite",
            ));
        }
        let order = order_from_tolerance(tol);
        Ok(Integrator {
            system,
            dim,
            order,
            step_rule: StepRule::new(order),
            tol,
            time_hi: t0,
            time_lo: T::zero(),
            state: y0.to_vec(),
            tc: vec![T::zero(); dim * (order + 1)],
            last_step: None,
            max_steps: usize::MAX,
            events: Vec::new(),
            event_values: Vec::new(),
            scratch: vec![T::zero(); dim],
            state_lo: vec![T::zero(); dim],
        })
    }

    /// Limits every later propagation to `steps` steps ([`OdeError::MaxSteps`] beyond).
    ///
    /// ```
    /// # use jet::ode::{Integrator, OdeSystem, OdeError};
    /// # struct Decay;
    /// # impl OdeSystem<f64> for Decay {
    /// #     fn dim(&self) -> usize { 1 }
    /// #     fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
    /// #         for k in 0..order { tc[k + 1] = -tc[k] / (k + 1) as f64; }
    /// #     }
    /// # }
    /// let mut ode = Integrator::new(Decay, 0.0, &[1.0], 1e-15).unwrap().with_max_steps(2);
    /// assert!(matches!(ode.propagate_until(100.0), Err(OdeError::MaxSteps { steps: 2, .. })));
    /// ```
    pub fn with_max_steps(mut self, steps: usize) -> Self {
        self.max_steps = steps;
        self
    }

    /// Adds an event (see [`Event`]); events are numbered in the order they are added.
    ///
    /// ```
    /// # use jet::ode::{Integrator, OdeSystem, Event, Outcome};
    /// # struct Decay;
    /// # impl OdeSystem<f64> for Decay {
    /// #     fn dim(&self) -> usize { 1 }
    /// #     fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
    /// #         for k in 0..order { tc[k + 1] = -tc[k] / (k + 1) as f64; }
    /// #     }
    /// # }
    /// // y = e^{-t} reaches 1/2 at t = ln 2.
    /// let mut ode = Integrator::new(Decay, 0.0, &[1.0], 1e-15).unwrap()
    ///     .with_event(Event::terminal(|_t, y: &[f64]| y[0] - 0.5));
    /// let run = ode.propagate_until(10.0).unwrap();
    /// let Outcome::TerminalEvent { time, .. } = run.outcome else { panic!() };
    /// assert!((time - 2f64.ln()).abs() < 1e-14);
    /// ```
    pub fn with_event(mut self, event: Event<'e, T>) -> Self {
        self.events.push(event);
        self.event_values.clear();
        self
    }

    /// The current time.
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 1.0, &[1.0], 1e-15).unwrap();
    /// ode.propagate_for(0.5).unwrap();
    /// assert_eq!(ode.time(), 1.5);
    /// ```
    pub fn time(&self) -> T {
        self.time_hi + self.time_lo
    }

    /// The current state.
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// // y' = -y: y(t) = e^{-t}
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
    /// ode.propagate_until(1.0).unwrap();
    /// assert!((ode.state()[0] - (-1f64).exp()).abs() < 1e-15);
    /// ```
    pub fn state(&self) -> &[T] {
        &self.state
    }

    /// The Taylor order in use.
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-10).unwrap();
    /// assert_eq!(ode.order(), 13); // ⌈-½ ln 1e-10 + 1⌉
    /// ```
    pub fn order(&self) -> usize {
        self.order
    }

    /// The tolerance.
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-12).unwrap();
    /// assert_eq!(ode.tolerance(), 1e-12);
    /// ```
    pub fn tolerance(&self) -> T {
        self.tol
    }

    /// The system (e.g. to read parameters it holds).
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// use jet::ode::OdeSystem;
    /// let ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
    /// assert_eq!(ode.system().dim(), 1);
    /// ```
    pub fn system(&self) -> &S {
        &self.system
    }

    /// Sets time and state (clears the dense output).
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
    /// ode.propagate_until(3.0).unwrap();
    /// ode.set_state(0.0, &[2.0]).unwrap(); // start again from y(0) = 2
    /// assert_eq!((ode.time(), ode.state()[0]), (0.0, 2.0));
    /// assert!(ode.set_state(0.0, &[1.0, 2.0]).is_err());
    /// ```
    pub fn set_state(&mut self, t: T, y: &[T]) -> Result<(), OdeError<T>> {
        if y.len() != self.dim {
            return Err(OdeError::InvalidInput(
                "the state must have `system.dim()` components",
            ));
        }
        self.time_hi = t;
        self.time_lo = T::zero();
        self.state.copy_from_slice(y);
        self.state_lo.iter_mut().for_each(|lo| *lo = T::zero());
        self.last_step = None;
        self.event_values.clear();
        Ok(())
    }

    /// The last step's Taylor coefficients, component-major (`[i * (order + 1) + k]`).
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// // After a step from y = 1, the coefficients of e^{-τ}: 1, -1, 1/2, -1/6, ...
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
    /// ode.step(1.0).unwrap();
    /// let c = ode.taylor_coefficients();
    /// assert_eq!(&c[..4], &[1.0, -1.0, 0.5, -1.0 / 6.0]);
    /// ```
    pub fn taylor_coefficients(&self) -> &[T] {
        &self.tc
    }

    /// The state at time `t` inside the last step, from the step's Taylor polynomial,
    /// written to `out`; `None` when there is no step yet or `t` lies outside it.
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
    /// let step = ode.step(1.0).unwrap();
    /// let mut y = [0.0];
    /// ode.dense_output(step.h / 2.0, &mut y).unwrap();
    /// assert!((y[0] - (-step.h / 2.0).exp()).abs() < 1e-15);
    /// assert!(ode.dense_output(2.0 * step.h, &mut y).is_none());
    /// ```
    pub fn dense_output(&self, t: T, out: &mut [T]) -> Option<()> {
        let (t0, h) = self.last_step?;
        let tau = t - t0;
        let inside = if h >= T::zero() {
            tau >= T::zero() && tau <= h
        } else {
            tau <= T::zero() && tau >= h
        };
        if !inside || out.len() != self.dim {
            return None;
        }
        evaluate(&self.tc, self.order, tau, out);
        Some(())
    }

    /// One step forward (`direction > 0`) or backward (`direction < 0`) with the
    /// tolerance's step size.
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
    /// let back = ode.step(-1.0).unwrap(); // one step backward in time
    /// assert!(back.h < 0.0 && ode.time() == back.h);
    /// assert!((ode.state()[0] - (-back.h).exp()).abs() < 1e-14);
    /// ```
    pub fn step(&mut self, direction: T) -> Result<StepInfo<T>, OdeError<T>> {
        let limit = if direction >= T::zero() {
            T::infinity()
        } else {
            T::neg_infinity()
        };
        self.step_towards(limit)
    }

    /// One step towards `t_limit`, never past it (the step is clipped to end there).
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
    /// let info = ode.step_towards(0.01).unwrap(); // the natural step is longer: clipped
    /// assert_eq!((info.h, ode.time()), (0.01, 0.01));
    /// ```
    pub fn step_towards(&mut self, t_limit: T) -> Result<StepInfo<T>, OdeError<T>> {
        let t = self.time();
        let n = self.order + 1;
        // Index arithmetic rather than `chunks_exact`: no integer division per loop.
        for (i, &y) in self.state.iter().enumerate() {
            self.tc[i * n] = y;
        }
        self.system.taylor_coefficients(t, self.order, &mut self.tc);
        let natural = self.natural_step();
        if !natural.is_finite() {
            return Err(OdeError::NonFinite { time: t });
        }
        let remaining = t_limit - t;
        let mut h = natural.min(remaining.abs());
        if remaining < T::zero() {
            h = -h;
        }
        if h == T::zero() || t + h == t {
            return Err(OdeError::StepUnderflow { time: t });
        }
        let mut terminal_event = None;
        if !self.events.is_empty() {
            let (h_event, index) = self.detect_events(t, h);
            if let Some(index) = index {
                h = h_event;
                terminal_event = Some(index);
            }
        }
        let finite = match n {
            20 => increments::<T, 20>(&self.tc, h, &mut self.scratch),
            21 => increments::<T, 21>(&self.tc, h, &mut self.scratch),
            _ => {
                let mut nonfinite = T::zero();
                for (i, delta) in self.scratch.iter_mut().enumerate() {
                    *delta = increment(&self.tc[i * n + 1..(i + 1) * n], h);
                    nonfinite = nonfinite + *delta * T::zero();
                }
                nonfinite == T::zero()
            }
        };
        if !finite {
            return Err(OdeError::NonFinite { time: t });
        }
        for (i, &delta) in self.scratch.iter().enumerate() {
            let (sum, err) = two_sum(self.state[i], delta + self.state_lo[i]);
            self.state[i] = sum;
            self.state_lo[i] = err;
        }
        self.last_step = Some((t, h));
        if (h - remaining).abs() == T::zero() {
            // Land exactly on the limit.
            self.time_hi = t_limit;
            self.time_lo = T::zero();
        } else {
            let (hi, lo) = two_sum(self.time_hi, h);
            let (hi, lo2) = two_sum(hi, lo + self.time_lo);
            self.time_hi = hi;
            self.time_lo = lo2;
        }
        Ok(StepInfo {
            h,
            order: self.order,
            terminal_event,
        })
    }

    /// Propagates to `t_end` (forward or backward), stopping early at a terminal event.
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
    /// let run = ode.propagate_until(5.0).unwrap();
    /// assert_eq!(run.outcome, jet::ode::Outcome::TimeReached);
    /// assert!((ode.state()[0] - (-5f64).exp()).abs() < 1e-15);
    /// ```
    pub fn propagate_until(&mut self, t_end: T) -> Result<Propagation<T>, OdeError<T>> {
        let mut run = Propagation {
            outcome: Outcome::TimeReached,
            steps: 0,
            min_h: T::infinity(),
            max_h: T::zero(),
        };
        while self.time() != t_end {
            if run.steps >= self.max_steps {
                return Err(OdeError::MaxSteps {
                    time: self.time(),
                    steps: run.steps,
                });
            }
            let remaining = (t_end - self.time()).abs();
            let info = self.step_towards(t_end)?;
            run.steps += 1;
            let size = info.h.abs();
            if size < remaining || run.steps == 1 {
                run.min_h = run.min_h.min(size);
            }
            run.max_h = run.max_h.max(size);
            if let Some(index) = info.terminal_event {
                run.outcome = Outcome::TerminalEvent {
                    index,
                    time: self.time(),
                };
                return Ok(run);
            }
        }
        Ok(run)
    }

    /// Propagates for a duration `dt` (negative: backward).
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 2.0, &[1.0], 1e-15).unwrap();
    /// ode.propagate_for(-1.0).unwrap(); // backward to t = 1
    /// assert_eq!(ode.time(), 1.0);
    /// assert!((ode.state()[0] - 1f64.exp()).abs() < 1e-14);
    /// ```
    pub fn propagate_for(&mut self, dt: T) -> Result<Propagation<T>, OdeError<T>> {
        let t_end = self.time() + dt;
        self.propagate_until(t_end)
    }

    /// Propagates through the times of `grid` (monotone, in the direction of
    /// integration, starting at or after the current time) and returns the state at
    /// each, from the dense output of the step that covers it.
    ///
    /// ```
    /// # #[jet::ode] fn decay(_t: f64, y: &[f64; 1]) -> [f64; 1] { [-y[0]] }
    /// let mut ode = jet::ode::Integrator::new(DecayOde::new(), 0.0, &[1.0], 1e-15).unwrap();
    /// let grid = [0.0, 0.25, 0.5, 0.75, 1.0];
    /// let (_, states) = ode.propagate_grid(&grid).unwrap();
    /// for (t, y) in grid.iter().zip(&states) {
    ///     assert!((y[0] - (-t).exp()).abs() < 1e-15);
    /// }
    /// ```
    pub fn propagate_grid(&mut self, grid: &[T]) -> Result<GridStates<T>, OdeError<T>> {
        let mut out = Vec::with_capacity(grid.len());
        let Some(&last) = grid.last() else {
            return Ok((
                Propagation {
                    outcome: Outcome::TimeReached,
                    steps: 0,
                    min_h: T::zero(),
                    max_h: T::zero(),
                },
                out,
            ));
        };
        let forward = last >= self.time();
        let ordered = grid
            .windows(2)
            .all(|w| if forward { w[0] <= w[1] } else { w[0] >= w[1] });
        let starts_ahead = if forward {
            grid[0] >= self.time()
        } else {
            grid[0] <= self.time()
        };
        if !ordered || !starts_ahead {
            return Err(OdeError::InvalidInput(
                "the grid must be monotone and start at or after the current time",
            ));
        }
        let mut run = Propagation {
            outcome: Outcome::TimeReached,
            steps: 0,
            min_h: T::infinity(),
            max_h: T::zero(),
        };
        let mut next = 0;
        while next < grid.len() && grid[next] == self.time() {
            out.push(self.state.clone());
            next += 1;
        }
        while next < grid.len() {
            if run.steps >= self.max_steps {
                return Err(OdeError::MaxSteps {
                    time: self.time(),
                    steps: run.steps,
                });
            }
            let info = self.step_towards(last)?;
            run.steps += 1;
            run.min_h = run.min_h.min(info.h.abs());
            run.max_h = run.max_h.max(info.h.abs());
            let now = self.time();
            while next < grid.len()
                && (if forward {
                    grid[next] <= now
                } else {
                    grid[next] >= now
                })
            {
                let mut y = vec![T::zero(); self.dim];
                if grid[next] == now {
                    y.copy_from_slice(&self.state);
                } else if self.dense_output(grid[next], &mut y).is_none() {
                    return Err(OdeError::InvalidInput(
                        "grid point outside the step (internal)",
                    ));
                }
                out.push(y);
                next += 1;
            }
            if let Some(index) = info.terminal_event {
                run.outcome = Outcome::TerminalEvent { index, time: now };
                break;
            }
        }
        Ok((run, out))
    }

    /// The Jorba–Zou step size of the current coefficients.
    fn natural_step(&self) -> T {
        // Fixed lengths for the orders of the usual double-precision tolerances (those
        // `#[jet::ode]` writes its passes out for): constant offsets, no division.
        let (norm_0, norm_pm1, norm_p) = match self.order {
            19 => norms::<T, 20>(&self.tc),
            20 => norms::<T, 21>(&self.tc),
            p => {
                let mut norms = (T::zero(), T::zero(), T::zero());
                for series in self.tc.chunks_exact(p + 1) {
                    if let [y0, .., y_pm1, y_p] = *series {
                        norms = larger_norms(norms, (y0, y_pm1, y_p));
                    }
                }
                norms
            }
        };
        if !(norm_0.is_finite() && norm_pm1.is_finite() && norm_p.is_finite()) {
            // An infinite coefficient (a NaN one is skipped by the comparisons of
            // `larger_norms`; the increment's test in `step_towards` catches it).
            return T::nan();
        }
        self.step_rule.step(norm_0, norm_pm1, norm_p)
    }

    /// Looks for event roots inside the step `[t, t + h]`. Calls the callbacks of
    /// non-terminal events up to the earliest terminal root (if any) and returns the
    /// step cut at that root with its event's index.
    fn detect_events(&mut self, t: T, h: T) -> (T, Option<usize>) {
        let dim = self.dim;
        let order = self.order;
        let tc = &self.tc;
        let mut y = vec![T::zero(); dim];
        if self.event_values.len() != self.events.len() {
            self.event_values = self
                .events
                .iter_mut()
                .map(|e| (e.g)(t, &self.state))
                .collect();
        }
        let samples = Event::<T>::SAMPLES;
        let sample_count = T::from(samples).unwrap_or_else(T::nan);
        // Earliest root of each event inside the step, as a step fraction `tau`.
        let mut roots: Vec<(T, usize)> = Vec::new();
        for (index, event) in self.events.iter_mut().enumerate() {
            let mut tau_prev = T::zero();
            let mut g_prev = self.event_values[index];
            for j in 1..=samples {
                let tau = h * T::from(j).unwrap_or_else(T::nan) / sample_count;
                evaluate(tc, order, tau, &mut y);
                let g = (event.g)(t + tau, &y);
                if event.accepts(g_prev, g) {
                    let root = refine_root(
                        |s| {
                            evaluate(tc, order, s, &mut y);
                            (event.g)(t + s, &y)
                        },
                        tau_prev,
                        tau,
                        g_prev,
                        g,
                    );
                    roots.push((root, index));
                    break;
                }
                tau_prev = tau;
                g_prev = g;
            }
        }
        roots.sort_by(|a, b| {
            a.0.abs()
                .partial_cmp(&b.0.abs())
                .unwrap_or(core::cmp::Ordering::Equal)
        });
        let mut cut = None;
        for &(tau, index) in &roots {
            if let Some(callback) = self.events[index].callback.as_mut() {
                evaluate(tc, order, tau, &mut y);
                callback(t + tau, &y);
            } else {
                cut = Some((tau, index));
                break;
            }
        }
        let h_end = cut.map_or(h, |(tau, _)| tau);
        evaluate(tc, order, h_end, &mut y);
        for (index, event) in self.events.iter_mut().enumerate() {
            self.event_values[index] = (event.g)(t + h_end, &y);
        }
        (h_end, cut.map(|(_, index)| index))
    }
}

/// The norms `max_i |y_i^[0]|`, `max_i |y_i^[N-2]|`, `max_i |y_i^[N-1]|` of coefficient
/// series of a fixed length `N`.
#[inline]
fn norms<T: Float, const N: usize>(tc: &[T]) -> (T, T, T) {
    let mut norms = (T::zero(), T::zero(), T::zero());
    for series in tc.chunks_exact(N) {
        if let [y0, .., y_pm1, y_p] = *series {
            norms = larger_norms(norms, (y0, y_pm1, y_p));
        }
    }
    norms
}

/// Each norm updated with one component's coefficient: a comparison rather than `max`,
/// which would also test for NaN (a NaN coefficient is caught by the increment's test
/// in `step_towards`).
#[inline(always)]
fn larger_norms<T: Float>(norms: (T, T, T), y: (T, T, T)) -> (T, T, T) {
    let larger = |norm: T, y: T| if y.abs() > norm { y.abs() } else { norm };
    (
        larger(norms.0, y.0),
        larger(norms.1, y.1),
        larger(norms.2, y.2),
    )
}

/// Every component's increment ([`increment`]) for series of a fixed length `N`, written
/// to `deltas`; whether all are finite.
#[inline]
fn increments<T: Float, const N: usize>(tc: &[T], tau: T, deltas: &mut [T]) -> bool {
    // `0 · δ` is 0 for a finite increment and NaN otherwise: one test for all.
    let mut nonfinite = T::zero();
    for (series, delta) in tc.chunks_exact(N).zip(deltas) {
        if let Some((_, series)) = series.split_first() {
            *delta = increment(series, tau);
            nonfinite = nonfinite + *delta * T::zero();
        }
    }
    nonfinite == T::zero()
}

/// One component's step increment `Σ_{k=1..p} y^[k] τ^k` from `series = y^[1..=p]`,
/// added to the state with compensation by the caller.
///
/// `y^[1] τ + τ² Σ_{k≥2} y^[k] τ^{k−2}`, the sum in four interleaved Horner chains in
/// `τ⁴`: the increment sits on the step-to-step dependency chain, and one Horner chain
/// is `p` dependent multiply-adds. The leading term is added last, so the increment has
/// two roundings at its own magnitude, as with Horner's scheme.
#[inline]
fn increment<T: Float>(series: &[T], tau: T) -> T {
    let Some((&first, rest)) = series.split_first() else {
        return T::zero();
    };
    let t2 = tau * tau;
    let t4 = t2 * t2;
    let chunks = rest.chunks_exact(4);
    let top = chunks.remainder();
    let at = |r: usize| top.get(r).copied().unwrap_or_else(T::zero);
    let (mut a0, mut a1, mut a2, mut a3) = (at(0), at(1), at(2), at(3));
    for c in chunks.rev() {
        a0 = a0 * t4 + c[0];
        a1 = a1 * t4 + c[1];
        a2 = a2 * t4 + c[2];
        a3 = a3 * t4 + c[3];
    }
    first * tau + ((a0 + a1 * tau) + (a2 + a3 * tau) * t2) * t2
}

/// `Σ_k series[k] τ^k` by Horner's scheme.
#[inline]
fn horner<T: Float>(series: &[T], tau: T) -> T {
    series.iter().rev().fold(T::zero(), |acc, &c| acc * tau + c)
}

/// Horner evaluation of every component's Taylor polynomial at `tau`.
fn evaluate<T: Float>(tc: &[T], order: usize, tau: T, out: &mut [T]) {
    let n = order + 1;
    for (i, o) in out.iter_mut().enumerate() {
        let series = &tc[i * n..(i + 1) * n];
        *o = horner(series, tau);
    }
}

/// Knuth's TwoSum: `a + b = s + e` exactly.
fn two_sum<T: Float>(a: T, b: T) -> (T, T) {
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    (s, e)
}

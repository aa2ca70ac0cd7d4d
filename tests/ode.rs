//! The adaptive Taylor integrator against closed forms and exact references.

mod common;

use common::ode_systems::{
    kepler_energy, pendulum_energy, KeplerOde, LorenzOde, OscillatorOde, PendulumOde, LORENZ_PARAMS,
};
use jet::ode::{Direction, Event, Integrator, OdeError, OdeSystem, Outcome};
use jet::Jet;
use std::f64::consts::PI;

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(f64::MIN_POSITIVE)
}

#[test]
fn lorenz_coefficients_match_exact_rational_recursion() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/lorenz_coefficients.json"
    );
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let order = 12;
    let mut tc = vec![0.0; 3 * (order + 1)];
    for i in 0..3 {
        tc[i * (order + 1)] = 1.0;
    }
    LorenzOde::new(LORENZ_PARAMS).taylor_coefficients(0.0, order, &mut tc);
    let exact =
        |name: &str, k: usize| -> f64 { reference[name][k].as_str().unwrap().parse().unwrap() };
    let mut failures = Vec::new();
    for k in 0..=order {
        // Relative to the coefficient norm max_i |y_i^[k]| (the norm the step size reads):
        // y_9 = -695 is a cancellation between terms of size ~1e6, so its own digits are
        // not all significant in f64 (and beta = 8/3 is rounded).
        let scale = ["x", "y", "z"]
            .iter()
            .map(|n| exact(n, k).abs())
            .fold(1.0, f64::max);
        for (i, name) in ["x", "y", "z"].iter().enumerate() {
            let exact = exact(name, k);
            let got = tc[i * (order + 1) + k];
            if (got - exact).abs() > 1e-15 * scale {
                failures.push(format!("{name}_{k}: got {got:e}, exact {exact:e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn order_follows_the_tolerance_like_heyoka() {
    let ode = Integrator::new(PendulumOde::new(), 0.0, &[0.5, 0.0], f64::EPSILON).unwrap();
    assert_eq!(ode.order(), 20); // heyoka's order at the default tolerance (its docs)
    let ode = Integrator::new(PendulumOde::new(), 0.0, &[0.5, 0.0], 1e-15).unwrap();
    assert_eq!(ode.order(), 19);
}

#[test]
fn harmonic_oscillator_matches_cos_and_sin_forward_and_backward() {
    for t_end in [37.5f64, -37.5] {
        let mut ode = Integrator::new(OscillatorOde::new(), 0.0, &[1.0, 0.0], 1e-15).unwrap();
        let run = ode.propagate_until(t_end).unwrap();
        assert_eq!(run.outcome, Outcome::TimeReached);
        assert_eq!(ode.time(), t_end);
        let s = ode.state();
        assert!((s[0] - t_end.cos()).abs() < 2e-14, "x({t_end}) = {}", s[0]);
        assert!((s[1] + t_end.sin()).abs() < 2e-14, "v({t_end}) = {}", s[1]);
    }
}

#[test]
fn dense_output_and_grid_match_cos() {
    let mut ode = Integrator::new(OscillatorOde::new(), 0.0, &[1.0, 0.0], 1e-15).unwrap();
    let grid: Vec<f64> = (0..=200).map(|i| 0.05 * i as f64).collect();
    let (run, values) = ode.propagate_grid(&grid).unwrap();
    assert_eq!(values.len(), grid.len());
    assert!(
        run.steps < grid.len(),
        "dense output, not a step per grid point"
    );
    for (t, y) in grid.iter().zip(&values) {
        assert!((y[0] - t.cos()).abs() < 1e-14, "x({t}) = {}", y[0]);
        assert!((y[1] + t.sin()).abs() < 1e-14, "v({t}) = {}", y[1]);
    }
    // Inside the last step, dense output equals the closed form too.
    let (t1, mut y) = (ode.time() - 1e-3, [0.0; 2]);
    ode.dense_output(t1, &mut y).unwrap();
    assert!((y[0] - t1.cos()).abs() < 1e-14);
    assert!(ode.dense_output(ode.time() + 1.0, &mut y).is_none());
}

#[test]
fn pendulum_energy_is_conserved_over_a_thousand_time_units() {
    let s0 = [0.5, 0.0];
    let mut ode = Integrator::new(PendulumOde::new(), 0.0, &s0, 1e-15).unwrap();
    let run = ode.propagate_until(1000.0).unwrap();
    let err = relative(pendulum_energy(ode.state()), pendulum_energy(&s0));
    assert!(
        err <= 1e-15,
        "relative energy error {err:e} after {} steps",
        run.steps
    );
}

#[test]
fn kepler_orbit_returns_to_pericentre_after_100_periods() {
    let e = 0.5f64;
    let s0 = [1.0 - e, 0.0, 0.0, ((1.0 + e) / (1.0 - e)).sqrt()];
    let mut ode = Integrator::new(KeplerOde::new(), 0.0, &s0, 1e-15).unwrap();
    let run = ode.propagate_until(200.0 * PI).unwrap();
    let err = relative(kepler_energy(ode.state()), kepler_energy(&s0));
    assert!(
        err <= 2e-14,
        "relative energy error {err:e} after {} steps",
        run.steps
    );
    // a = 1, mu = 1: the period is 2 pi, so the closed-form orbit is back at pericentre.
    let s = ode.state();
    for i in 0..4 {
        assert!(
            (s[i] - s0[i]).abs() < 1e-10,
            "component {i}: {} vs {}",
            s[i],
            s0[i]
        );
    }
}

#[test]
fn oscillator_zero_crossings_as_non_terminal_events() {
    let mut crossings = Vec::new();
    {
        let event = Event::non_terminal(|_t, y: &[f64]| y[0], |t, _y| crossings.push(t));
        let mut ode = Integrator::new(OscillatorOde::new(), 0.0, &[1.0, 0.0], 1e-15)
            .unwrap()
            .with_event(event);
        ode.propagate_until(20.0).unwrap();
    }
    let exact: Vec<f64> = (0..)
        .map(|n| PI / 2.0 + n as f64 * PI)
        .take_while(|&t| t < 20.0)
        .collect();
    assert_eq!(crossings.len(), exact.len(), "{crossings:?}");
    for (t, x) in crossings.iter().zip(&exact) {
        assert!((t - x).abs() < 1e-14, "crossing at {t}, exact {x}");
    }
}

/// Complete elliptic integral of the first kind K(m), m = k², by the AGM.
fn elliptic_k(m: f64) -> f64 {
    let (mut a, mut b) = (1.0f64, (1.0 - m).sqrt());
    for _ in 0..30 {
        let (an, bn) = (0.5 * (a + b), (a * b).sqrt());
        a = an;
        b = bn;
    }
    PI / (2.0 * a)
}

#[test]
fn pendulum_terminal_event_at_the_closed_form_quarter_period() {
    // From rest at amplitude 0.5, x first crosses zero (going down) at T/4 = K(sin²(0.25)).
    let quarter = elliptic_k((0.25f64).sin().powi(2));
    let event = Event::terminal(|_t, y: &[f64]| y[0]).direction(Direction::Negative);
    let mut ode = Integrator::new(PendulumOde::new(), 0.0, &[0.5, 0.0], 1e-15)
        .unwrap()
        .with_event(event);
    let run = ode.propagate_until(100.0).unwrap();
    let Outcome::TerminalEvent { index, time } = run.outcome else {
        panic!("no event: {run:?}")
    };
    assert_eq!(index, 0);
    assert!((time - quarter).abs() < 1e-14, "{time} vs {quarter}");
    assert_eq!(ode.time(), time);
    assert!(ode.state()[0].abs() < 1e-15);

    // Going on, the next downward crossing is a full period later (upward ones are skipped).
    let run = ode.propagate_until(100.0).unwrap();
    let Outcome::TerminalEvent { time, .. } = run.outcome else {
        panic!("no event: {run:?}")
    };
    assert!(
        (time - 5.0 * quarter).abs() < 1e-13,
        "{time} vs {}",
        5.0 * quarter
    );
}

/// y' = y², y(0) = 1: y = 1/(1 - t) blows up at t = 1.
struct BlowUp;

impl OdeSystem<f64> for BlowUp {
    fn dim(&self) -> usize {
        1
    }
    fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
        for k in 0..order {
            tc[k + 1] = jet::rules::square(tc, k) / (k + 1) as f64;
        }
    }
}

#[test]
fn failures_are_results_with_the_time_reached() {
    let mut ode = Integrator::new(BlowUp, 0.0, &[1.0], 1e-15)
        .unwrap()
        .with_max_steps(100_000);
    let err = ode.propagate_until(2.0).unwrap_err();
    let time = match err {
        OdeError::NonFinite { time }
        | OdeError::StepUnderflow { time }
        | OdeError::MaxSteps { time, .. } => time,
        OdeError::InvalidInput(why) => panic!("{why}"),
    };
    assert!(time < 1.0 && time > 0.99, "stopped at {time} ({err})");
    assert_eq!(ode.time(), time);

    let mut ode = Integrator::new(OscillatorOde::new(), 0.0, &[1.0, 0.0], 1e-15)
        .unwrap()
        .with_max_steps(3);
    assert!(matches!(
        ode.propagate_until(1e3),
        Err(OdeError::MaxSteps { steps: 3, .. })
    ));

    assert!(Integrator::new(OscillatorOde::new(), 0.0, &[1.0], 1e-15).is_err());
    assert!(Integrator::new(OscillatorOde::new(), 0.0, &[1.0, 0.0], -1.0).is_err());
    assert!(Integrator::new(OscillatorOde::new(), 0.0, &[f64::NAN, 0.0], 1e-15).is_err());
}

/// A right-hand side that reaches every rule `#[jet::ode]` computes with its own kernels
/// (`jet::ode::__kernels`: products and squares, quotients by a scalar and by a series,
/// `recip`, `sqrt`, `exp`, `sin`, `sinh`/`cosh` of time, `powf`) and products with affine
/// values (`y1 (2 − 3 y2)`, `(y0 + 0.5) e^{y2}`), which the lowering distributes.
#[jet::ode]
fn mixed(t: f64, y: &[f64; 3]) -> [f64; 3] {
    let r = (y[0] * y[0] + y[1] * y[1] + 1.0).sqrt();
    [
        y[1] * (2.0 - 3.0 * y[2]) + y[0].sin() / r,
        (y[0] + 0.5) * y[2].exp() - 1.5 / (2.0 + y[1] * y[1]) + t.cosh(),
        -(y[0] * y[1]) + (y[2] + 2.0).powf(1.5) - y[1].sinh() * (y[2] + 3.0).recip(),
    ]
}

/// The same right-hand side on whole jets (the shared rules), written out again: the
/// attribute reads the body's tokens, so it cannot come from a shared macro.
fn mixed_jet<const N: usize>(t: Jet<f64, N>, y: &[Jet<f64, N>; 3]) -> [Jet<f64, N>; 3] {
    let r = (y[0] * y[0] + y[1] * y[1] + 1.0).sqrt();
    [
        y[1] * (2.0 - 3.0 * y[2]) + y[0].sin() / r,
        (y[0] + 0.5) * y[2].exp() - 1.5 / (2.0 + y[1] * y[1]) + t.cosh(),
        -(y[0] * y[1]) + (y[2] + 2.0).powf(1.5) - y[1].sinh() * (y[2] + 3.0).recip(),
    ]
}

/// The generated kernel's series `y` solve `y' = f(t, y)`: `(k + 1) y_{k+1}` equals
/// coefficient `k` of `f` evaluated on the truncated series with whole jets, at an order
/// run by the loop (12) and at the two written-out orders (19, 20).
fn check_mixed_series<const N: usize>() {
    let order = N - 1;
    let (t0, y0) = (0.3, [0.4, -0.7, 0.2]);
    let mut tc = vec![0.0; 3 * N];
    for (i, &y) in y0.iter().enumerate() {
        tc[i * N] = y;
    }
    MixedOde::new().taylor_coefficients(t0, order, &mut tc);
    for (i, f) in mixed(t0, &y0).iter().enumerate() {
        assert!(relative(tc[i * N + 1], *f) <= 1e-15, "y{i}_1 = f(t0, y0)");
    }
    let series: [Jet<f64, N>; 3] =
        std::array::from_fn(|i| Jet::from_coefficients(std::array::from_fn(|k| tc[i * N + k])));
    let time = Jet::from_coefficients(std::array::from_fn(|k| match k {
        0 => t0,
        1 => 1.0,
        _ => 0.0,
    }));
    let f = mixed_jet(time, &series);
    for k in 0..order {
        let scale = f.iter().map(|f| f.coefficient(k).abs()).fold(1.0, f64::max);
        for i in 0..3 {
            let (derivative, rhs) = ((k + 1) as f64 * tc[i * N + k + 1], f[i].coefficient(k));
            assert!(
                (derivative - rhs).abs() <= 1e-14 * scale,
                "order {order}, y{i}: (k + 1) y_(k+1) = {derivative:e} vs f_k = {rhs:e} at k = {k}"
            );
        }
    }
}

#[test]
fn generated_kernels_solve_the_ode_at_looped_and_written_out_orders() {
    check_mixed_series::<13>();
    check_mixed_series::<20>();
    check_mixed_series::<21>();
}

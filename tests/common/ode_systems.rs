//! Hand-written Taylor-coefficient kernels for the ODE test problems, written the way
//! the ODE mode's generated code is: one incremental rule call per intermediate and
//! order, then `y_{k+1} = f_k / (k + 1)`. Shared by `tests/ode.rs` and `benches/ode.rs`.
#![allow(dead_code)]

use jet::ode::OdeSystem;
use jet::rules;

/// Splits the component-major coefficient buffer into `D` series of `order + 1`.
fn series<const D: usize>(tc: &mut [f64], order: usize) -> [&mut [f64]; D] {
    let mut chunks = tc.chunks_exact_mut(order + 1);
    core::array::from_fn(|_| chunks.next().expect("D series"))
}

/// Scratch series for intermediates, allocated once.
fn scratch(order: usize) -> Vec<f64> {
    vec![0.0; order + 1]
}

/// x'' = -sin x as (x, v).
#[derive(Default)]
pub struct Pendulum {
    sin: Vec<f64>,
    cos: Vec<f64>,
}

impl OdeSystem<f64> for Pendulum {
    fn dim(&self) -> usize {
        2
    }
    fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
        if self.sin.len() != order + 1 {
            self.sin = scratch(order);
            self.cos = scratch(order);
        }
        let [x, v] = series::<2>(tc, order);
        for k in 0..order {
            let (s, c) = rules::sin_cos(x, &self.sin, &self.cos, k);
            self.sin[k] = s;
            self.cos[k] = c;
            let kp1 = (k + 1) as f64;
            x[k + 1] = v[k] / kp1;
            v[k + 1] = -self.sin[k] / kp1;
        }
    }
}

/// Planar Kepler problem, mu = 1, as (x, y, vx, vy): a = -r / |r|^3.
#[derive(Default)]
pub struct Kepler {
    r2: Vec<f64>,
    r3inv: Vec<f64>,
}

impl OdeSystem<f64> for Kepler {
    fn dim(&self) -> usize {
        4
    }
    fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
        if self.r2.len() != order + 1 {
            self.r2 = scratch(order);
            self.r3inv = scratch(order);
        }
        let [x, y, vx, vy] = series::<4>(tc, order);
        for k in 0..order {
            self.r2[k] = rules::square(x, k) + rules::square(y, k);
            self.r3inv[k] = rules::powf(&self.r2, &self.r3inv, k, -1.5);
            let ax = -rules::mul(x, &self.r3inv, k);
            let ay = -rules::mul(y, &self.r3inv, k);
            let kp1 = (k + 1) as f64;
            x[k + 1] = vx[k] / kp1;
            y[k + 1] = vy[k] / kp1;
            vx[k + 1] = ax / kp1;
            vy[k + 1] = ay / kp1;
        }
    }
}

/// Lorenz system with sigma = 10, rho = 28, beta = 8/3.
#[derive(Default)]
pub struct Lorenz;

impl OdeSystem<f64> for Lorenz {
    fn dim(&self) -> usize {
        3
    }
    fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
        let [x, y, z] = series::<3>(tc, order);
        for k in 0..order {
            let fx = 10.0 * (y[k] - x[k]);
            // x (28 - z) - y = 28 x - x z - y
            let fy = 28.0 * x[k] - rules::mul(x, z, k) - y[k];
            let fz = rules::mul(x, y, k) - 8.0 / 3.0 * z[k];
            let kp1 = (k + 1) as f64;
            x[k + 1] = fx / kp1;
            y[k + 1] = fy / kp1;
            z[k + 1] = fz / kp1;
        }
    }
}

/// Harmonic oscillator x'' = -x as (x, v).
#[derive(Default)]
pub struct Oscillator;

impl OdeSystem<f64> for Oscillator {
    fn dim(&self) -> usize {
        2
    }
    fn taylor_coefficients(&mut self, _t: f64, order: usize, tc: &mut [f64]) {
        let [x, v] = series::<2>(tc, order);
        for k in 0..order {
            let kp1 = (k + 1) as f64;
            x[k + 1] = v[k] / kp1;
            v[k + 1] = -x[k] / kp1;
        }
    }
}

/// Pendulum energy v²/2 - cos x.
pub fn pendulum_energy(s: &[f64]) -> f64 {
    0.5 * s[1] * s[1] - s[0].cos()
}

/// Kepler energy |v|²/2 - 1/|r|.
pub fn kepler_energy(s: &[f64]) -> f64 {
    0.5 * (s[2] * s[2] + s[3] * s[3]) - 1.0 / s[0].hypot(s[1])
}

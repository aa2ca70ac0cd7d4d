//! The ODE test problems, shared by `tests/ode.rs` and `benches/ode.rs`: right-hand
//! sides compiled by `#[jet::ode]` (what users write), and the same kernels written by
//! hand with one incremental rule call per intermediate (the floor the generated code is
//! measured against).
#![allow(dead_code)]

use jet::ode::OdeSystem;
use jet::rules;

/// x'' = -sin x.
#[jet::ode]
pub fn pendulum(_t: f64, y: &[f64; 2]) -> [f64; 2] {
    [y[1], -y[0].sin()]
}

/// The planar Kepler problem with mu = 1, written as heyoka's script writes it.
#[jet::ode]
pub fn kepler(_t: f64, y: &[f64; 4]) -> [f64; 4] {
    let r3 = (y[0] * y[0] + y[1] * y[1]).powf(1.5);
    [y[2], y[3], -y[0] / r3, -y[1] / r3]
}

/// The Lorenz system with parameters (sigma, rho, beta).
#[jet::ode]
pub fn lorenz(_t: f64, y: &[f64; 3], p: &[f64; 3]) -> [f64; 3] {
    [
        p[0] * (y[1] - y[0]),
        y[0] * (p[1] - y[2]) - y[1],
        y[0] * y[1] - p[2] * y[2],
    ]
}

/// The harmonic oscillator x'' = -x.
#[jet::ode]
pub fn oscillator(_t: f64, y: &[f64; 2]) -> [f64; 2] {
    [y[1], -y[0]]
}

/// The classic Lorenz parameters.
pub const LORENZ_PARAMS: [f64; 3] = [10.0, 28.0, 8.0 / 3.0];

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
pub struct HandPendulum {
    sin: Vec<f64>,
    cos: Vec<f64>,
}

impl OdeSystem<f64> for HandPendulum {
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
            let inv = rules::inverse::<f64>(k + 1);
            x[k + 1] = v[k] * inv;
            v[k + 1] = -self.sin[k] * inv;
        }
    }
}

/// Planar Kepler problem, mu = 1, as (x, y, vx, vy): a = -r / |r|^3.
#[derive(Default)]
pub struct HandKepler {
    r2: Vec<f64>,
    r3inv: Vec<f64>,
}

impl OdeSystem<f64> for HandKepler {
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
            let inv = rules::inverse::<f64>(k + 1);
            x[k + 1] = vx[k] * inv;
            y[k + 1] = vy[k] * inv;
            vx[k + 1] = ax * inv;
            vy[k + 1] = ay * inv;
        }
    }
}

/// Lorenz system with sigma = 10, rho = 28, beta = 8/3.
#[derive(Default)]
pub struct HandLorenz;

impl OdeSystem<f64> for HandLorenz {
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
            let inv = rules::inverse::<f64>(k + 1);
            x[k + 1] = fx * inv;
            y[k + 1] = fy * inv;
            z[k + 1] = fz * inv;
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

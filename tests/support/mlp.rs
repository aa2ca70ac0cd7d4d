//! The tanh MLP of `tests/data/w2_mlp.json` (8 → 32 → 32 → 1),
//! `f(x) = w3 · tanh(W2 tanh(W1 x + b1) + b2)`, written once generically over the jet
//! kind (the form `#[jet]` emits without an order), plus an `f64` and a `num-dual`
//! version for references. Shared by tests/operators.rs, benches/operators.rs and
//! examples/laplacian.rs (included with `#[path]`).
#![allow(dead_code)]

use jet::Taylor;

/// Input dimension.
pub const D: usize = 8;
/// Hidden widths.
pub const H: usize = 32;

/// `w · v` for a row `w`, as the sum `w0 v0 + w1 v1 + ...` from the left. (Indexed
/// loops: in this form rustc unrolls and vectorizes the jet updates best.)
#[inline(always)]
#[allow(clippy::needless_range_loop)]
fn dot<J: Taylor<f64>, const M: usize>(w: &[f64; M], v: &[J; M]) -> J {
    let mut z = v[0].mul_scalar(w[0]);
    for j in 1..M {
        z = z.add(v[j].mul_scalar(w[j]));
    }
    z
}

/// Weights of the MLP and its test points.
pub struct Mlp {
    pub w1: [[f64; D]; H],
    pub b1: [f64; H],
    pub w2: [[f64; H]; H],
    pub b2: [f64; H],
    pub w3: [f64; H],
    pub x_single: [f64; D],
    pub x_batch: Vec<[f64; D]>,
}

fn vector<const M: usize>(v: &serde_json::Value) -> [f64; M] {
    let a = v.as_array().expect("array");
    assert_eq!(a.len(), M, "expected {M} entries");
    core::array::from_fn(|i| a[i].as_f64().expect("number"))
}

fn matrix<const R: usize, const C: usize>(v: &serde_json::Value) -> [[f64; C]; R] {
    let a = v.as_array().expect("array of rows");
    assert_eq!(a.len(), R, "expected {R} rows");
    core::array::from_fn(|i| vector::<C>(&a[i]))
}

impl Mlp {
    /// Reads `tests/data/w2_mlp.json` (path relative to the package root).
    pub fn load() -> Self {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/w2_mlp.json");
        let text = std::fs::read_to_string(path).expect("read tests/data/w2_mlp.json");
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let batch = v["x_batch"].as_array().expect("x_batch");
        Self {
            w1: matrix(&v["W1"]),
            b1: vector(&v["b1"]),
            w2: matrix(&v["W2"]),
            b2: vector(&v["b2"]),
            w3: vector(&v["w3"]),
            x_single: vector(&v["x_single"]),
            x_batch: batch.iter().map(vector::<D>).collect(),
        }
    }

    /// `f(x)` on any jet kind.
    #[inline]
    pub fn eval<J: Taylor<f64>>(&self, x: &[J]) -> J {
        let x: &[J; D] = x[..D].try_into().expect("D inputs");
        let h1: [J; H] =
            core::array::from_fn(|i| dot(&self.w1[i], x).add_scalar(self.b1[i]).tanh());
        let h2: [J; H] =
            core::array::from_fn(|i| dot(&self.w2[i], &h1).add_scalar(self.b2[i]).tanh());
        dot(&self.w3, &h2)
    }

    /// `f(x)` on any `num-dual` number (the nested-dual reference).
    #[inline]
    pub fn eval_dual<N: num_dual::DualNum<f64> + Copy>(&self, x: &[N]) -> N {
        #[allow(clippy::needless_range_loop)] // the same loop form as `dot`
        fn dot_dual<N: num_dual::DualNum<f64> + Copy, const M: usize>(
            w: &[f64; M],
            v: &[N; M],
        ) -> N {
            let mut z = v[0] * w[0];
            for j in 1..M {
                z += v[j] * w[j];
            }
            z
        }
        let x: &[N; D] = x[..D].try_into().expect("D inputs");
        let h1: [N; H] = core::array::from_fn(|i| (dot_dual(&self.w1[i], x) + self.b1[i]).tanh());
        let h2: [N; H] = core::array::from_fn(|i| (dot_dual(&self.w2[i], &h1) + self.b2[i]).tanh());
        dot_dual(&self.w3, &h2)
    }

    /// The Laplacian as the trace of the Hessian by nested duals: `D` hyper-dual
    /// evaluations (`ε₁ = ε₂ = e_i`), each giving `∂²f/∂x_i²` (forward over forward).
    pub fn laplacian_nested_duals(&self, x: &[f64; D]) -> f64 {
        use num_dual::HyperDual64;
        (0..D)
            .map(|i| {
                let xs: [HyperDual64; D] = core::array::from_fn(|k| {
                    if k == i {
                        HyperDual64::from_re(x[k]).derivative1().derivative2()
                    } else {
                        HyperDual64::from_re(x[k])
                    }
                });
                self.eval_dual(&xs).eps1eps2
            })
            .sum()
    }
}

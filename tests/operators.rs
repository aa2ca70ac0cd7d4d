//! `jet::ops` and the multi-directional / collapsed jet kinds against closed forms,
//! against each other, and against nested duals (`num-dual`) on the W2 tanh MLP.

#[path = "support/mlp.rs"]
mod mlp;

use jet::ops::{self, Direction, Rng};
use jet::{CollapsedJet, Jet, MultiJet, Taylor};

/// `|got − want| ≤ tol · max(1, |want|)`, with a message naming the case.
#[track_caller]
fn assert_close(got: f64, want: f64, tol: f64, what: &str) {
    let err = (got - want).abs();
    assert!(
        err <= tol * want.abs().max(1.0),
        "{what}: got {got:e}, want {want:e}, error {err:e}"
    );
}

// ---- test functions, written once over the jet kind ---------------------------------

/// `|x|` in any dimension.
fn norm<J: Taylor<f64>>(x: &[J]) -> J {
    let mut s = x[0].square();
    for xi in &x[1..] {
        s = s.add(xi.square());
    }
    s.sqrt()
}

/// `exp(−|x|)`: `Δ = (1 − (n−1)/r) e^{−r}`.
fn radial_exp<J: Taylor<f64>>(x: &[J]) -> J {
    norm(x).neg().exp()
}

/// `1/|x|`: `Δ r^p = p (p + n − 2) r^{p−2}`, harmonic in 3-D.
fn inverse_r<J: Taylor<f64>>(x: &[J]) -> J {
    norm(x).recip()
}

/// `r⁴ = (x·x)²`: `Δ² r⁴ = 8 n (n + 2)`.
fn r4<J: Taylor<f64>>(x: &[J]) -> J {
    let mut s = x[0].square();
    for xi in &x[1..] {
        s = s.add(xi.square());
    }
    s.square()
}

/// Wave numbers of the separable product.
const K: [f64; 5] = [1.0, 0.5, -1.5, 2.0, 0.75];

/// `Π sin(k_i x_i)`: `Δ = −|k|² f`, `Δ² = |k|⁴ f`.
fn sin_product<J: Taylor<f64>>(x: &[J]) -> J {
    let mut p = x[0].mul_scalar(K[0]).sin();
    for (i, xi) in x.iter().enumerate().skip(1) {
        p = p.mul(xi.mul_scalar(K[i]).sin());
    }
    p
}

fn sin_product_f64(x: &[f64]) -> f64 {
    x.iter().zip(K).map(|(&xi, k)| (k * xi).sin()).product()
}

/// `x0² x1 + sin(x1 x2) + e^{x0} x2`, with a full, non-diagonal Hessian.
fn mixed3<J: Taylor<f64>>(x: &[J]) -> J {
    x[0].square()
        .mul(x[1])
        .add(x[1].mul(x[2]).sin())
        .add(x[0].exp().mul(x[2]))
}

fn mixed3_gradient(x: &[f64; 3]) -> [f64; 3] {
    let [a, b, c] = *x;
    [
        2.0 * a * b + a.exp() * c,
        a * a + c * (b * c).cos(),
        b * (b * c).cos() + a.exp(),
    ]
}

fn mixed3_hessian(x: &[f64; 3]) -> [[f64; 3]; 3] {
    let [a, b, c] = *x;
    let (s, co) = (b * c).sin_cos();
    let h01 = 2.0 * a;
    let h02 = a.exp();
    let h12 = co - b * c * s;
    [
        [2.0 * b + a.exp() * c, h01, h02],
        [h01, -c * c * s, h12],
        [h02, h12, -b * b * s],
    ]
}

// ---- the jet kinds ------------------------------------------------------------------

/// Many primitives in one function, inside every domain for the inputs used.
fn many<J: Taylor<f64>>(x: &[J]) -> J {
    let (a, b) = (x[0], x[1]);
    let u = a
        .sin()
        .mul(b.exp())
        .add(a.mul(b).cos().div(b.square().add_scalar(1.0)));
    let v = a.tanh().atan().add(b.sqrt().ln()).sub(a.hypot(b).recip());
    let w = a
        .powi(3)
        .mul_add(b, b.powf(1.5))
        .add(b.atan2(a))
        .add(a.erf());
    let z = a
        .mul_scalar(0.3)
        .asin()
        .add(b.mul_scalar(0.1).acos())
        .add(a.mul_scalar(0.5).atanh());
    let q = b
        .cbrt()
        .add(a.exp_m1())
        .add(b.ln_1p())
        .add(a.sinh().mul(b.cosh()));
    let r = a
        .asinh()
        .add(b.add_scalar(1.0).acosh())
        .add(b.log2())
        .add(a.exp2())
        .sub(b.log10());
    let s = a
        .mul_scalar(0.2)
        .tan()
        .add(b.pow(a))
        .add(b.log(3.0))
        .rsub_scalar(2.0);
    u.mul(v)
        .add(w.div_scalar(3.0))
        .sub(z.neg())
        .add(q.mul(r))
        .add(s.sub_scalar(0.5))
}

const DIRS: [[f64; 2]; 3] = [[1.0, 0.0], [0.3, -0.7], [-1.2, 0.4]];

#[test]
fn multi_jet_rows_equal_plain_jets_bit_for_bit() {
    let x = [0.4, 1.3];
    let xs: [MultiJet<f64, 5, 3>; 2] =
        core::array::from_fn(|i| MultiJet::along(x[i], core::array::from_fn(|r| DIRS[r][i])));
    let y = many(&xs);
    for (r, v) in DIRS.iter().enumerate() {
        let plain = ops::directional(many::<Jet<f64, 5>>, &x, v);
        assert_eq!(y.direction(r), plain, "direction {r}");
    }
}

#[test]
fn collapsed_jet_matches_plain_jets_and_sums_the_top() {
    // Orders 2, 4 and 10 (rows stored for N = 3, 5, 11); the directions are paired in the
    // driver from order 3 on, and R = 3 leaves one direction unpaired.
    fn check<const N: usize>()
    where
        jet::Coefficients<N>: jet::CollapsedRows<f64, 3>,
    {
        let x = [0.4, 1.3];
        let xs: [CollapsedJet<f64, N, 3>; 2] = core::array::from_fn(|i| {
            CollapsedJet::along(x[i], core::array::from_fn(|r| DIRS[r][i]))
        });
        let y = many(&xs);
        let mut top = 0.0;
        for (r, v) in DIRS.iter().enumerate() {
            let plain = ops::directional(many::<Jet<f64, N>>, &x, v);
            assert_eq!(y.value(), plain.value());
            for k in 1..N - 1 {
                assert_eq!(
                    y.coefficient(r, k),
                    plain.coefficient(k),
                    "N {N}, direction {r}, k {k}"
                );
            }
            top += plain.coefficient(N - 1);
        }
        let scale = top.abs().max(1.0);
        assert!(
            (y.summed_coefficient() - top).abs() <= 1e-13 * scale,
            "N {N}: summed top {} vs {top}",
            y.summed_coefficient()
        );
    }
    check::<3>();
    check::<5>();
    check::<11>();
}

#[test]
fn collapsed_first_order_jet_sums_the_directional_derivatives() {
    // K = 1: the top is coefficient 1, Σ_r ∇f·v_r = ∇f·Σ_r v_r.
    let x = [0.4, 1.3];
    let xs: [CollapsedJet<f64, 2, 3>; 2] =
        core::array::from_fn(|i| CollapsedJet::along(x[i], core::array::from_fn(|r| DIRS[r][i])));
    let sum_v = [0.1, -0.3];
    let plain = ops::directional(many::<Jet<f64, 2>>, &x, &sum_v);
    assert_close(
        many(&xs).summed_coefficient(),
        plain.coefficient(1),
        1e-14,
        "K = 1",
    );
}

#[test]
fn collapsed_jet_from_jets_and_linear_drivers() {
    let a = CollapsedJet::from_jets([
        Jet::from_coefficients([1.0, 2.0, 3.0]),
        Jet::from_coefficients([1.0, 4.0, 5.0]),
    ]);
    let b = CollapsedJet::<f64, 3, 2>::along(2.0, [1.0, -1.0]);
    // Linear: the summed top goes straight through.
    let c = a.mul_scalar(2.0).sub(b).add_scalar(1.0).neg();
    assert_eq!(c.summed_coefficient(), -16.0);
    assert_eq!(c.coefficient(1, 1), -(8.0 + 1.0));
    // Nonlinear: a * b top = Σ_r (a0 b2 + a1 b1 + a2 b0) = 1·0·2 + (2 − 4) + 8·2.
    assert_eq!(a.mul(b).summed_coefficient(), 14.0);
}

#[test]
fn equality_reads_live_coefficients_only() {
    // Operations copy their first input's unread storage; equality must ignore it.
    let a = CollapsedJet::<f64, 3, 2>::along(1.0, [1.0, 2.0]).sin();
    let b = CollapsedJet::<f64, 3, 2>::along(0.5, [0.0, 3.0]).exp();
    assert_eq!(a.add(b), b.add(a));
    assert_ne!(a.add(b), a.sub(b));
    let a = MultiJet::<f64, 3, 2>::along(1.0, [1.0, 2.0]).sin();
    let b = MultiJet::<f64, 3, 2>::along(0.5, [0.0, 3.0]).exp();
    assert_eq!(a.mul(b), b.mul(a));
    assert_eq!(format!("{:?}", a.add(b)), format!("{:?}", b.add(a)));
}

// ---- directional derivatives, gradient, Hessian -------------------------------------

#[test]
fn directional_derivatives_of_every_order() {
    // f = exp(a·x): D^k_v f = (a·v)^k e^{a·x}, k = 0..=10.
    fn f<J: Taylor<f64>>(x: &[J]) -> J {
        x[0].mul_scalar(0.5)
            .sub(x[1].mul_scalar(0.25))
            .add(x[2])
            .exp()
    }
    let x = [0.3, -0.2, 0.1];
    let v = [1.0, 2.0, -0.5];
    let av: f64 = 0.5 - 0.5 - 0.5;
    let e = (0.15f64 + 0.05 + 0.1).exp();
    let y = ops::directional(f::<Jet<f64, 11>>, &x, &v);
    for k in 0..=10 {
        assert_close(
            y.derivative(k),
            av.powi(k as i32) * e,
            1e-13,
            &format!("k = {k}"),
        );
    }
}

#[test]
fn gradient_hessian_and_products_against_closed_forms() {
    let x = [0.7, -0.4, 1.1];
    let g = mixed3_gradient(&x);
    let h = mixed3_hessian(&x);
    for (i, gi) in ops::gradient(mixed3, &x).into_iter().enumerate() {
        assert_close(gi, g[i], 1e-14, &format!("gradient {i}"));
    }
    for (i, hi) in ops::hessian_diagonal(mixed3, &x).into_iter().enumerate() {
        assert_close(hi, h[i][i], 1e-14, &format!("diagonal {i}"));
    }
    let full = ops::hessian(mixed3, &x);
    for i in 0..3 {
        for j in 0..3 {
            assert_close(full[i][j], h[i][j], 1e-14, &format!("H[{i}][{j}]"));
        }
    }
    for v in [
        [1.0, 0.0, 0.0],
        [0.3, -2.0, 0.5],
        [1e-3, 2e-3, -5e-4],
        [300.0, 100.0, -200.0],
    ] {
        let hv = ops::hessian_vector_product(mixed3, &x, &v);
        let scale = v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        for i in 0..3 {
            let want: f64 = (0..3).map(|j| h[i][j] * v[j]).sum();
            assert_close(
                hv[i] / scale,
                want / scale,
                1e-14,
                &format!("Hv[{i}] for {v:?}"),
            );
        }
        let vhv = ops::vector_hessian_vector_product(mixed3, &x, &v);
        let want: f64 = (0..3)
            .map(|i| (0..3).map(|j| v[i] * h[i][j] * v[j]).sum::<f64>())
            .sum();
        assert_close(
            vhv / (scale * scale),
            want / (scale * scale),
            1e-14,
            &format!("vHv {v:?}"),
        );
    }
}

// ---- Laplacians ---------------------------------------------------------------------

#[test]
fn laplacian_of_radial_functions() {
    let x3 = [0.3, -0.4, 1.2];
    let x5 = [0.3, -0.4, 1.2, 0.5, -0.9];
    let r3 = x3.iter().map(|x| x * x).sum::<f64>().sqrt();
    let r5 = x5.iter().map(|x| x * x).sum::<f64>().sqrt();
    let exp3 = (1.0 - 2.0 / r3) * (-r3).exp();
    let exp5 = (1.0 - 4.0 / r5) * (-r5).exp();
    let inv5 = -2.0 / r5.powi(3); // p = -1, n = 5: p (p + n − 2) = -2
    assert_close(
        ops::laplacian(radial_exp, &x3),
        exp3,
        1e-14,
        "collapsed e^-r, 3-D",
    );
    assert_close(
        ops::laplacian_standard(radial_exp, &x3),
        exp3,
        1e-14,
        "standard e^-r, 3-D",
    );
    assert_close(
        ops::laplacian(radial_exp, &x5),
        exp5,
        1e-14,
        "collapsed e^-r, 5-D",
    );
    assert_close(
        ops::laplacian_standard(radial_exp, &x5),
        exp5,
        1e-14,
        "standard e^-r, 5-D",
    );
    assert_close(
        ops::laplacian(inverse_r, &x3),
        0.0,
        1e-14,
        "collapsed 1/r harmonic",
    );
    assert_close(
        ops::laplacian_standard(inverse_r, &x3),
        0.0,
        1e-14,
        "standard 1/r",
    );
    assert_close(
        ops::laplacian(inverse_r, &x5),
        inv5,
        1e-14,
        "collapsed 1/r, 5-D",
    );
    assert_close(
        ops::laplacian_standard(inverse_r, &x5),
        inv5,
        1e-14,
        "standard 1/r, 5-D",
    );
}

#[test]
fn laplacian_of_a_separable_product_and_its_parts() {
    let x = [0.3, -0.4, 1.2, 0.5];
    let k2: f64 = K[..4].iter().map(|k| k * k).sum();
    let want = -k2 * sin_product_f64(&x);
    assert_close(ops::laplacian(sin_product, &x), want, 1e-14, "collapsed");
    assert_close(
        ops::laplacian_standard(sin_product, &x),
        want,
        1e-14,
        "standard",
    );
    let p = ops::laplacian_parts(mixed3, &[0.7, -0.4, 1.1]);
    let h = mixed3_hessian(&[0.7, -0.4, 1.1]);
    assert_close(
        p.laplacian,
        h[0][0] + h[1][1] + h[2][2],
        1e-14,
        "parts: laplacian",
    );
    assert_eq!(p.gradient, ops::gradient(mixed3, &[0.7, -0.4, 1.1]));
    assert_eq!(
        p.value,
        mixed3(&[
            Jet::<f64, 1>::constant(0.7),
            Jet::constant(-0.4),
            Jet::constant(1.1)
        ])
        .value()
    );
}

#[test]
fn weighted_laplacian_is_the_trace_against_s_s_transpose() {
    let x = [0.7, -0.4, 1.1];
    let h = mixed3_hessian(&x);
    let s = [[1.0, 0.5], [-0.3, 2.0], [0.8, -1.1]]; // D × R = 3 × 2
    let mut want = 0.0;
    for i in 0..3 {
        for j in 0..3 {
            let cij: f64 = (0..2).map(|r| s[i][r] * s[j][r]).sum();
            want += cij * h[i][j];
        }
    }
    assert_close(
        ops::weighted_laplacian(mixed3, &x, &s),
        want,
        1e-14,
        "collapsed",
    );
    assert_close(
        ops::weighted_laplacian_standard(mixed3, &x, &s),
        want,
        1e-14,
        "standard",
    );
    // S = I is the Laplacian.
    let id = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    assert_eq!(
        ops::weighted_laplacian(mixed3, &x, &id),
        ops::laplacian(mixed3, &x)
    );
}

/// `u = cos(t) sin(x)` solves the wave equation `u_tt = u_xx`; `u = e^{-t} sin(x)` the heat
/// equation `u_t = u_xx`.
#[test]
fn wave_and_heat_operators() {
    fn wave<J: Taylor<f64>>(tx: &[J]) -> J {
        tx[0].cos().mul(tx[1].sin())
    }
    fn heat<J: Taylor<f64>>(tx: &[J]) -> J {
        tx[0].neg().exp().mul(tx[1].sin())
    }
    for tx in [[0.3, 1.2], [2.0, -0.7], [-1.0, 3.0]] {
        let [utt, uxx] = ops::hessian_diagonal(wave, &tx);
        assert_close(utt - uxx, 0.0, 1e-15, "wave residual (Hessian diagonal)");
        assert_close(uxx, -tx[0].cos() * tx[1].sin(), 1e-15, "u_xx");
        let et = ops::weighted_laplacian(wave, &tx, &[[1.0], [0.0]]);
        let ex = ops::weighted_laplacian(wave, &tx, &[[0.0], [1.0]]);
        assert_close(et - ex, 0.0, 1e-15, "wave residual (weighted)");
        let ut = ops::gradient(heat, &tx)[0];
        let uxx = ops::weighted_laplacian(heat, &tx, &[[0.0], [1.0]]);
        assert_close(ut - uxx, 0.0, 1e-15, "heat residual");
    }
}

/// Mean, sample variance and standard error of the mean of `m` draws of `sample`.
fn sample_statistics(m: usize, mut sample: impl FnMut() -> f64) -> (f64, f64, f64) {
    let samples: Vec<f64> = (0..m).map(|_| sample()).collect();
    let mean = samples.iter().sum::<f64>() / m as f64;
    let var = samples.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / (m - 1) as f64;
    (mean, var, (var / m as f64).sqrt())
}

#[test]
fn stochastic_laplacian_is_unbiased() {
    // Mean of M estimates (S = 4 directions each) within 5 standard errors of Δf.
    let x = [0.7, -0.4, 1.1];
    let h = mixed3_hessian(&x);
    let exact = h[0][0] + h[1][1] + h[2][2];
    for (kind, seed) in [(Direction::Rademacher, 1), (Direction::Normal, 2)] {
        let mut rng = Rng::seed_from_u64(seed);
        let (mean, var, se) = sample_statistics(4000, || {
            ops::laplacian_stochastic::<_, 3, 4, _>(mixed3, &x, kind, &mut rng)
        });
        // Variance per direction: 2 Σ_{i≠j} H_ij² (Rademacher), 2 Σ_ij H_ij² (normal).
        let off: f64 = (0..3)
            .flat_map(|i| (0..3).map(move |j| (i, j)))
            .filter(|(i, j)| i != j)
            .map(|(i, j)| h[i][j].powi(2))
            .sum();
        let diag: f64 = (0..3).map(|i| h[i][i].powi(2)).sum();
        let theory = match kind {
            Direction::Rademacher => 2.0 * off / 4.0,
            Direction::Normal => 2.0 * (off + diag) / 4.0,
        };
        assert!(se > 0.0, "{kind:?}: degenerate samples");
        assert!(
            (mean - exact).abs() < 5.0 * se,
            "{kind:?}: mean {mean}, exact {exact}, se {se}"
        );
        assert!(
            (var / theory - 1.0).abs() < 0.15,
            "{kind:?}: variance {var} vs theory {theory}"
        );
    }
}

#[test]
fn rng_is_reproducible_and_roughly_normal() {
    let mut a = Rng::seed_from_u64(123);
    let mut b = Rng::seed_from_u64(123);
    for _ in 0..100 {
        assert_eq!(a.next_u64(), b.next_u64());
    }
    let n = 100_000;
    let xs: Vec<f64> = (0..n).map(|_| a.normal()).collect();
    let mean = xs.iter().sum::<f64>() / n as f64;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
    assert!(mean.abs() < 5.0 / (n as f64).sqrt(), "mean {mean}");
    assert!(
        (var - 1.0).abs() < 5.0 * (2.0 / n as f64).sqrt(),
        "variance {var}"
    );
    let ones = (0..n).filter(|_| a.rademacher() > 0.0).count() as f64 / n as f64;
    assert!(
        (ones - 0.5).abs() < 5.0 * 0.5 / (n as f64).sqrt(),
        "rademacher {ones}"
    );
}

// ---- bi-Laplacian -------------------------------------------------------------------

/// A polynomial `Σ c x^e` with closed-form mixed partials.
struct Poly(Vec<(f64, Vec<u32>)>);

impl Poly {
    fn eval<J: Taylor<f64>>(&self, x: &[J]) -> J {
        let mut s = J::constant(0.0);
        for (c, e) in &self.0 {
            let mut m = J::constant(*c);
            for (xi, &ei) in x.iter().zip(e) {
                if ei > 0 {
                    m = m.mul(xi.powi(ei as i32));
                }
            }
            s = s.add(m);
        }
        s
    }
    fn partial(&self, x: &[f64], alpha: &[usize]) -> f64 {
        let mut s = 0.0;
        for (c, e) in &self.0 {
            let mut m = *c;
            for ((&xi, &ei), &a) in x.iter().zip(e).zip(alpha) {
                let (ei, a) = (ei as usize, a);
                if a > ei {
                    m = 0.0;
                    break;
                }
                let falling: f64 = (ei - a + 1..=ei).map(|k| k as f64).product();
                m *= falling * xi.powi((ei - a) as i32);
            }
            s += m;
        }
        s
    }
    fn bilaplacian(&self, x: &[f64]) -> f64 {
        let n = x.len();
        let mut s = 0.0;
        for i in 0..n {
            for j in 0..n {
                let mut a = vec![0; n];
                a[i] += 2;
                a[j] += 2;
                s += self.partial(x, &a);
            }
        }
        s
    }
}

fn test_poly(n: usize) -> Poly {
    // Deterministic integer coefficients and exponents of total degree ≤ 6.
    let mut rng = Rng::seed_from_u64(n as u64);
    let mut terms = Vec::new();
    for _ in 0..12 {
        let mut e = vec![0u32; n];
        for _ in 0..(rng.next_u64() % 7) {
            e[(rng.next_u64() % n as u64) as usize] += 1;
        }
        let c = (rng.next_u64() % 9) as f64 - 4.0;
        terms.push((c, e));
    }
    Poly(terms)
}

#[test]
fn bilaplacian_of_polynomials_in_one_to_five_variables() {
    fn check<const D: usize>() {
        let p = test_poly(D);
        let x: [f64; D] = core::array::from_fn(|i| 0.25 * i as f64 - 0.5);
        let want = p.bilaplacian(&x);
        let f = |x: &[_]| p.eval(x);
        assert_close(
            ops::bilaplacian(f, &x),
            want,
            1e-13,
            &format!("collapsed, D = {D}"),
        );
        let f = |x: &[_]| p.eval(x);
        assert_close(
            ops::bilaplacian_standard(f, &x),
            want,
            1e-13,
            &format!("standard, D = {D}"),
        );
    }
    check::<1>();
    check::<2>();
    check::<3>();
    check::<4>();
    check::<5>();
}

#[test]
fn bilaplacian_of_radial_and_separable_functions() {
    fn check<const D: usize>() {
        let x: [f64; D] = core::array::from_fn(|i| 0.3 * i as f64 - 0.4);
        let n = D as f64;
        let want = 8.0 * n * (n + 2.0);
        assert_close(
            ops::bilaplacian(r4, &x),
            want,
            1e-13,
            &format!("r⁴ collapsed, D = {D}"),
        );
        assert_close(
            ops::bilaplacian_standard(r4, &x),
            want,
            1e-13,
            &format!("r⁴ standard, D = {D}"),
        );
        let k2: f64 = K[..D].iter().map(|k| k * k).sum();
        let want = k2 * k2 * sin_product_f64(&x);
        assert_close(
            ops::bilaplacian(sin_product, &x),
            want,
            1e-13,
            &format!("sin collapsed, D = {D}"),
        );
        assert_close(
            ops::bilaplacian_standard(sin_product, &x),
            want,
            1e-13,
            &format!("sin standard, D = {D}"),
        );
    }
    check::<1>();
    check::<2>();
    check::<3>();
    check::<4>();
    check::<5>();
}

/// `e^{−|x|²}`: Δ² = (16 r⁴ − 16 (D + 2) r² + 4 D (D + 2)) e^{−r²} (checked with sympy).
fn gaussian<J: Taylor<f64>>(x: &[J]) -> J {
    let mut s = x[0].square();
    for xi in &x[1..] {
        s = s.add(xi.square());
    }
    s.neg().exp()
}

fn gaussian_bilaplacian(x: &[f64]) -> f64 {
    let (r2, n) = (x.iter().map(|v| v * v).sum::<f64>(), x.len() as f64);
    (16.0 * r2 * r2 - 16.0 * (n + 2.0) * r2 + 4.0 * n * (n + 2.0)) * (-r2).exp()
}

#[test]
fn stochastic_bilaplacian_is_unbiased() {
    // Mean of M estimates (S = 4 directions each) within 5 standard errors of the closed
    // form, for a function whose fourth derivatives are not diagonal; the exact
    // (polarization) bi-Laplacian against the same closed form.
    let x = [0.3, -0.5, 0.4];
    let exact = gaussian_bilaplacian(&x);
    assert_close(ops::bilaplacian(gaussian, &x), exact, 1e-13, "exact Δ²");
    for (kind, seed) in [(Direction::Rademacher, 3), (Direction::Normal, 4)] {
        let mut rng = Rng::seed_from_u64(seed);
        let (mean, _, se) = sample_statistics(4000, || {
            ops::bilaplacian_stochastic::<_, 3, 4, _>(gaussian, &x, kind, &mut rng)
        });
        assert!(se > 0.0, "{kind:?}: degenerate samples");
        assert!(
            (mean - exact).abs() < 5.0 * se,
            "{kind:?}: mean {mean}, exact {exact}, se {se}"
        );
    }
}

#[test]
fn stochastic_bilaplacian_with_rademacher_directions_is_exact_for_separable_functions() {
    // f = Σ_i sin(k_i x_i): D⁴_v f = Σ_i k_i⁴ sin(k_i x_i) v_i⁴ for every v, and v_i⁴ = 1.
    fn separable<J: Taylor<f64>>(x: &[J]) -> J {
        let mut s = x[0].mul_scalar(K[0]).sin();
        for (i, xi) in x.iter().enumerate().skip(1) {
            s = s.add(xi.mul_scalar(K[i]).sin());
        }
        s
    }
    let x = [0.2, -0.7, 1.1, 0.5, -0.3];
    let want: f64 = x
        .iter()
        .zip(K)
        .map(|(&xi, k)| k.powi(4) * (k * xi).sin())
        .sum();
    let mut rng = Rng::seed_from_u64(9);
    for _ in 0..10 {
        // S = 2 < D = 5: the axis terms take three passes, the last one partly empty.
        let est = ops::bilaplacian_stochastic::<_, 5, 2, _>(
            separable,
            &x,
            Direction::Rademacher,
            &mut rng,
        );
        assert_close(est, want, 1e-13, "Rademacher, separable");
    }
}

// ---- mixed partials -----------------------------------------------------------------

/// Every multi-index of `n` variables with `|α| ≤ d`.
fn multi_indices(n: usize, d: usize) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    for _ in 0..n {
        out = out
            .into_iter()
            .flat_map(|v: Vec<usize>| {
                let used: usize = v.iter().sum();
                (0..=d - used).map(move |a| {
                    let mut w = v.clone();
                    w.push(a);
                    w
                })
            })
            .collect();
    }
    out
}

#[test]
fn every_mixed_partial_up_to_order_four_in_two_and_three_variables() {
    const A: [f64; 3] = [0.7, -0.4, 1.3];
    // exp(a·x): ∂^α = a^α e^{a·x}.
    fn exp_lin<J: Taylor<f64>>(x: &[J]) -> J {
        let mut s = x[0].mul_scalar(A[0]);
        for (i, xi) in x.iter().enumerate().skip(1) {
            s = s.add(xi.mul_scalar(A[i]));
        }
        s.exp()
    }
    // 1/(1 + a·x): ∂^α = (−1)^d d! a^α (1 + a·x)^{−d−1}.
    fn rational<J: Taylor<f64>>(x: &[J]) -> J {
        let mut s = x[0].mul_scalar(A[0]).add_scalar(1.0);
        for (i, xi) in x.iter().enumerate().skip(1) {
            s = s.add(xi.mul_scalar(A[i]));
        }
        s.recip()
    }
    fn check<const D: usize>() {
        let x: [f64; D] = core::array::from_fn(|i| 0.2 * i as f64 + 0.1);
        let ax: f64 = (0..D).map(|i| A[i] * x[i]).sum();
        let poly = test_poly(D + 10);
        let mut count = 0;
        for alpha in multi_indices(D, 4) {
            let a: [usize; D] = core::array::from_fn(|i| alpha[i]);
            let d: usize = alpha.iter().sum();
            let a_pow: f64 = (0..D).map(|i| A[i].powi(a[i] as i32)).product();
            let name = |f: &str| format!("{f}, α = {alpha:?}");

            let got = ops::mixed_partial(exp_lin::<Jet<f64, 5>>, &x, &a);
            assert_close(got, a_pow * ax.exp(), 1e-13, &name("exp(a·x)"));

            let fact: f64 = (1..=d).map(|k| k as f64).product();
            let sign = if d % 2 == 1 { -1.0 } else { 1.0 };
            let want = sign * fact * a_pow * (1.0 + ax).powi(-(d as i32) - 1);
            let got = ops::mixed_partial(rational::<Jet<f64, 5>>, &x, &a);
            assert_close(got, want, 1e-13, &name("1/(1 + a·x)"));

            let want: f64 = (0..D)
                .map(|i| {
                    let s = K[i] * x[i];
                    let deriv = [s.sin(), s.cos(), -s.sin(), -s.cos()][a[i] % 4];
                    K[i].powi(a[i] as i32) * deriv
                })
                .product();
            let got = ops::mixed_partial(sin_product::<Jet<f64, 5>>, &x, &a);
            assert_close(got, want, 1e-13, &name("Π sin(k x)"));

            let f = |x: &[Jet<f64, 5>]| poly.eval(x);
            assert_close(
                ops::mixed_partial(f, &x, &a),
                poly.partial(&x, &alpha),
                1e-13,
                &name("polynomial"),
            );
            count += 1;
        }
        // C(4 + D, D) multi-indices of order ≤ 4.
        assert_eq!(count, if D == 2 { 15 } else { 35 });
    }
    check::<2>();
    check::<3>();
}

#[test]
fn mixed_partials_of_higher_order_and_the_bilaplacian_agree() {
    // ∂^α of order 6 with a 6-jet, and Δ² = Σ_ij ∂²_i ∂²_j by mixed partials.
    fn f<J: Taylor<f64>>(x: &[J]) -> J {
        x[0].mul(x[1]).sin().add(x[2].exp().mul(x[0]))
    }
    let x = [0.3, 0.8, -0.2];
    // ∂_y³ sin(xy) = −x³ cos(xy), then Leibniz in x (p = xy):
    // ∂_x³∂_y³ sin(xy) = −p³ sin p + 9 p² cos p + 18 p sin p − 6 cos p.
    let p = 0.3f64 * 0.8;
    let (s, c) = p.sin_cos();
    let want = -p.powi(3) * s + 9.0 * p * p * c + 18.0 * p * s - 6.0 * c;
    assert_close(
        ops::mixed_partial(f::<Jet<f64, 7>>, &x, &[3, 3, 0]),
        want,
        1e-12,
        "∂x³∂y³",
    );
    let mut bl = 0.0;
    for i in 0..3 {
        for j in 0..3 {
            let mut a = [0; 3];
            a[i] += 2;
            a[j] += 2;
            bl += ops::mixed_partial(f::<Jet<f64, 5>>, &x, &a);
        }
    }
    assert_close(
        ops::bilaplacian(f, &x),
        bl,
        1e-12,
        "bi-Laplacian by mixed partials",
    );
    assert_close(
        ops::bilaplacian_standard(f, &x),
        bl,
        1e-12,
        "standard bi-Laplacian",
    );
}

#[test]
fn stencil_coefficients_are_the_published_ones() {
    // torch-jet's doc example for α = (2, 2): 13/192, -1/3, 5/8, -1/3, 13/192.
    let mut s = ops::mixed_partial_stencil(&[2, 2]);
    s.sort_by(|a, b| a.0.cmp(&b.0));
    let want = [
        (vec![0, 4], 13.0 / 192.0),
        (vec![1, 3], -1.0 / 3.0),
        (vec![2, 2], 5.0 / 8.0),
        (vec![3, 1], -1.0 / 3.0),
        (vec![4, 0], 13.0 / 192.0),
    ];
    assert_eq!(s.len(), 5);
    for ((dir, g), (wd, wg)) in s.iter().zip(want.iter()) {
        assert_eq!(dir, wd);
        assert_close(*g, *wg, 1e-16, "γ");
    }
    // Zero entries of α add no directions; order 0 is the value.
    assert!(ops::mixed_partial_stencil(&[0, 2, 0])
        .iter()
        .all(|(d, _)| d[0] == 0 && d[2] == 0));
    assert_eq!(ops::mixed_partial_stencil(&[0, 0]), vec![(vec![0, 0], 1.0)]);
}

// ---- batches ------------------------------------------------------------------------

#[test]
fn batches_equal_the_serial_loop_bit_for_bit() {
    let m = mlp::Mlp::load();
    let f = |x: &[_]| m.eval(x);
    let serial: Vec<f64> = m.x_batch.iter().map(|x| ops::laplacian(f, x)).collect();
    assert_eq!(ops::laplacian_batch(f, &m.x_batch), serial);
    let flat: Vec<f64> = m.x_batch.iter().flatten().copied().collect();
    assert_eq!(
        ops::batch_flat::<_, 8, _, _>(&flat, |x| ops::laplacian(f, x)),
        serial
    );
    #[cfg(feature = "parallel")]
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        assert_eq!(
            pool.install(|| ops::laplacian_batch(f, &m.x_batch)),
            serial,
            "{threads} threads"
        );
    }
    let g = |x: &[_]| m.eval(x);
    let serial: Vec<f64> = m
        .x_batch
        .iter()
        .map(|x| ops::laplacian_standard(g, x))
        .collect();
    assert_eq!(ops::laplacian_standard_batch(g, &m.x_batch), serial);
    let pts = &m.x_batch[..8];
    let h = |x: &[_]| m.eval(x);
    let serial: Vec<f64> = pts.iter().map(|x| ops::bilaplacian(h, x)).collect();
    assert_eq!(ops::bilaplacian_batch(h, pts), serial);
    assert_eq!(
        ops::batch_serial(pts, |x| ops::gradient(|x: &[_]| m.eval(x), x)),
        ops::batch(pts, |x| ops::gradient(|x: &[_]| m.eval(x), x))
    );
}

// ---- the W2 MLP: standard, collapsed, nested duals ----------------------------------

#[test]
fn mlp_laplacian_three_ways_agree() {
    let m = mlp::Mlp::load();
    // The file's x_single is linspace(-1, 1, 8).
    for (i, &xi) in m.x_single.iter().enumerate() {
        assert_close(xi, -1.0 + 2.0 * i as f64 / 7.0, 1e-15, "x_single");
    }
    assert_eq!(m.x_batch.len(), 256);
    let mut points = vec![m.x_single];
    points.extend_from_slice(&m.x_batch);
    let mut worst: f64 = 0.0;
    for (p, x) in points.iter().enumerate() {
        let collapsed = ops::laplacian(|x: &[_]| m.eval(x), x);
        let standard = ops::laplacian_standard(|x: &[_]| m.eval(x), x);
        let nested = m.laplacian_nested_duals(x);
        assert_close(
            collapsed,
            nested,
            1e-13,
            &format!("collapsed vs nested duals, point {p}"),
        );
        assert_close(
            standard,
            nested,
            1e-13,
            &format!("standard vs nested duals, point {p}"),
        );
        worst = worst
            .max((collapsed - nested).abs())
            .max((standard - nested).abs());
    }
    assert!(worst < 1e-13, "largest disagreement {worst:e}");
    // The value and gradient of the collapsed pass are those of plain evaluation.
    let p = ops::laplacian_parts(|x: &[_]| m.eval(x), &m.x_single);
    assert_close(p.value, m.eval_dual(&m.x_single), 1e-15, "value");
    let g = ops::gradient(|x: &[_]| m.eval(x), &m.x_single);
    assert_eq!(p.gradient, g);
    // The bi-Laplacian, collapsed against standard.
    let b = ops::bilaplacian(|x: &[_]| m.eval(x), &m.x_single);
    let bs = ops::bilaplacian_standard(|x: &[_]| m.eval(x), &m.x_single);
    assert_close(b, bs, 1e-12, "MLP bi-Laplacian");
}

#[test]
fn operators_work_in_f32() {
    fn f<J: Taylor<f32>>(x: &[J]) -> J {
        x[0].square().mul(x[1]).add(x[1].sin())
    }
    let x = [1.5f32, 0.5];
    let want = 2.0 * 0.5 - 0.5f32.sin();
    assert!((ops::laplacian(f, &x) - want).abs() < 1e-6);
    assert!((ops::laplacian_standard(f, &x) - want).abs() < 1e-6);
    assert!((ops::bilaplacian(f, &x) - 0.5f32.sin()).abs() < 1e-5);
}

// ---- with the #[jet] macro ----------------------------------------------------------

/// `exp(−|x|)` in 3-D as ordinary code; `#[jet]` (no order) emits `bump_jet`, generic
/// over the jet kind, which every operator accepts through a closure.
#[jet::jet]
fn bump(x: f64, y: f64, z: f64) -> f64 {
    (-(x * x + y * y + z * z).sqrt()).exp()
}

#[test]
fn operators_take_macro_companions() {
    let p = [0.3, -0.4, 1.2];
    let r = (0.09f64 + 0.16 + 1.44).sqrt();
    let want = (1.0 - 2.0 / r) * (-r).exp();
    let collapsed = ops::laplacian(|x: &[_]| bump_jet(x[0], x[1], x[2]), &p);
    let standard = ops::laplacian_standard(|x: &[_]| bump_jet(x[0], x[1], x[2]), &p);
    assert_close(collapsed, want, 1e-14, "collapsed, macro companion");
    assert_close(standard, want, 1e-14, "standard, macro companion");
    assert_eq!(bump(p[0], p[1], p[2]), (-r).exp());
    let b = ops::bilaplacian(|x: &[_]| bump_jet(x[0], x[1], x[2]), &p);
    // Δ²e^{−r} in 3-D: (1 − 4/r) e^{−r} (radial: Δ(g) = g'' + 2g'/r applied twice).
    assert_close(
        b,
        (1.0 - 4.0 / r) * (-r).exp(),
        1e-13,
        "bi-Laplacian, macro companion",
    );
}

//! `#[jet]` on functions over nalgebra vectors and matrices (`&SVector<f64, D>`
//! parameters, `SMatrix` locals, `SVector` results).
//!
//! The kernel is a small network `f(x) = tanh(w · tanh(M x + b))` written twice, once
//! over nalgebra types and once over slices with index loops, each annotated both as an
//! `order = 3` and as a generic companion. Checked:
//! - the two companions agree coefficient by coefficient (order 3 and, through the
//!   generic companion, order 6);
//! - both against num-dual's `Dual3_64` (value and derivatives 1..3 along `v`, by the
//!   chain rule, no Taylor recurrence), with the same kernel written over `Dual3_64`;
//! - a kernel with a closed form at every order, `g(x) = exp(a · (M x)) + |x|²`:
//!   `d^k/dt^k g(x0 + t v) = (a·Mv)^k e^{a·M x0} + [k ≤ 2] (...)`;
//! - the generic companion with multi-directional and collapsed jets (Laplacian,
//!   Hessian diagonal) against sums of `Dual3_64` second derivatives along the axes;
//! - vector results, the other spellings (`Vector3`, `nalgebra::SVector`, `DVector`,
//!   `T: RealField`), constructors, `+=`, branches on norms, entry fields.
//!
//! The root package's dev-dependency on `jet-runtime` turns on the runtime's `nalgebra`
//! feature for every test build, so `cargo test --workspace` runs this file; a user
//! enables `features = ["nalgebra"]` on `jet`.

use jet::{jet, ops, Jet};
use nalgebra::{DMatrix, DVector, RealField, SMatrix, SVector, Vector2, Vector3};
use num_dual::{Dual3_64, DualNum};

// ---- the kernel, over nalgebra and over slices ---------------------------------------------

/// `fn $name / $generic(..)`: the function twice, as an `order = 3` companion (`$name`)
/// and as a generic one (`$generic`, any order, any jet kind), both `wrt(x)`.
macro_rules! order_3_and_generic {
    ($(#[doc = $doc:literal])* fn $name:ident / $generic:ident $($signature_and_body:tt)*) => {
        $(#[doc = $doc])*
        #[jet(order = 3, wrt(x))]
        fn $name $($signature_and_body)*

        $(#[doc = $doc])*
        #[jet(wrt(x))]
        fn $generic $($signature_and_body)*
    };
}

order_3_and_generic! {
    /// `tanh(w · tanh(M x + b))`, with `M`, `b`, `w` constants (`wrt(x)`).
    fn mlp / mlp_generic(
        x: &SVector<f64, 3>,
        m: &SMatrix<f64, 4, 3>,
        b: &SVector<f64, 4>,
        w: &SVector<f64, 4>,
    ) -> f64 {
        let h = (m * x + b).map(|v| v.tanh());
        w.dot(&h).tanh()
    }
}

order_3_and_generic! {
    /// The same kernel with index loops over slices (`m` row-major, 4 x 3).
    fn mlp_slices / mlp_slices_generic(x: &[f64], m: &[f64], b: &[f64], w: &[f64]) -> f64 {
        let d = x.len();
        let mut s = 0.0;
        for i in 0..b.len() {
            let mut a = b[i];
            for j in 0..d {
                a += m[i * d + j] * x[j];
            }
            s += w[i] * a.tanh();
        }
        s.tanh()
    }
}

/// The reference: the kernel over `Dual3_64` with plain loops (num-dual's own rules).
fn mlp_dual(x: &[Dual3_64; 3], m: &[f64], b: &[f64], w: &[f64]) -> Dual3_64 {
    let mut s = Dual3_64::from(0.0);
    for i in 0..4 {
        let mut a = Dual3_64::from(b[i]);
        for (j, xj) in x.iter().enumerate() {
            a += *xj * m[i * 3 + j];
        }
        s += a.tanh() * w[i];
    }
    s.tanh()
}

const M: [f64; 12] = [
    0.3, -0.7, 0.2, //
    0.5, 0.1, -0.4, //
    -0.6, 0.8, 0.9, //
    0.25, -0.15, 0.35,
];
const B: [f64; 4] = [0.1, -0.2, 0.05, 0.3];
const W: [f64; 4] = [0.8, -1.1, 0.6, 0.45];

fn weights() -> (SMatrix<f64, 4, 3>, SVector<f64, 4>, SVector<f64, 4>) {
    (
        SMatrix::<f64, 4, 3>::from_row_slice(&M),
        SVector::from(B),
        SVector::from(W),
    )
}

/// Deterministic points and directions.
fn cases() -> Vec<([f64; 3], [f64; 3])> {
    let mut s = 0x9e37_79b9_7f4a_7c15u64;
    let mut u = move || {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        ((s.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    };
    (0..16)
        .map(|_| ([u(), u(), u()], [u(), u(), u()]))
        .collect()
}

/// The jets of the curve `x0 + t v` (entry `i`: `x0[i] + t v[i]`).
fn along<const N: usize>(x0: [f64; 3], v: [f64; 3]) -> SVector<Jet<f64, N>, 3> {
    SVector::from_fn(|i, _| Jet::along(x0[i], v[i]))
}

/// The same curve in `Dual3_64` (value and derivatives 1..3 along `v`).
fn duals_along(x0: [f64; 3], v: [f64; 3]) -> [Dual3_64; 3] {
    core::array::from_fn(|i| Dual3_64::new(x0[i], v[i], 0.0, 0.0))
}

/// `|got - want| <= tol * max(1, max |want|)` for every entry.
fn assert_close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    let scale = want.iter().fold(1.0f64, |m, w| m.max(w.abs()));
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol * scale,
            "{what}: entry {k}: got {g:e}, want {w:e} (difference {:e})",
            (g - w).abs()
        );
    }
}

#[test]
fn svector_kernel_matches_slices_and_nested_duals_at_order_3() {
    let (m, b, w) = weights();
    for (x0, v) in cases() {
        let x = along::<4>(x0, v);
        let got = mlp_jet(&x, &m, &b, &w);
        let slices = mlp_slices_jet(x.as_slice(), &M, &B, &W);
        assert_close(
            &got.coefficients(),
            &slices.coefficients(),
            1e-14,
            "SVector vs slices",
        );
        // The plain functions agree too.
        let plain = mlp(&SVector::from(x0), &m, &b, &w);
        assert!((plain - mlp_slices(&x0, &M, &B, &W)).abs() < 1e-15);
        assert!((got.value() - plain).abs() < 1e-15);
        // Against num-dual: value and derivatives 1..3 along v.
        let d = mlp_dual(&duals_along(x0, v), &M, &B, &W);
        assert_close(
            &got.derivatives(),
            &[d.re, d.v1, d.v2, d.v3],
            1e-13,
            "SVector vs Dual3_64",
        );
    }
}

#[test]
fn generic_companion_matches_slices_at_order_6() {
    let (m, b, w) = weights();
    for (x0, v) in cases() {
        let x = along::<7>(x0, v);
        let got = mlp_generic_jet(&x, &m, &b, &w);
        let want = mlp_slices_generic_jet(x.as_slice(), &M, &B, &W);
        assert_close(&got.coefficients(), &want.coefficients(), 1e-13, "order 6");
        let plain = mlp_generic(&SVector::from(x0), &m, &b, &w);
        let by_slices = mlp_slices_generic(&x0, &M, &B, &W);
        assert_close(
            &[plain, got.value()],
            &[by_slices, by_slices],
            1e-15,
            "values",
        );
        // The lower derivatives do not depend on the order.
        let low = mlp_jet(&along(x0, v), &m, &b, &w);
        assert_close(
            &got.derivatives()[..4],
            &low.derivatives(),
            1e-13,
            "order 6 vs 3",
        );
    }
}

#[test]
fn generic_companion_on_multi_directional_and_collapsed_jets() {
    let (m, b, w) = weights();
    for (x0, _) in cases().into_iter().take(6) {
        // Laplacian (collapsed) and Hessian diagonal (multi-directional) through the
        // operators, which hand the companion a slice: viewed as an `SVector`.
        let lap = ops::laplacian(
            |x| mlp_generic_jet(&SVector::from_column_slice(x), &m, &b, &w),
            &x0,
        );
        let diag = ops::hessian_diagonal(
            |x| mlp_generic_jet(&SVector::from_column_slice(x), &m, &b, &w),
            &x0,
        );
        // Reference: second derivatives along the axes with Dual3_64.
        let want: Vec<f64> = (0..3)
            .map(|i| {
                let axis = core::array::from_fn(|j| if i == j { 1.0 } else { 0.0 });
                mlp_dual(&duals_along(x0, axis), &M, &B, &W).v2
            })
            .collect();
        assert_close(&diag, &want, 1e-13, "Hessian diagonal");
        assert_close(&[lap], &[want.iter().sum()], 1e-13, "Laplacian");
    }
}

// ---- a closed form at every order ----------------------------------------------------------

/// `exp(a · (M x)) + |x|²`.
#[jet(order = 7, wrt(x))]
fn exp_ridge(x: &SVector<f64, 3>, m: &SMatrix<f64, 2, 3>, a: &SVector<f64, 2>) -> f64 {
    let y = m * x;
    a.dot(&y).exp() + x.norm_squared()
}

#[test]
fn matrix_vector_product_against_a_closed_form_at_order_7() {
    let m = SMatrix::<f64, 2, 3>::new(0.4, -0.3, 0.2, 0.1, 0.5, -0.6);
    let a = SVector::<f64, 2>::new(0.7, -0.9);
    for (x0, v) in cases() {
        let (x0v, vv) = (SVector::from(x0), SVector::from(v));
        let x = along::<8>(x0, v);
        let got = exp_ridge_jet(&x, &m, &a).derivatives();
        // g(x0 + t v) = e^{a·M x0 + t a·M v} + |x0|² + 2 t x0·v + t² |v|²
        let (s0, s1) = (a.dot(&(m * x0v)), a.dot(&(m * vv)));
        let want: Vec<f64> = (0..8)
            .map(|k| {
                let poly = match k {
                    0 => x0v.norm_squared(),
                    1 => 2.0 * x0v.dot(&vv),
                    2 => 2.0 * vv.norm_squared(),
                    _ => 0.0,
                };
                s1.powi(k) * s0.exp() + poly
            })
            .collect();
        assert_close(&got, &want, 1e-13, "exp ridge");
        assert_close(
            &[exp_ridge(&x0v, &m, &a)],
            &want[..1],
            1e-15,
            "plain exp ridge",
        );
    }
}

// ---- vector results, other spellings, statements -------------------------------------------

/// A vector result: `tanh(M x + b)` (jets in every entry).
#[jet(order = 4, wrt(x))]
fn layer(x: &SVector<f64, 3>, m: &SMatrix<f64, 4, 3>, b: &SVector<f64, 4>) -> SVector<f64, 4> {
    (m * x + b).map(|v| v.tanh())
}

#[test]
fn vector_result_entries_match_their_closed_forms() {
    let (m, b, _) = weights();
    let (x0, v) = ([0.3, -0.5, 0.7], [1.0, 0.25, -0.5]);
    let x = along::<5>(x0, v);
    let y = layer_jet(&x, &m, &b);
    let (z0, z1) = (m * SVector::from(x0) + b, m * SVector::from(v));
    for i in 0..4 {
        // tanh(z0 + t z1): derivatives of tanh times z1^k.
        let th = z0[i].tanh();
        let d = [
            th,
            1.0 - th * th,
            -2.0 * th * (1.0 - th * th),
            (1.0 - th * th) * (6.0 * th * th - 2.0),
            (1.0 - th * th) * (16.0 * th - 24.0 * th.powi(3)),
        ];
        let want: Vec<f64> = (0..5).map(|k| d[k] * z1[i].powi(k as i32)).collect();
        assert_close(&y[i].derivatives(), &want, 1e-13, "layer entry");
    }
    assert_eq!(layer(&SVector::from(x0), &m, &b), y.map(|yi| yi.value()));
}

/// Another companion's vector result used directly (`dot`) and through an annotated
/// binding: the same network as `mlp`, at order 4.
#[jet(order = 4, wrt(x))]
fn head(
    x: &SVector<f64, 3>,
    m: &SMatrix<f64, 4, 3>,
    b: &SVector<f64, 4>,
    w: &SVector<f64, 4>,
) -> f64 {
    let h: SVector<f64, 4> = layer(x, m, b);
    let direct = w.dot(&layer(x, m, b));
    (w.dot(&h) + direct).tanh()
}

#[test]
fn calls_of_companions_with_vector_results() {
    let (m, b, w) = weights();
    for (x0, v) in cases() {
        let x = along::<5>(x0, v);
        let got = head_jet(&x, &m, &b, &w);
        // 2 w·h inside the tanh: the slice kernel with doubled output weights.
        let w2: Vec<f64> = W.iter().map(|wi| 2.0 * wi).collect();
        let want = mlp_slices_generic_jet(x.as_slice(), &M, &B, &w2);
        assert_close(&got.coefficients(), &want.coefficients(), 1e-13, "head");
        assert_close(
            &[head(&SVector::from(x0), &m, &b, &w)],
            &[want.value()],
            1e-15,
            "plain head",
        );
    }
}

/// `Vector3` alias, a path-qualified type, entry fields, a cross product and a
/// normalization, a constructor from jets, `+=` and a branch on a norm.
#[jet(order = 3)]
fn shapes(p: &Vector3<f64>, q: &nalgebra::SVector<f64, 3>) -> f64 {
    let c = p.cross(q);
    let mut acc = Vector3::new(p.x, q.y, 1.0);
    acc += c;
    acc -= q.normalize();
    let r = if acc.norm() > 10.0 {
        acc * 0.5
    } else {
        2.0 * acc
    };
    r.sum() + p.component_mul(q).dot(&Vector3::new(1.0, 2.0, 3.0))
}

/// The same with plain indexing and scalar arithmetic.
#[jet(order = 3)]
fn shapes_by_hand(p: &[f64], q: &[f64]) -> f64 {
    let c = [
        p[1] * q[2] - p[2] * q[1],
        p[2] * q[0] - p[0] * q[2],
        p[0] * q[1] - p[1] * q[0],
    ];
    let n = (q[0] * q[0] + q[1] * q[1] + q[2] * q[2]).sqrt();
    let a = [
        p[0] + c[0] - q[0] / n,
        q[1] + c[1] - q[1] / n,
        1.0 + c[2] - q[2] / n,
    ];
    let norm = (a[0] * a[0] + a[1] * a[1] + a[2] * a[2]).sqrt();
    let f = if norm > 10.0 { 0.5 } else { 2.0 };
    f * (a[0] + a[1] + a[2]) + p[0] * q[0] + 2.0 * p[1] * q[1] + 3.0 * p[2] * q[2]
}

#[test]
fn aliases_fields_cross_normalize_and_branches_match_hand_written() {
    for (x0, v) in cases() {
        let p: Vector3<Jet<f64, 4>> = along(x0, v);
        let q: Vector3<Jet<f64, 4>> = along(v.map(|vi| vi + 2.0), x0);
        let got = shapes_jet(&p, &q);
        let want = shapes_by_hand_jet(p.as_slice(), q.as_slice());
        assert_close(&got.coefficients(), &want.coefficients(), 1e-13, "shapes");
        let (p0, q0) = (p.map(|pi| pi.value()), q.map(|qi| qi.value()));
        let plain = shapes(&p0, &q0);
        assert_close(
            &[plain],
            &[shapes_by_hand(p0.as_slice(), q0.as_slice())],
            1e-14,
            "plain shapes",
        );
    }
}

/// Dynamic sizes and a generic `T: RealField` float.
#[jet(order = 2, wrt(x))]
fn quadratic_form<T: RealField + Copy>(x: &DVector<T>, a: &DMatrix<T>) -> T {
    let ax = a * x;
    x.dot(&ax) * nalgebra::convert(0.5)
}

#[test]
fn dynamic_sizes_and_real_field() {
    let a = DMatrix::from_row_slice(3, 3, &[2.0, 0.5, 0.0, 0.5, 3.0, -1.0, 0.0, -1.0, 4.0]);
    let (x0, v) = ([0.2, -0.4, 0.9], [1.0, -2.0, 0.5]);
    let x = DVector::from_fn(3, |i, _| Jet::<f64, 3>::along(x0[i], v[i]));
    let y = quadratic_form_jet(&x, &a);
    // q(x0 + t v) = q(x0) + t x0ᵀ A v + t²/2 vᵀ A v (A symmetric)
    let (x0v, vv) = (
        DVector::from_column_slice(&x0),
        DVector::from_column_slice(&v),
    );
    let want = [
        0.5 * x0v.dot(&(&a * &x0v)),
        x0v.dot(&(&a * &vv)),
        vv.dot(&(&a * &vv)),
    ];
    assert_close(&y.derivatives(), &want, 1e-14, "quadratic form");
    assert_eq!(quadratic_form(&x0v, &a), want[0]);
}

/// Constructors from jets, `map` over an inactive vector with a jet inside, a 2 x 2
/// matrix product of jets and an index loop.
#[jet(order = 3)]
fn built(s: f64, t: f64) -> Vector2<f64> {
    let u = Vector2::new(s, t);
    let w = Vector2::new(1.0, -2.0).map(|c| c * s);
    let m = nalgebra::Matrix2::new(s, t, 1.0, s * t);
    let mut out = m * u + w;
    for i in 0..2 {
        out[i] = out[i].sin();
    }
    out
}

#[test]
fn constructors_from_jets_and_matrix_products_of_jets() {
    let (s0, t0) = (0.4, -0.7);
    let s = Jet::<f64, 4>::along(s0, 1.0);
    let t = Jet::<f64, 4>::along(t0, 0.5);
    let got = built_jet(s, t);
    // By hand: m u + w = (s² + t² + s, t·... ) computed with jet arithmetic.
    let e0 = (s * s + t * t + s).sin();
    let e1 = (s + s * t * t - 2.0 * s).sin();
    assert_close(&got[0].coefficients(), &e0.coefficients(), 1e-14, "entry 0");
    assert_close(&got[1].coefficients(), &e1.coefficients(), 1e-14, "entry 1");
    assert_eq!(built(s0, t0)[0], got[0].value());
}

/// Entry writes into plain buffers that become jets, outer and inner products through
/// `transpose`, a loop over `iter()` and an index loop over a plain matrix.
#[jet(order = 3, wrt(x))]
fn by_entries(x: &SVector<f64, 3>, m: &SMatrix<f64, 3, 3>) -> f64 {
    let mut s: SVector<f64, 3> = SVector::zeros();
    let mut t = SVector::<f64, 3>::zeros();
    for i in 0..3 {
        s[i] = x[i].sin();
        for j in 0..3 {
            t[i] += m[(i, j)] * x[j];
        }
    }
    let inner = (s.transpose() * t)[0];
    let outer = t * s.transpose();
    let mut acc = 0.0;
    for v in x.iter() {
        acc += *v * *v;
    }
    inner + outer.trace() + acc - (m * x - t).norm_squared()
}

#[test]
fn entry_writes_transposes_and_loops() {
    let m = SMatrix::<f64, 3, 3>::new(0.5, -0.2, 0.1, 0.3, 0.9, -0.4, -0.7, 0.2, 0.6);
    for (x0, v) in cases() {
        let x = along::<4>(x0, v);
        let got = by_entries_jet(&x, &m);
        // 2 sin(x)·(M x) + |x|², by hand on jets.
        let mut want = Jet::<f64, 4>::constant(0.0);
        for i in 0..3 {
            let mut ti = Jet::constant(0.0);
            for j in 0..3 {
                ti += x[j] * m[(i, j)];
            }
            want += 2.0 * x[i].sin() * ti + x[i] * x[i];
        }
        assert_close(
            &got.coefficients(),
            &want.coefficients(),
            1e-13,
            "by entries",
        );
        assert_close(
            &[by_entries(&SVector::from(x0), &m)],
            &[want.value()],
            1e-14,
            "plain by entries",
        );
    }
}

/// A `T: RealField` function with float methods on plain `T` values (ambiguous between
/// `ComplexField` and `Float` in the companion, which adds `T: Float`; written in path
/// form there) and in a branch condition on a jet.
#[jet(order = 3, wrt(x))]
fn scaled_norm<T: RealField + Copy>(x: &SVector<T, 3>, c: T) -> T {
    let s = c.sqrt();
    let u = T::ln(c) + (c * c).exp();
    if x[0].abs().sqrt() > s.max(c) {
        return x.norm() * s;
    }
    x.norm() * s + u
}

#[test]
fn real_field_with_plain_float_methods() {
    for (x0, v) in cases() {
        let x = along::<4>(x0, v);
        let c = 0.8f64;
        let got = scaled_norm_jet(&x, c);
        let n = (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]).sqrt();
        let taken = x0[0].abs().sqrt() > c.sqrt().max(c);
        let want = if taken {
            n * c.sqrt()
        } else {
            n * c.sqrt() + (c.ln() + (c * c).exp())
        };
        assert_close(
            &got.coefficients(),
            &want.coefficients(),
            1e-14,
            "RealField",
        );
        let plain = scaled_norm(&SVector::from(x0), c);
        assert_close(&[plain], &[want.value()], 1e-15, "plain RealField");
    }
}

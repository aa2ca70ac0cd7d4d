//! nalgebra interop: `Jet<T, N>` as a nalgebra scalar (the runtime's `nalgebra` feature;
//! the root package's dev-dependency on `jet-runtime` turns it on for every test build,
//! so `cargo test --workspace` runs this file).
//!
//! Every check compares nalgebra code over jets with an independent route: the same
//! kernel over slices of jets, or a closed form of the Taylor coefficients computed in
//! plain `f64` (Neumann series of `(A0 + t A1)⁻¹`, Jacobi's formula, derivatives of
//! `tanh²`).

use approx::assert_relative_eq;
use jet::Jet;
use nalgebra::{
    ComplexField, DMatrix, DVector, Matrix3, RealField, SMatrix, SVector, Vector3, Vector4,
};

/// Asserts `got` equals `want` to `tol` relative to `max(1, |want|)`, naming the case.
fn close(got: f64, want: f64, tol: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!(
        (got - want).abs() <= tol * scale,
        "{what}: got {got:e}, want {want:e} (difference {:e})",
        (got - want).abs()
    );
}

/// Asserts two jets agree coefficient by coefficient.
fn close_jets<const N: usize>(got: Jet<f64, N>, want: Jet<f64, N>, tol: f64, what: &str) {
    for k in 0..N {
        close(
            got.coefficient(k),
            want.coefficient(k),
            tol,
            &format!("{what}, coefficient {k}"),
        );
    }
}

// ---- the kernel f(x) = ||tanh(W x + b)||² ----------------------------------------------

type J = Jet<f64, 4>;

fn weights() -> (SMatrix<f64, 4, 3>, Vector4<f64>) {
    let w = SMatrix::<f64, 4, 3>::from_row_slice(&[
        0.3, -0.7, 0.2, //
        0.5, 0.1, -0.4, //
        -0.6, 0.8, 0.9, //
        0.25, -0.15, 0.35,
    ]);
    let b = Vector4::new(0.1, -0.2, 0.05, 0.3);
    (w, b)
}

const X0: [f64; 3] = [0.4, -0.3, 0.8];
const V: [f64; 3] = [1.0, 0.5, -0.25];

/// The curve x(t) = x0 + t v as jets.
fn seed() -> [J; 3] {
    core::array::from_fn(|i| J::along(X0[i], V[i]))
}

/// nalgebra over jets, statically sized.
fn kernel_static(w: &SMatrix<J, 4, 3>, b: &SVector<J, 4>, x: &SVector<J, 3>) -> J {
    (w * x + b).map(|z| z.tanh()).norm_squared()
}

/// nalgebra over jets, dynamically sized.
fn kernel_dynamic(w: &DMatrix<J>, b: &DVector<J>, x: &DVector<J>) -> J {
    (w * x + b).map(|z| z.tanh()).norm_squared()
}

/// The same kernel over slices of jets, written out.
fn kernel_slices(w: &[[f64; 3]; 4], b: &[f64; 4], x: &[J]) -> J {
    let mut sum = J::constant(0.0);
    for (row, bi) in w.iter().zip(b) {
        let mut z = J::constant(*bi);
        for (wij, xj) in row.iter().zip(x) {
            z += *xj * *wij;
        }
        sum += z.tanh().square();
    }
    sum
}

/// Closed form: with a = W x0 + b, c = W v and s = tanh(a_i),
/// d^k/dt^k Σ tanh²(a_i + t c_i) = Σ c_i^k h_k(s_i), where
/// h_0 = s², h_1 = 2s(1 − s²), h_2 = 2(1 − s²)(1 − 3s²), h_3 = −8s(1 − s²)(2 − 3s²).
fn kernel_closed_form() -> [f64; 4] {
    let (w, b) = weights();
    let a = w * Vector3::from(X0) + b;
    let c = w * Vector3::from(V);
    let mut d = [0.0; 4];
    for (ai, ci) in a.iter().zip(c.iter()) {
        let s = ai.tanh();
        let sech2 = 1.0 - s * s;
        let h = [
            s * s,
            2.0 * s * sech2,
            2.0 * sech2 * (1.0 - 3.0 * s * s),
            -8.0 * s * sech2 * (2.0 - 3.0 * s * s),
        ];
        for (k, hk) in h.into_iter().enumerate() {
            d[k] += ci.powi(k as i32) * hk;
        }
    }
    d
}

#[test]
fn tanh_layer_norm_static_matches_slices_and_closed_form() {
    let (w, b) = weights();
    let x = SVector::<J, 3>::from(seed());
    let y = kernel_static(&w.map(J::constant), &b.map(J::constant), &x);

    let rows: [[f64; 3]; 4] = core::array::from_fn(|i| core::array::from_fn(|j| w[(i, j)]));
    let slices = kernel_slices(&rows, &b.into(), &seed());
    close_jets(y, slices, 1e-14, "static nalgebra vs slices");

    for (k, want) in kernel_closed_form().into_iter().enumerate() {
        close(y.derivative(k), want, 1e-13, &format!("derivative {k}"));
    }
}

#[test]
fn tanh_layer_norm_dynamic_matches_static() {
    let (w, b) = weights();
    let wd = DMatrix::from_fn(4, 3, |i, j| J::constant(w[(i, j)]));
    let bd = DVector::from_fn(4, |i, _| J::constant(b[i]));
    let xd = DVector::from_column_slice(&seed());
    let dynamic = kernel_dynamic(&wd, &bd, &xd);
    let fixed = kernel_static(
        &w.map(J::constant),
        &b.map(J::constant),
        &SVector::from(seed()),
    );
    close_jets(dynamic, fixed, 1e-14, "DMatrix vs SMatrix");
    for (k, want) in kernel_closed_form().into_iter().enumerate() {
        close(
            dynamic.derivative(k),
            want,
            1e-13,
            &format!("derivative {k}"),
        );
    }
}

// ---- norm, dot, normalize --------------------------------------------------------------

#[test]
fn dot_is_the_exact_quadratic() {
    // x(t) = x0 + t v, y(t) = y0 + t u: x·y = x0·y0 + t (x0·u + v·y0) + t² v·u
    let (x0, v) = (Vector3::new(1.0, -2.0, 0.5), Vector3::new(0.25, 1.0, -1.0));
    let (y0, u) = (Vector3::new(3.0, 0.5, -1.5), Vector3::new(-0.5, 2.0, 0.75));
    let x = Vector3::from_fn(|i, _| Jet::<f64, 4>::along(x0[i], v[i]));
    let y = Vector3::from_fn(|i, _| Jet::<f64, 4>::along(y0[i], u[i]));
    let d = x.dot(&y);
    let want = [x0.dot(&y0), x0.dot(&u) + v.dot(&y0), v.dot(&u), 0.0];
    for (k, want) in want.into_iter().enumerate() {
        close(
            d.coefficient(k),
            want,
            1e-15,
            &format!("dot coefficient {k}"),
        );
    }
}

#[test]
fn norm_and_normalize_match_closed_forms() {
    type J6 = Jet<f64, 6>;
    let (x0, v) = (Vector3::new(1.0, 2.0, -2.0), Vector3::new(0.5, -1.0, 0.25));
    let x = Vector3::from_fn(|i, _| J6::along(x0[i], v[i]));
    let n = x.norm();

    // closed form up to order 2: n = |x0|, n' = x0·v / n, n'' = (|v|² n² − (x0·v)²) / n³
    let (r, p, q) = (x0.norm(), x0.dot(&v), v.norm_squared());
    close(n.derivative(0), r, 1e-15, "|x|");
    close(n.derivative(1), p / r, 1e-15, "|x|'");
    close(
        n.derivative(2),
        (q * r * r - p * p) / r.powi(3),
        1e-15,
        "|x|''",
    );
    // all orders: the scalar jet √(|x0|² + 2 (x0·v) t + |v|² t²)
    let mut quadratic = [0.0; 6];
    quadratic[..3].copy_from_slice(&[r * r, 2.0 * p, q]);
    close_jets(n, J6::from_coefficients(quadratic).sqrt(), 1e-14, "norm");

    // u = x / |x|: u' = (v − (u·v) u) / |x|
    let u = x.normalize();
    let u0 = x0 / r;
    let du = (v - u0 * u0.dot(&v)) / r;
    for i in 0..3 {
        close(u[i].value(), u0[i], 1e-15, "normalize value");
        close(u[i].derivative(1), du[i], 1e-15, "normalize derivative");
    }
    // |u(t)| = 1 for all t: every higher coefficient of u·u vanishes
    let one = u.norm_squared();
    assert_relative_eq!(one, J6::constant(1.0), epsilon = J6::constant(1e-14));
}

// ---- 3×3 inverse, solve, determinant ----------------------------------------------------

type J5 = Jet<f64, 5>;

fn a0() -> Matrix3<f64> {
    Matrix3::new(4.0, 1.0, -0.5, 1.0, 3.0, 0.25, -0.5, 0.25, 2.0)
}

fn a1() -> Matrix3<f64> {
    Matrix3::new(0.5, -0.2, 0.1, 0.3, 1.0, -0.4, 0.0, 0.6, -0.3)
}

/// A(t) = A0 + t A1 as a matrix of jets.
fn a_of_t(a1: &Matrix3<f64>) -> Matrix3<J5> {
    let a0 = a0();
    Matrix3::from_fn(|i, j| J5::along(a0[(i, j)], a1[(i, j)]))
}

/// Coefficient k of (A0 + t A1)⁻¹ is (−A0⁻¹ A1)^k A0⁻¹ (Neumann series).
fn inverse_coefficients(a1: &Matrix3<f64>) -> [Matrix3<f64>; 5] {
    let inv0 = a0().try_inverse().unwrap();
    let step = -inv0 * a1;
    let mut c = [inv0; 5];
    for k in 1..5 {
        c[k] = step * c[k - 1];
    }
    c
}

fn check_inverse(inv: &Matrix3<J5>, a1: &Matrix3<f64>, what: &str) {
    let want = inverse_coefficients(a1);
    for (k, wk) in want.iter().enumerate() {
        for i in 0..3 {
            for j in 0..3 {
                close(
                    inv[(i, j)].coefficient(k),
                    wk[(i, j)],
                    1e-13,
                    &format!("{what} ({i}, {j}) coefficient {k}"),
                );
            }
        }
    }
}

#[test]
fn inverse_3x3_matches_neumann_series() {
    let a1 = a1();
    let a = a_of_t(&a1);
    // closed-form cofactor inverse (nalgebra's 3×3 path) and the LU path
    check_inverse(&a.try_inverse().unwrap(), &a1, "try_inverse");
    check_inverse(&a.lu().try_inverse().unwrap(), &a1, "lu inverse");
    // A(t) A(t)⁻¹ = I to every order
    let id = a * a.try_inverse().unwrap();
    assert_relative_eq!(id, Matrix3::identity(), epsilon = J5::constant(1e-14));
}

#[test]
fn solve_3x3_first_derivative_is_minus_inverse_a1_x() {
    let a1 = a1();
    let a = a_of_t(&a1);
    let b0 = Vector3::new(1.0, -2.0, 0.5);
    let b = b0.map(J5::constant);
    let x = a.lu().solve(&b).unwrap();

    // x(0) = A0⁻¹ b, x'(0) = −A0⁻¹ A1 x(0), and coefficient k = (−A0⁻¹ A1)^k A0⁻¹ b
    let inv0 = a0().try_inverse().unwrap();
    let x0 = inv0 * b0;
    let dx = -inv0 * a1 * x0;
    let coefficients = inverse_coefficients(&a1).map(|ck| ck * b0);
    for i in 0..3 {
        close(x[i].value(), x0[i], 1e-14, "x(0)");
        close(x[i].derivative(1), dx[i], 1e-14, "x'(0)");
        for (k, ck) in coefficients.iter().enumerate() {
            close(
                x[i].coefficient(k),
                ck[i],
                1e-13,
                &format!("x[{i}] coefficient {k}"),
            );
        }
    }
    // QR agrees with LU
    let x_qr = a.qr().solve(&b).unwrap();
    for i in 0..3 {
        close_jets(x_qr[i], x[i], 1e-12, "qr vs lu");
    }
}

#[test]
fn cholesky_of_a_symmetric_positive_definite_curve() {
    // A0 is symmetric positive definite; a symmetric A1 keeps A(t) so near t = 0
    let a1 = (a1() + a1().transpose()) * 0.5;
    let a = a_of_t(&a1);
    let chol = a.cholesky().expect("A0 is positive definite");
    let l = chol.l();
    // L(t) L(t)ᵀ = A(t) to every order
    assert_relative_eq!(l * l.transpose(), a, epsilon = J5::constant(1e-14));
    check_inverse(&chol.inverse(), &a1, "cholesky inverse");
}

#[test]
fn determinant_follows_jacobi_formula() {
    // det(A0 + t A1) is a cubic: c0 = det A0, c1 = det A0 · tr(A0⁻¹ A1), c3 = det A1
    let a1 = a1();
    let d = a_of_t(&a1).determinant();
    let (a0, inv0) = (a0(), a0().try_inverse().unwrap());
    close(d.coefficient(0), a0.determinant(), 1e-14, "det c0");
    close(
        d.coefficient(1),
        a0.determinant() * (inv0 * a1).trace(),
        1e-14,
        "det c1",
    );
    close(d.coefficient(3), a1.determinant(), 1e-14, "det c3");
    close(d.coefficient(4), 0.0, 1e-14, "det c4");
}

// ---- generic nalgebra code --------------------------------------------------------------

/// Written once over any real field: f64 and jets run the same code.
fn potential<T: RealField + Copy>(x: &SVector<T, 3>) -> T {
    let r = x.norm();
    let k: T = nalgebra::convert(2.0);
    (x.dot(x) * k).exp() / (T::one() + r) + ComplexField::sin(x[0])
}

#[test]
fn generic_real_field_code_runs_on_jets() {
    let x0 = Vector3::new(0.3, -0.2, 0.1);
    let x = Vector3::from_fn(|i, _| Jet::<f64, 3>::along(x0[i], if i == 0 { 1.0 } else { 0.0 }));
    let y = potential(&x);
    close(y.value(), potential(&x0), 1e-15, "value");
    // ∂/∂x0 by central differences of the f64 version
    let h = 1e-6;
    let e0 = Vector3::new(h, 0.0, 0.0);
    let fd = (potential(&(x0 + e0)) - potential(&(x0 - e0))) / (2.0 * h);
    close(
        y.derivative(1),
        fd,
        1e-8,
        "first derivative vs central difference",
    );
}

#[test]
fn f32_jets_are_nalgebra_scalars_too() {
    let x = Vector3::new(
        Jet::<f32, 3>::variable(3.0),
        Jet::constant(0.0),
        Jet::constant(4.0),
    );
    let n = x.norm(); // √((3 + t)² + 16): 5, 3/5, 16/125
    assert!((n.value() - 5.0).abs() < 1e-6);
    assert!((n.derivative(1) - 0.6).abs() < 1e-6);
    assert!((n.derivative(2) - 16.0 / 125.0).abs() < 1e-6);
}

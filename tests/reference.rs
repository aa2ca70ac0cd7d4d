//! Every primitive against `tests/data/primitives.json`: normalized Taylor coefficients to
//! order 10 of `op(a(t), b(t), c(t))` on polynomial input jets, computed with mpmath at 90
//! digits without any Taylor recurrence (see the table's "description").
//!
//! - `Jet<f64, 11>`: all 11 coefficients to 1e-13, relative to `max(|ref_k|, scale_k)`;
//! - `Jet<f32, 4>`: the first 4 coefficients to 1e-5, same measure.
//!
//! `scale_k` is the largest |ref_j| over the neighbours j = k−1, k, k+1 (and a floor of
//! 1e-300, so a zero reference needs an exact zero). Why neighbours: every rule computes
//! c_k from sums of products whose size is that of the coefficients around k, so its
//! rounding error is relative to them; a coefficient much smaller than both neighbours is
//! small by cancellation and can only be as accurate as those terms. A global scale
//! (the case's largest coefficient) would be too lax for decaying series, e.g. `exp` at
//! -1.2 spans four decades. Two cases need the neighbour scale (all others pass with
//! plain relative error below 2e-14): `powf(a, b)` at (0.8, 1.7), whose c_3 ≈ −1.8e-3 is
//! ~200× smaller than c_2 by cancellation (plain relative error 1.3e-13), and
//! `powi(3)` at 0, whose c_10 is exactly 0 (a³ has degree 9) while the recurrence leaves
//! a rounding residue ~1e-19 next to c_9 = 0.008.
//!
//! The `cbrt` case at a negative point is stored as mpmath's principal (complex) root,
//! `|a|^{1/3} e^{iπ/3}`; along the real line it is the real root times `e^{-2iπ/3}`, so
//! the real root's coefficients are the stored ones times `ω = e^{2iπ/3}` (checked:
//! the imaginary part of the product vanishes to the same tolerance).
//!
//! Every failing coefficient of every case is reported, then the test fails; an op the
//! test does not know fails too, so a new row in the table cannot be skipped.

use jet::{Float, Jet};
use serde_json::Value;
use std::fmt::Write as _;

const TOL_F64: f64 = 1e-13;
const TOL_F32: f64 = 1e-5;
/// Coefficients checked in `f32` (the jet has that many).
const N32: usize = 4;
/// Order 10 in `f64`.
const N64: usize = 11;

fn table() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/primitives.json");
    let text = std::fs::read_to_string(path).expect("read tests/data/primitives.json");
    serde_json::from_str(&text).expect("parse primitives.json")
}

fn str_of(v: &Value) -> &str {
    v.as_str().expect("the table stores numbers as strings")
}

fn parse_f64(s: &str) -> f64 {
    s.trim()
        .parse::<f64>()
        .unwrap_or_else(|e| panic!("bad number {s:?}: {e}"))
}

/// A reference coefficient: real, or complex `(re ± imj)` as mpmath prints it.
fn parse_complex(s: &str) -> (f64, f64) {
    let s = s.trim();
    let Some(inner) = s.strip_prefix('(').and_then(|s| s.strip_suffix("j)")) else {
        return (parse_f64(s), 0.0);
    };
    // The separator is the last " + " / " - " (exponents carry no spaces).
    let at = inner
        .rfind(" + ")
        .or_else(|| inner.rfind(" - "))
        .unwrap_or_else(|| panic!("bad complex number {s:?}"));
    let re = parse_f64(&inner[..at]);
    let im = parse_f64(&inner[at + 3..]);
    (re, if &inner[at..at + 3] == " - " { -im } else { im })
}

struct Case {
    index: usize,
    op: String,
    points: Vec<f64>,
    /// The input jets' coefficients in argument order (full length of the table).
    inputs: Vec<Vec<f64>>,
    /// Reference coefficients c_0..c_10 (real).
    reference: Vec<f64>,
    /// Imaginary parts left after rotating a complex reference (should vanish).
    residual: Vec<f64>,
}

fn cases() -> Vec<Case> {
    let t = table();
    assert_eq!(t["order"].as_u64(), Some(10), "the table is to order 10");
    let jets = &t["input_jets"];
    let omega = (-0.5, 3f64.sqrt() / 2.0); // e^{2iπ/3}
    t["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .enumerate()
        .map(|(index, case)| {
            let op = str_of(&case["op"]).to_string();
            let args: Vec<&str> = case["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(str_of)
                .collect();
            let points: Vec<f64> = case["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| parse_f64(str_of(p)))
                .collect();
            assert_eq!(
                args.len(),
                points.len(),
                "case {index}: one point per argument"
            );
            let inputs = args
                .iter()
                .zip(&points)
                .map(|(name, &p)| {
                    let coeffs = jets[*name]
                        .as_array()
                        .unwrap_or_else(|| panic!("no input jet {name}"));
                    coeffs
                        .iter()
                        .enumerate()
                        .map(|(k, v)| if k == 0 { p } else { parse_f64(str_of(v)) })
                        .collect()
                })
                .collect();
            let raw: Vec<(f64, f64)> = case["coefficients"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| parse_complex(str_of(v)))
                .collect();
            assert_eq!(raw.len(), N64, "case {index}: 11 coefficients");
            let complex = raw.iter().any(|&(_, im)| im != 0.0);
            let (reference, residual) = if complex {
                assert_eq!(
                    op, "cbrt",
                    "case {index}: only cbrt has a complex (principal) reference"
                );
                raw.iter()
                    .map(|&(re, im)| (re * omega.0 - im * omega.1, re * omega.1 + im * omega.0))
                    .unzip()
            } else {
                (raw.iter().map(|&(re, _)| re).collect(), vec![0.0; N64])
            };
            Case {
                index,
                op,
                points,
                inputs,
                reference,
                residual,
            }
        })
        .collect()
}

/// The number inside `name(...)`, for `powi(3)`, `powf(0.5)`.
fn parameter<'a>(op: &'a str, name: &str) -> Option<&'a str> {
    op.strip_prefix(name)?.strip_prefix('(')?.strip_suffix(')')
}

/// Applies `op` through the public `Jet` API; `None` if the op (or its arity) is unknown.
fn apply<T: Float, const N: usize>(op: &str, x: &[Jet<T, N>]) -> Option<Jet<T, N>> {
    if let Some(n) = parameter(op, "powi") {
        let n: i32 = n.parse().ok()?;
        return match x {
            [a] => Some(a.powi(n)),
            _ => None,
        };
    }
    if let Some(r) = parameter(op, "powf") {
        let r = T::from(r.parse::<f64>().ok()?)?;
        return match x {
            [a] => Some(a.powf(r)),
            _ => None,
        };
    }
    Some(match (op, x) {
        ("neg", [a]) => -*a,
        ("recip", [a]) => a.recip(),
        ("sqrt", [a]) => a.sqrt(),
        ("cbrt", [a]) => a.cbrt(),
        ("exp", [a]) => a.exp(),
        ("exp2", [a]) => a.exp2(),
        ("exp_m1", [a]) => a.exp_m1(),
        ("ln", [a]) => a.ln(),
        ("log2", [a]) => a.log2(),
        ("log10", [a]) => a.log10(),
        ("ln_1p", [a]) => a.ln_1p(),
        ("sin", [a]) => a.sin(),
        ("cos", [a]) => a.cos(),
        ("tan", [a]) => a.tan(),
        ("asin", [a]) => a.asin(),
        ("acos", [a]) => a.acos(),
        ("atan", [a]) => a.atan(),
        ("sinh", [a]) => a.sinh(),
        ("cosh", [a]) => a.cosh(),
        ("tanh", [a]) => a.tanh(),
        ("asinh", [a]) => a.asinh(),
        ("acosh", [a]) => a.acosh(),
        ("atanh", [a]) => a.atanh(),
        ("abs", [a]) => a.abs(),
        ("add", [a, b]) => *a + *b,
        ("sub", [a, b]) => *a - *b,
        ("mul", [a, b]) => *a * *b,
        ("div", [a, b]) => *a / *b,
        ("powf", [a, b]) => a.powf(*b),
        ("atan2", [a, b]) => a.atan2(*b),
        ("hypot", [a, b]) => a.hypot(*b),
        ("mul_add", [a, b, c]) => a.mul_add(*b, *c),
        _ => return None,
    })
}

/// Runs every case in `T` with `N` coefficients; returns one report line per failing
/// coefficient (or unknown op).
fn check<T: Float + Into<f64>, const N: usize>(tol: f64, label: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for case in cases() {
        let inputs: Vec<Jet<T, N>> = case
            .inputs
            .iter()
            .map(|c| {
                let mut a = [T::zero(); N];
                for (ak, &ck) in a.iter_mut().zip(c) {
                    *ak = T::from(ck).unwrap();
                }
                Jet::from_coefficients(a)
            })
            .collect();
        let Some(got) = apply(&case.op, &inputs) else {
            failures.push(format!(
                "[{label}] case {} `{}` ({} args): op not covered by this test",
                case.index,
                case.op,
                inputs.len()
            ));
            continue;
        };
        let r = &case.reference;
        for k in 0..N {
            let lo = k.saturating_sub(1);
            let hi = (k + 1).min(r.len() - 1);
            let scale = r[lo..=hi].iter().fold(1e-300f64, |m, v| m.max(v.abs()));
            let g: f64 = got.coefficient(k).into();
            let err = (g - r[k]).abs() / scale;
            let im = case.residual[k].abs() / scale;
            if !(err <= tol && im <= tol) {
                let mut line = String::new();
                write!(
                    line,
                    "[{label}] case {} {}{:?} c_{k}: got {g:e}, want {:e}, error {err:.1e} (scale {scale:.1e})",
                    case.index, case.op, case.points, r[k]
                )
                .unwrap();
                if im > tol {
                    write!(
                        line,
                        ", rotated reference has imaginary part {:e}",
                        case.residual[k]
                    )
                    .unwrap();
                }
                failures.push(line);
            }
        }
    }
    failures
}

#[test]
fn every_case_f64_order_10() {
    let failures = check::<f64, N64>(TOL_F64, "f64");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_case_f32_first_4_coefficients() {
    let failures = check::<f32, N32>(TOL_F32, "f32");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn unknown_ops_are_not_silently_skipped() {
    // The guard `check` relies on: an op (or arity) this test does not know is `None`.
    let x = [Jet::<f64, 3>::variable(0.5)];
    assert!(apply("gamma", &x).is_none());
    assert!(apply("add", &x).is_none());
    assert!(apply("powi(x)", &x).is_none());
    assert!(apply("sin", &x).is_some());
    // And the table is all there: 69 cases when this test was written.
    assert!(cases().len() >= 69);
}

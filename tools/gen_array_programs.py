#!/usr/bin/env python3
"""Generates tests/generated_array_programs.rs: random `#[jet]` programs with loops over
arrays (index loops, pair loops, buffers that become active, iterator chains, fixed-size
arrays), each checked against num-dual's `Dual3_64` at random points and directions.

Every program is rendered twice from one expression tree: as the `#[jet]` function (plain
f64 Rust, as a user writes it) and as a reference over `D: DualNum<f64>` (constants on
the right or wrapped in `D::from`, which num-dual needs). python3 stdlib only, fixed seed:

    python3 tools/gen_array_programs.py > tests/generated_array_programs.rs
"""

import random

SEED = 20240505
PROGRAMS = 60
N = 5  # slice length

rng = random.Random(SEED)


def const():
    return round(rng.uniform(-1.5, 1.5), 3) or 0.5


def lit(c):
    return repr(float(c))


class E:
    """An expression over `a` (active) and `b` (plain weight); `jet` and `dual` text."""

    def __init__(self, jet, dual):
        self.jet, self.dual = jet, dual


# Unary functions kept in their domains: the argument is bounded by construction.
UNARY = [
    ("sin", lambda s: s),
    ("cos", lambda s: s),
    ("tanh", lambda s: s),
    ("atan", lambda s: s),
    ("exp", lambda s: E(f"(0.3 * {s.jet})", f"({s.dual} * 0.3)")),
    ("sqrt", lambda s: E(f"(1.0 + {s.jet} * {s.jet})", f"({s.dual} * {s.dual} + 1.0)")),
    ("ln", lambda s: E(f"(2.0 + {s.jet}.sin())", f"({s.dual}.sin() + 2.0)")),
]


def expr(a, b, depth):
    r = rng.random()
    if depth <= 0 or r < 0.2:
        c = rng.choice(["a", "ab", "ac"])
        if c == "a":
            return E(a.jet, a.dual)
        if c == "ab":
            return E(f"({b} * {a.jet})", f"({a.dual} * {b})")
        k = const()
        return E(f"({a.jet} - {lit(k)})", f"({a.dual} - {lit(k)})")
    if r < 0.45:
        name, arg = rng.choice(UNARY)
        inner = arg(expr(a, b, depth - 1))
        return E(f"{inner.jet}.{name}()", f"{inner.dual}.{name}()")
    if r < 0.65:
        x, y = expr(a, b, depth - 1), expr(a, b, depth - 1)
        return E(f"({x.jet} + {y.jet})", f"({x.dual} + {y.dual})")
    if r < 0.85:
        x, y = expr(a, b, depth - 1), expr(a, b, depth - 1)
        return E(f"({x.jet} * {y.jet})", f"({x.dual} * {y.dual})")
    k = const()
    x = expr(a, b, depth - 1)
    return E(f"({lit(k)} * {x.jet})", f"({x.dual} * {lit(k)})")


def program(i):
    kind = i % 6
    depth = rng.randint(1, 3)
    c0 = lit(const())
    if kind == 0:  # index loop with an accumulator that becomes active
        e = expr(E("xi", "xi"), "w[i]", depth)
        jet = f"""    let n = x.len();
    let mut acc = {c0};
    for i in 0..n {{
        let xi = x[i];
        acc += {e.jet};
    }}
    acc"""
        dual = f"""    let n = x.len();
    let mut acc = D::from({c0});
    for i in 0..n {{
        let xi = x[i];
        acc += {e.dual};
    }}
    acc"""
    elif kind == 1:  # pair loop
        e = expr(E("d", "d"), "(w[i] * w[j])", depth)
        jet = f"""    let n = x.len();
    let mut e = 0.0;
    for i in 0..n {{
        for j in (i + 1)..n {{
            let d = x[i] - x[j];
            e += {e.jet};
        }}
    }}
    e"""
        dual = f"""    let n = x.len();
    let mut e = D::from(0.0);
    for i in 0..n {{
        for j in (i + 1)..n {{
            let d = x[i] - x[j];
            e += {e.dual};
        }}
    }}
    e"""
    elif kind == 2:  # buffer that becomes active, then a sum over it
        e = expr(E("x[i]", "x[i]"), "w[i]", depth)
        f = expr(E("b[0]", "b[0]"), "w[1]", 1)
        jet = f"""    let n = x.len();
    let mut b = vec![0.0; n];
    for i in 0..n {{
        b[i] = {e.jet};
    }}
    let s: f64 = b.iter().sum();
    s * {f.jet}"""
        dual = f"""    let n = x.len();
    let mut b = vec![D::from(0.0); n];
    for i in 0..n {{
        b[i] = {e.dual};
    }}
    let s = b.iter().fold(D::from(0.0), |acc, v| acc + *v);
    s * {f.dual}"""
    elif kind == 3:  # zip + fold with a closure
        e = expr(E("xi", "xi"), "wi", depth)
        jet = f"""    x.iter()
        .zip(w.iter())
        .fold({c0}, |acc, (&xi, &wi)| acc + {e.jet})"""
        dual = f"""    x.iter()
        .zip(w.iter())
        .fold(D::from({c0}), |acc, (&xi, &wi)| acc + {e.dual})"""
    elif kind == 4:  # map + sum, enumerate, in-place update through iter_mut
        e = expr(E("v", "v"), "0.5", depth)
        jet = f"""    let mut y = vec![0.0; x.len()];
    for (yi, xi) in y.iter_mut().zip(x.iter()) {{
        *yi = 2.0 * xi;
    }}
    let mut t = 0.0;
    for (i, yi) in y.iter().enumerate() {{
        t += w[i] * yi;
    }}
    let s: f64 = y.iter().map(|&v| {e.jet}).sum();
    s + t"""
        dual = f"""    let mut y = vec![D::from(0.0); x.len()];
    for (yi, xi) in y.iter_mut().zip(x.iter()) {{
        *yi = *xi * 2.0;
    }}
    let mut t = D::from(0.0);
    for (i, yi) in y.iter().enumerate() {{
        t += *yi * w[i];
    }}
    let s = y.iter().map(|&v| {e.dual}).fold(D::from(0.0), |a, b| a + b);
    s + t"""
    else:  # a product over a map, and a helper-free running maximum of the primal
        e = expr(E("v", "v"), "0.25", depth)
        jet = f"""    let p: f64 = x.iter().map(|&v| 1.0 + 0.1 * {e.jet}.tanh()).product();
    let mut best = x[0];
    for i in 1..x.len() {{
        if x[i] > best {{
            best = x[i];
        }}
    }}
    p + best * w[0]"""
        dual = f"""    let p = x
        .iter()
        .map(|&v| ({e.dual}).tanh() * 0.1 + 1.0)
        .fold(D::from(1.0), |a, b| a * b);
    let mut best = x[0];
    for i in 1..x.len() {{
        if x[i].re() > best.re() {{
            best = x[i];
        }}
    }}
    p + best * w[0]"""
    return jet, dual


def main():
    out = []
    out.append("""//! Generated by `tools/gen_array_programs.py` (seed {seed}); do not edit by hand.
//!
//! {n} random `#[jet]` programs with loops over slices (index loops, pair loops, buffers
//! that become active, `iter`/`iter_mut`/`zip`/`enumerate`/`map`/`fold`/`sum`/`product`),
//! weights as a plain `&[f64]`. Each is checked against the same program over num-dual's
//! `Dual3_64` at random points along random directions: derivatives 0..=3 of
//! `t -> f(x + t v)` agree to 1e-12 relative to the largest of them.

#![allow(dead_code, unused_parens, unused_variables, clippy::all)]

use jet::{{jet, Jet}};
use num_dual::{{Dual3_64, DualNum}};
""".format(seed=SEED, n=PROGRAMS))
    for i in range(PROGRAMS):
        jet, dual = program(i)
        out.append(f"""#[jet(wrt(x))]
fn p{i}(x: &[f64], w: &[f64]) -> f64 {{
{jet}
}}

fn p{i}_dual<D: DualNum<f64> + Copy>(x: &[D], w: &[f64]) -> D {{
{dual}
}}
""")
    out.append("type JetFn = fn(&[Jet<f64, 4>], &[f64]) -> Jet<f64, 4>;")
    out.append("type DualFn = fn(&[Dual3_64], &[f64]) -> Dual3_64;")
    out.append("type PlainFn = fn(&[f64], &[f64]) -> f64;\n")
    out.append("const PROGRAMS: &[(&str, JetFn, DualFn, PlainFn)] = &[")
    for i in range(PROGRAMS):
        out.append(f'    ("p{i}", p{i}_jet, p{i}_dual, p{i}),')
    out.append("];\n")
    out.append("""/// Deterministic xorshift64*.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        let u = (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64;
        lo + (hi - lo) * u
    }
}

#[test]
fn generated_array_programs_match_nested_duals() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, jet_fn, dual_fn, plain_fn) in PROGRAMS {
        for _ in 0..4 {
            let x: Vec<f64> = (0..N).map(|_| rng.uniform(-1.2, 1.2)).collect();
            let v: Vec<f64> = (0..N).map(|_| rng.uniform(-1.0, 1.0)).collect();
            let w: Vec<f64> = (0..N).map(|_| rng.uniform(-1.0, 1.0)).collect();
            let xj: Vec<Jet<f64, 4>> = x.iter().zip(&v).map(|(&x, &v)| Jet::along(x, v)).collect();
            let xd: Vec<Dual3_64> =
                x.iter().zip(&v).map(|(&x, &v)| Dual3_64::new(x, v, 0.0, 0.0)).collect();
            let got = jet_fn(&xj, &w).derivatives();
            let r = dual_fn(&xd, &w);
            let want = [r.re, r.v1, r.v2, r.v3];
            let scale = want.iter().fold(1e-300f64, |m, d| m.max(d.abs()));
            let plain = plain_fn(&x, &w);
            let bad = got.iter().zip(&want).any(|(g, w)| !((g - w).abs() <= 1e-12 * scale))
                || !((plain - want[0]).abs() <= 1e-12 * scale);
            if bad {
                failures.push(format!("{name}: got {got:?}, want {want:?}, plain {plain}"));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {checked} checks failed:\\n{}", failures.len(), failures.join("\\n"));
    assert!(checked >= 200);
}
""".replace("N)", f"{N})"))
    print("\n".join(out))


if __name__ == "__main__":
    main()

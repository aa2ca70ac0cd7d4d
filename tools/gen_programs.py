#!/usr/bin/env python3
"""Writes tests/generated_programs.rs: random `#[jet(order = 3)]` programs over f64,
each with a second copy of its body generic over `num_dual::DualNum`, and one test that
compares the companions' derivatives 0..=3 with num-dual's `Dual3_64` at fixed points.

Usage (from the repository root):  python3 tools/gen_programs.py
Only the standard library; the seed is fixed, so the output is reproducible.

The programs are straight-line code and branches (`if`/`else if`/`else` on comparisons of
intermediates, `let mut` updated inside a branch, blocks with inner `let`s, `match` on
an inactive region number) over `+ - * /` with constants on either side, `sin cos exp ln
sqrt tanh atan powi` and unary minus. Domains are safe by construction (`ln`/`sqrt` of
`e*e + c`, divisions by `e*e + c`, `c > 0.1`), and the generator evaluates every program
at its test points in Python to reject overflow-prone statements and branch conditions
closer than 1e-6 to their threshold (so the jet and the dual follow the same branch).
Nothing here computes a derivative: the reference is num-dual at test time.
"""

import math
import random
import shutil
import subprocess
import sys
from pathlib import Path

SEED = 0x1E7_2024
N_PROGRAMS = 240
POINTS = 4
X_RANGE = (-2.0, 2.0)
MAX_ABS = 40.0
MARGIN = 1e-6

rng = random.Random(SEED)


def const(lo=-2.0, hi=2.0):
    c = round(rng.uniform(lo, hi), 3)
    if c == 0.0:
        c = 0.125
    return c


def positive_const():
    return round(rng.uniform(0.15, 2.0), 3)


def lit(c):
    s = f"{c:.3f}"
    return f"({s})" if c < 0 else s


# ---- expressions: small ASTs rendered three ways (f64/jet text, dual text, Python) ----

def render(node, dual):
    kind = node[0]
    if kind == "var":
        return node[1]
    if kind == "const":
        return lit(node[1])
    if kind in ("add", "sub", "mul", "div"):
        op = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[kind]
        return f"({render(node[1], dual)} {op} {render(node[2], dual)})"
    if kind == "neg":
        return f"(-{render(node[1], dual)})"
    if kind == "rsub":  # c - a
        c, a = lit(node[1]), render(node[2], dual)
        return f"(-{a} + {c})" if dual else f"({c} - {a})"
    if kind == "lmul":  # c * a
        c, a = lit(node[1]), render(node[2], dual)
        return f"({a} * {c})" if dual else f"({c} * {a})"
    if kind == "ladd":  # c + a
        c, a = lit(node[1]), render(node[2], dual)
        return f"({a} + {c})" if dual else f"({c} + {a})"
    if kind == "rdiv":  # c / a
        c, a = lit(node[1]), render(node[2], dual)
        return f"({a}.recip() * {c})" if dual else f"({c} / {a})"
    if kind == "call":
        return f"{render(node[2], dual)}.{node[1]}()"
    if kind == "powi":
        return f"{render(node[1], dual)}.powi({node[2]})"
    raise ValueError(kind)


FUNCS = {
    "sin": math.sin,
    "cos": math.cos,
    "exp": math.exp,
    "ln": math.log,
    "sqrt": math.sqrt,
    "tanh": math.tanh,
    "atan": math.atan,
}


def evaluate(node, env):
    kind = node[0]
    if kind == "var":
        return env[node[1]]
    if kind == "const":
        return node[1]
    if kind == "add":
        return evaluate(node[1], env) + evaluate(node[2], env)
    if kind == "sub":
        return evaluate(node[1], env) - evaluate(node[2], env)
    if kind == "mul":
        return evaluate(node[1], env) * evaluate(node[2], env)
    if kind == "div":
        return evaluate(node[1], env) / evaluate(node[2], env)
    if kind == "neg":
        return -evaluate(node[1], env)
    if kind == "rsub":
        return node[1] - evaluate(node[2], env)
    if kind == "lmul":
        return node[1] * evaluate(node[2], env)
    if kind == "ladd":
        return node[1] + evaluate(node[2], env)
    if kind == "rdiv":
        return node[1] / evaluate(node[2], env)
    if kind == "call":
        return FUNCS[node[1]](evaluate(node[2], env))
    if kind == "powi":
        return evaluate(node[1], env) ** node[2]
    raise ValueError(kind)


def var(name):
    return ("var", name)


def positive(a):
    """`a*a + c` with c > 0.1: safe for ln, sqrt, division and negative powers."""
    return ("add", ("mul", a, a), ("const", positive_const()))


def random_expr(names):
    """One random expression over the variables `names` (recent ones preferred)."""
    def pick():
        # Favour the newest variables so the programs compose deeply.
        i = len(names) - 1 - min(int(rng.expovariate(0.6)), len(names) - 1)
        return var(names[i])

    a, b = pick(), pick()
    r = rng.random()
    choices = [
        lambda: ("add", a, b),
        lambda: ("sub", a, b),
        lambda: ("mul", a, b),
        lambda: ("mul", a, ("const", const())),
        lambda: ("add", a, ("const", const())),
        lambda: ("rsub", const(), a),
        lambda: ("lmul", const(), a),
        lambda: ("ladd", const(), a),
        lambda: ("div", a, positive(b)),
        lambda: ("rdiv", const(), positive(a)),
        lambda: ("neg", a),
        lambda: ("call", "sin", a),
        lambda: ("call", "cos", a),
        lambda: ("call", "exp", ("mul", a, ("const", const(-0.8, 0.8)))),
        lambda: ("call", "ln", positive(a)),
        lambda: ("call", "sqrt", positive(a)),
        lambda: ("call", "tanh", a),
        lambda: ("call", "atan", a),
        lambda: ("powi", a, rng.choice([2, 3, 4])),
        lambda: ("powi", positive(a), rng.choice([-1, -2, 3])),
        lambda: ("mul", ("call", "sin", a), ("call", "cos", b)),
        lambda: ("add", ("mul", a, b), ("lmul", const(), a)),
    ]
    return rng.choice(choices)()


def values(node, envs):
    try:
        vs = [evaluate(node, e) for e in envs]
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    if all(math.isfinite(v) and abs(v) <= MAX_ABS for v in vs):
        return vs
    return None


def good_expr(names, envs, tries=50):
    for _ in range(tries):
        e = random_expr(names)
        vs = values(e, envs)
        if vs is not None:
            return e, vs
    e = ("var", names[-1])
    return e, values(e, envs)


def condition(names, envs):
    """A comparison of intermediates, or of one with a threshold between its values;
    rejects any that lies within MARGIN of its threshold at a test point."""
    for _ in range(50):
        a = var(rng.choice(names))
        op = rng.choice(["<", ">", "<=", ">="])
        if rng.random() < 0.35 and len(names) > 1:
            b = var(rng.choice(names))
            if b == a:
                continue
        else:
            va = sorted(evaluate(a, e) for e in envs)
            lo, hi = va[0], va[-1]
            b = ("const", round(rng.uniform(lo, hi), 3) if hi - lo > 1e-3 else const())
        la = [evaluate(a, e) for e in envs]
        lb = [evaluate(b, e) for e in envs]
        if all(abs(x - y) > MARGIN * (1 + abs(x) + abs(y)) for x, y in zip(la, lb)):
            text = f"{render(a, False)} {op} {render(b, False)}"
            dtext = f"{render(a, True)} {op} {render(b, True)}"
            test = {
                "<": lambda x, y: x < y,
                ">": lambda x, y: x > y,
                "<=": lambda x, y: x <= y,
                ">=": lambda x, y: x >= y,
            }[op]
            return text, dtext, [test(x, y) for x, y in zip(la, lb)]
    return None


# ---- programs ----------------------------------------------------------------------------

class Program:
    def __init__(self, index, params, envs):
        self.index = index
        self.params = params
        self.names = list(params)
        self.envs = envs  # one dict per test point
        self.lines = []  # (f64 text, dual text)
        self.counter = 0
        self.branching = False

    def fresh(self, prefix="v"):
        name = f"{prefix}{self.counter}"
        self.counter += 1
        return name

    def emit(self, text, dual=None):
        self.lines.append((text, text if dual is None else dual))

    def straight(self):
        e, vs = good_expr(self.names, self.envs)
        name = self.fresh()
        self.emit(f"let {name} = {render(e, False)};", f"let {name} = {render(e, True)};")
        self.bind(name, vs)

    def bind(self, name, vs):
        for env, v in zip(self.envs, vs):
            env[name] = v
        self.names.append(name)

    def if_else(self):
        cond = condition(self.names, self.envs)
        if cond is None:
            return self.straight()
        text, dtext, taken = cond
        self.branching = True
        name = self.fresh()
        e1, v1 = good_expr(self.names, self.envs)
        e2, v2 = good_expr(self.names, self.envs)
        form = rng.random()
        if form < 0.4:
            # let v = if c { e1 } else { e2 };
            self.emit(
                f"let {name} = if {text} {{ {render(e1, False)} }} else {{ {render(e2, False)} }};",
                f"let {name} = if {dtext} {{ {render(e1, True)} }} else {{ {render(e2, True)} }};",
            )
            self.bind(name, [a if t else b for a, b, t in zip(v1, v2, taken)])
        elif form < 0.6:
            # else-if chain
            cond2 = condition(self.names, self.envs)
            if cond2 is None:
                return self.straight()
            text2, dtext2, taken2 = cond2
            e3, v3 = good_expr(self.names, self.envs)
            self.emit(
                f"let {name} = if {text} {{ {render(e1, False)} }} else if {text2} {{ {render(e2, False)} }} else {{ {render(e3, False)} }};",
                f"let {name} = if {dtext} {{ {render(e1, True)} }} else if {dtext2} {{ {render(e2, True)} }} else {{ {render(e3, True)} }};",
            )
            self.bind(
                name,
                [a if t else (b if t2 else c) for a, b, c, t, t2 in zip(v1, v2, v3, taken, taken2)],
            )
        elif form < 0.8:
            # let mut v = e1; if c { v = v * k + e2; }
            k = const(-1.5, 1.5)
            self.emit(
                f"let mut {name} = {render(e1, False)};",
                f"let mut {name} = {render(e1, True)};",
            )
            upd = ("add", ("mul", var(name), ("const", k)), e2)
            self.bind(name, v1)
            vu = values(upd, self.envs)
            if vu is None:
                upd = ("mul", var(name), ("const", k))
                vu = values(upd, self.envs)
            self.emit(
                f"if {text} {{ {name} = {render(upd, False)}; }}",
                f"if {dtext} {{ {name} = {render(upd, True)}; }}",
            )
            for env, t, u in zip(self.envs, taken, vu):
                if t:
                    env[name] = u
        elif form < 0.9:
            # a block with an inner binding in one arm
            w = self.fresh("w")
            self.bind(w, v1)  # temporarily visible for the inner expression
            e3, v3 = good_expr(self.names, self.envs)
            self.names.remove(w)
            self.emit(
                f"let {name} = if {text} {{ let {w} = {render(e1, False)}; {render(e3, False)} }} else {{ {render(e2, False)} }};",
                f"let {name} = if {dtext} {{ let {w} = {render(e1, True)}; {render(e3, True)} }} else {{ {render(e2, True)} }};",
            )
            for env in self.envs:
                del env[w]
            self.bind(name, [a if t else b for a, b, t in zip(v3, v2, taken)])
        else:
            # match on an inactive region number
            r = self.fresh("r")
            self.emit(
                f"let {r} = if {text} {{ 0 }} else {{ 1 }};",
                f"let {r} = if {dtext} {{ 0 }} else {{ 1 }};",
            )
            self.emit(
                f"let {name} = match {r} {{ 0 => {render(e1, False)}, _ => {render(e2, False)} }};",
                f"let {name} = match {r} {{ 0 => {render(e1, True)}, _ => {render(e2, True)} }};",
            )
            self.bind(name, [a if t else b for a, b, t in zip(v1, v2, taken)])

    def finish(self):
        # The result combines the last two intermediates.
        a, b = var(self.names[-1]), var(self.names[-2])
        for e in [("add", a, ("lmul", const(), b)), ("mul", a, ("const", const())), a]:
            if values(e, self.envs) is not None:
                return render(e, False), render(e, True)
        raise AssertionError("unreachable")


def make_program(index):
    nparams = 2 if rng.random() < 0.3 else 1
    params = ["x", "y"][:nparams]
    points = []
    for _ in range(POINTS):
        p = [round(rng.uniform(*X_RANGE), 6) for _ in params]
        v = [round(rng.uniform(-1.5, 1.5), 6) for _ in params] if nparams == 2 else [1.0]
        points.append((p, v))
    envs = [dict(zip(params, p)) for p, _ in points]
    prog = Program(index, params, envs)
    if nparams == 2:
        # Two-input programs start from a mix of both inputs, so y always matters.
        mix = rng.choice([
            ("mul", var("x"), var("y")),
            ("add", var("x"), ("lmul", const(), var("y"))),
            ("sub", ("call", "sin", var("x")), var("y")),
            ("div", var("x"), positive(var("y"))),
        ])
        prog.emit(f"let m = {render(mix, False)};", f"let m = {render(mix, True)};")
        prog.bind("m", values(mix, envs))
    branching = index % 2 == 1  # every other program branches
    for _ in range(rng.randint(4, 11)):
        if branching and rng.random() < 0.35:
            prog.if_else()
        else:
            prog.straight()
    if branching and not prog.branching:
        prog.if_else()
    result, dresult = prog.finish()
    return prog, points, result, dresult


def main():
    out = []
    out.append("// @generated by tools/gen_programs.py (python3, standard library only, fixed")
    out.append(f"// seed {SEED:#x}). Do not edit; change the generator and run it again.")
    out.append("//")
    out.append(f"// {N_PROGRAMS} random `#[jet(order = 3)]` programs, each beside a copy of its body")
    out.append("// generic over `num_dual::DualNum`; the test compares derivatives 0..=3 of each")
    out.append("// companion with `Dual3_64` at fixed points, and the jet's value with the original.")
    out.append("#![allow(clippy::all, unused_parens, unused_mut, unused_variables, unused_assignments, dead_code)]")
    out.append("")
    out.append("use jet::{jet, Jet};")
    out.append("use num_dual::{Dual3_64, DualNum};")
    out.append("")
    unary, binary = [], []
    n_branching = 0
    for i in range(N_PROGRAMS):
        prog, points, result, dresult = make_program(i)
        name = f"p{i:03}"
        n_branching += prog.branching
        sig = ", ".join(f"{p}: f64" for p in prog.params)
        dsig = ", ".join(f"{p}: D" for p in prog.params)
        out.append("#[jet(order = 3)]")
        out.append(f"fn {name}({sig}) -> f64 {{")
        out.extend(f"    {t}" for t, _ in prog.lines)
        out.append(f"    {result}")
        out.append("}")
        out.append("")
        out.append(f"fn {name}_dual<D: DualNum<f64> + Copy>({dsig}) -> D {{")
        out.extend(f"    {d}" for _, d in prog.lines)
        out.append(f"    {dresult}")
        out.append("}")
        out.append("")
        (unary if len(prog.params) == 1 else binary).append((name, points))

    def f(v):
        return repr(float(v))

    out.append("type Unary = (&'static str, fn(f64) -> f64, fn(Jet<f64, 4>) -> Jet<f64, 4>, fn(Dual3_64) -> Dual3_64, &'static [f64]);")
    out.append("type Binary = (&'static str, fn(f64, f64) -> f64, fn(Jet<f64, 4>, Jet<f64, 4>) -> Jet<f64, 4>, fn(Dual3_64, Dual3_64) -> Dual3_64, &'static [[f64; 4]]);")
    out.append("")
    out.append("/// One-input programs: (name, original, companion, dual copy, points x0).")
    out.append("const UNARY: &[Unary] = &[")
    for name, points in unary:
        pts = ", ".join(f(p[0]) for p, _ in points)
        out.append(f"    (\"{name}\", {name}, {name}_jet, {name}_dual::<Dual3_64>, &[{pts}]),")
    out.append("];")
    out.append("")
    out.append("/// Two-input programs: (name, original, companion, dual copy, [x0, y0, vx, vy]):")
    out.append("/// jets along the direction (vx, vy) through (x0, y0).")
    out.append("const BINARY: &[Binary] = &[")
    for name, points in binary:
        pts = ", ".join(f"[{f(p[0])}, {f(p[1])}, {f(v[0])}, {f(v[1])}]" for p, v in points)
        out.append(f"    (\"{name}\", {name}, {name}_jet, {name}_dual::<Dual3_64>, &[{pts}]),")
    out.append("];")
    out.append("")
    out.append(TEST)
    text = "\n".join(out) + "\n"
    path = Path(__file__).resolve().parent.parent / "tests" / "generated_programs.rs"
    path.write_text(text)
    # Format as `cargo fmt` would, so CI's `cargo fmt --check` passes on the output.
    if shutil.which("rustfmt"):
        subprocess.run(["rustfmt", "--edition", "2021", str(path)], check=True)
    else:
        print("rustfmt not found: the output is not formatted", file=sys.stderr)
    print(
        f"wrote {path}: {N_PROGRAMS} programs ({len(unary)} one-input, {len(binary)} two-input, "
        f"{n_branching} branching)",
        file=sys.stderr,
    )


TEST = r'''/// Relative tolerance against the largest derivative of the reference vector.
const TOL: f64 = 1e-12;

fn compare(what: &str, jet: Jet<f64, 4>, dual: Dual3_64, errors: &mut Vec<String>) {
    let want = [dual.re, dual.v1, dual.v2, dual.v3];
    let scale = want.iter().fold(f64::MIN_POSITIVE, |m, w| m.max(w.abs()));
    for (k, w) in want.iter().enumerate() {
        let got = jet.derivative(k);
        let err = (got - w).abs();
        if err.is_nan() || err > TOL * scale {
            errors.push(format!(
                "{what}: derivative {k}: jet {got:e}, num-dual {w:e}, error {:.2e} (scale {scale:.2e})",
                err / scale
            ));
        }
    }
}

/// The companion's value against the original function's: the same operations, so equal
/// up to `powi`, whose rounding is unspecified (an inlined `powi` with a constant exponent
/// becomes a multiplication chain, a call rounds differently): a few ulps.
fn same_value(jet: f64, original: f64) -> bool {
    jet == original || (jet - original).abs() <= 4.0 * f64::EPSILON * original.abs()
}

#[test]
fn generated_programs_match_dual3() {
    let mut errors = Vec::new();
    let mut checked = 0;
    for (name, original, companion, dual, points) in UNARY {
        for &x0 in points.iter() {
            let jet = companion(Jet::variable(x0));
            let reference = dual(Dual3_64::from_re(x0).derivative());
            compare(&format!("{name}({x0:?})"), jet, reference, &mut errors);
            if !same_value(jet.value(), original(x0)) {
                errors.push(format!(
                    "{name}({x0:?}): jet value {:e} differs from the original {:e}",
                    jet.value(),
                    original(x0)
                ));
            }
            checked += 1;
        }
    }
    for (name, original, companion, dual, points) in BINARY {
        for &[x0, y0, vx, vy] in points.iter() {
            let jet = companion(Jet::along(x0, vx), Jet::along(y0, vy));
            let reference = dual(Dual3_64::new(x0, vx, 0.0, 0.0), Dual3_64::new(y0, vy, 0.0, 0.0));
            compare(
                &format!("{name}({x0:?}, {y0:?}) along ({vx:?}, {vy:?})"),
                jet,
                reference,
                &mut errors,
            );
            if !same_value(jet.value(), original(x0, y0)) {
                errors.push(format!(
                    "{name}({x0:?}, {y0:?}): jet value {:e} differs from the original {:e}",
                    jet.value(),
                    original(x0, y0)
                ));
            }
            checked += 1;
        }
    }
    assert!(UNARY.len() + BINARY.len() >= 200);
    assert!(checked >= 3 * (UNARY.len() + BINARY.len()));
    if !errors.is_empty() {
        panic!(
            "{} mismatches in {checked} evaluations:\n{}",
            errors.len(),
            errors.iter().take(80).cloned().collect::<Vec<_>>().join("\n")
        );
    }
}'''


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference Taylor coefficients for tests/custom_primitives.rs, from mpmath.

Each case composes a function with polynomial input curves x_i(t) and asks mpmath for the
normalized Taylor coefficients of f(x_1(t), ...) at t = 0 up to ORDER, by high-precision
numerical differentiation (`mpmath.taylor`, which calls `mpmath.diff`): no Taylor
recurrence is involved. The working precision is 60 digits; every table is checked
against a second evaluation at 80 digits and against closed-form series where they exist
(exp, and the Maclaurin series of erf), and the script fails if any coefficient moves by
more than 1e-30 relative.

Writes tests/data/custom_primitives.json, each coefficient a 30-digit decimal string.

Run from the repository root: python3 tools/custom_primitives_reference.py
(needs `python3 -m pip install mpmath`)
"""
import json
from pathlib import Path

import mpmath
from mpmath import mp, mpf

ORDER = 8
DIGITS = 30


def lambert_w(x):
    return mpmath.lambertw(x).real


def logistic(x):
    return 1 / (1 + mpmath.exp(-x))


def erf(x):
    return mpmath.erf(x)


def dawson(x):
    # F(x) = e^{-x^2} int_0^x e^{s^2} ds = sqrt(pi)/2 e^{-x^2} erfi(x)
    return mpmath.sqrt(mpmath.pi) / 2 * mpmath.exp(-x * x) * mpmath.erfi(x)


def log_sum_exp(x, y):
    return mpmath.log(mpmath.exp(x) + mpmath.exp(y))


def exp(x):
    return mpmath.exp(x)


def erfc(x):
    return mpmath.erfc(x)


FUNCTIONS = {
    "lambert_w": lambert_w,
    "logistic": logistic,
    "erf": erf,
    "dawson": dawson,
    "log_sum_exp": log_sum_exp,
    "exp": exp,
    "erfc": erfc,
}


def line(x0):
    return [x0, "1"]


CASES = [
    ("lambert_w", [line("0.3")]),
    ("lambert_w", [line("1")]),
    ("lambert_w", [line("2.5")]),
    ("lambert_w", [["1.2", "0.7", "-0.4"]]),
    ("logistic", [line("-1.5")]),
    ("logistic", [line("0.3")]),
    ("logistic", [line("2")]),
    ("logistic", [["0.4", "-0.6", "0.3", "0.1"]]),
    ("erf", [line("-0.8")]),
    ("erf", [line("0.4")]),
    ("erf", [line("1.7")]),
    ("erf", [["0.5", "0.9", "-0.2"]]),
    ("dawson", [line("0.5")]),
    ("dawson", [line("1.2")]),
    ("dawson", [["-0.7", "0.8", "0.15"]]),
    ("log_sum_exp", [line("0.3"), ["-0.2", "0.5", "0.25"]]),
    ("log_sum_exp", [["1.1", "-0.3"], ["0.4", "0.9", "-0.1"]]),
    ("exp", [line("0.3")]),
    ("lambert_w", [line("-0.2")]),
    ("lambert_w", [line("40")]),
    ("erfc", [line("-2")]),
    ("erfc", [line("0.3")]),
    ("erfc", [line("1.5")]),
    ("erfc", [line("4")]),
    ("erfc", [["5.5", "0.25", "-0.1"]]),
]


def series(func, inputs):
    polys = [[mpf(c) for c in p] for p in inputs]

    def composed(t):
        args = [sum(c * t**i for i, c in enumerate(p)) for p in polys]
        return func(*args)

    return mpmath.taylor(composed, 0, ORDER)


def main():
    cases = []
    for name, inputs in CASES:
        func = FUNCTIONS[name]
        mp.dps = 60
        coeffs = series(func, inputs)
        mp.dps = 80
        check = series(func, inputs)
        mp.dps = 60
        for k, (a, b) in enumerate(zip(coeffs, check)):
            scale = max(abs(b), mpf(10) ** -40)
            assert abs(a - b) / scale < mpf(10) ** -30, (name, inputs, k, a, b)
        cases.append(
            {
                "function": name,
                "inputs": inputs,
                "coefficients": [mpmath.nstr(c, DIGITS, min_fixed=-1, max_fixed=1) for c in coeffs],
            }
        )
    # Closed forms: e^{0.3 + t} = e^{0.3} / k!, and erf at 0.4 along t from its Maclaurin
    # series erf(x) = 2/sqrt(pi) sum (-1)^n x^{2n+1} / (n! (2n+1)), re-expanded at 0.4.
    mp.dps = 60
    exp_case = series(exp, [line("0.3")])
    for k, c in enumerate(exp_case):
        want = mpmath.exp(mpf("0.3")) / mpmath.factorial(k)
        assert abs(c - want) / want < mpf(10) ** -35, (k, c, want)
    erf_case = series(erf, [line("0.4")])
    x0 = mpf("0.4")
    for k, c in enumerate(erf_case):
        # coefficient k of erf(x0 + t) = sum_n a_n binom(2n+1, k) x0^{2n+1-k}
        want = mpf(0)
        for n in range(200):
            m = 2 * n + 1
            if m < k:
                continue
            a = 2 / mpmath.sqrt(mpmath.pi) * (-1) ** n / (mpmath.factorial(n) * m)
            want += a * mpmath.binomial(m, k) * x0 ** (m - k)
        assert abs(c - want) < mpf(10) ** -35 * max(1, abs(want)), (k, c, want)
    out = {
        "generator": "tools/custom_primitives_reference.py (mpmath.taylor at 60 digits, checked at 80)",
        "mpmath": mpmath.__version__,
        "order": ORDER,
        "convention": "normalized Taylor coefficients of f(x_1(t), ...) at t = 0; inputs are polynomial coefficients in t",
        "cases": cases,
    }
    path = Path("tests/data/custom_primitives.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()

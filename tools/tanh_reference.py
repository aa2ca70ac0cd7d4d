#!/usr/bin/env python3
"""Reference values of tanh and sech² = 1 / cosh² in mpmath at 50 digits (closed forms, no
Taylor recurrence).

    python3 tools/tanh_reference.py            # Rust array entries for tests/edge_cases.rs
                                               # `tanh_first_coefficient_is_sech_squared`
    python3 tools/tanh_reference.py --table > tests/data/tanh_reference.txt
                                               # the table read by tests/tanh_accuracy.rs

The table: one line per point, `x tanh(x) tanh_lo sech2(x)`, with x an f64 written so that
it parses back exactly, tanh and sech² at 30 significant digits, and tanh_lo the part of
the 30-digit tanh below its nearest f64 (tanh ≈ hi + lo with hi = the 30-digit string
parsed as f64), so that a test can measure errors in fractions of an ulp. The points
(fixed seed, sorted) cover 5e-324 to 400 and their negatives: tiny values, a dense set
on both sides of ln(2)/2 (the switch point of an earlier version of
`jet_runtime::rules::tanh`), around 1 and 22 (where glibc's tanh and the rule switch),
19.06 (above which tanh rounds to 1), the underflow of sech² (355 to 373). About half are f32 values, for the f32 check.

Run from the repository root (needs `python3 -m pip install mpmath`).
"""
import math
import random
import struct
import sys

import mpmath

mpmath.mp.dps = 50

POINTS = ["0.0", "1e-8", "0.001", "0.3", "0.5493", "-0.7", "1.0", "2.5", "-3.0", "19.0", "-20.0", "300.0", "360.0", "370.0"]


def f32(v):
    """The f32 nearest to v (an f64 value)."""
    return struct.unpack("f", struct.pack("f", v))[0]


def neighbours(v, k):
    """v and the k f64 values on each side of it."""
    bits = struct.unpack("<q", struct.pack("<d", v))[0]
    return [struct.unpack("<d", struct.pack("<q", bits + i))[0] for i in range(-k, k + 1)]


def table_points():
    rng = random.Random(20240611)
    half_ln2 = float(mpmath.log(2) / 2)
    pts = [5e-324, 1e-310, 1e-300, 1e-200, 1e-100, 1e-40, 1e-30, 1e-20, 1e-16, 1e-12, 1e-10,
           1e-8, 1e-6, 1e-4, 1e-3, 0.5493, 19.0, 20.0, 300.0, 360.0, 370.0, 400.0]
    pts += neighbours(2.0**-55, 2) + neighbours(half_ln2, 16) + neighbours(1.0, 4)
    pts += neighbours(22.0, 2) + neighbours(19.06, 2)
    pts += [f32(half_ln2) + i * 2.0**-25 for i in range(-8, 9)]  # f32 neighbours of ln2/2

    def log_uniform(lo, hi, n, single):
        for _ in range(n):
            v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
            pts.append(f32(v) if single else v)

    def uniform(lo, hi, n):
        for i in range(n):
            v = rng.uniform(lo, hi)
            pts.append(f32(v) if i % 2 else v)  # every other point an f32

    log_uniform(1e-300, 1e-2, 40, False)
    log_uniform(1e-30, 1e-2, 40, True)
    uniform(0.01, 0.3, 100)
    uniform(0.3, 0.4, 200)
    uniform(0.4, 1.0, 150)
    uniform(1.0, 5.0, 150)
    uniform(5.0, 20.0, 100)
    uniform(20.0, 355.0, 60)
    uniform(355.0, 373.0, 40)
    uniform(373.0, 400.0, 10)
    pts = sorted(set(p for p in pts if p > 0.0))
    return sorted(set(pts + [-p for p in pts[::3]]))


def table():
    print("# x tanh(x) tanh_lo sech2(x): written by tools/tanh_reference.py --table "
          "(mpmath, 50 digits); do not edit")
    for x in table_points():
        mx = mpmath.mpf(x)  # exact
        t = mpmath.nstr(mpmath.tanh(mx), 30, min_fixed=1, max_fixed=0, strip_zeros=False)
        lo = float(mpmath.mpf(t) - mpmath.mpf(float(t)))  # float(str) rounds correctly
        s = mpmath.nstr(mpmath.sech(mx) ** 2, 30, min_fixed=1, max_fixed=0, strip_zeros=False)
        print(f"{x!r} {t} {lo!r} {s}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--table"]:
        table()
    else:
        for p in POINTS:
            x = mpmath.mpf(p)
            print(f"    ({p}, {mpmath.nstr(mpmath.sech(x) ** 2, 20)}),")

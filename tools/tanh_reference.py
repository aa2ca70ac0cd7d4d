#!/usr/bin/env python3
"""Reference values for tests/edge_cases.rs `tanh_first_coefficient_is_sech_squared`:
tanh'(x) = sech²(x) = 1 / cosh²(x) at points from 0 to the edge of underflow, in mpmath
at 50 digits (a closed form, no Taylor recurrence). Prints Rust array entries.

Run from the repository root: python3 tools/tanh_reference.py
(needs `python3 -m pip install mpmath`)
"""
import mpmath

mpmath.mp.dps = 50
POINTS = ["0.0", "1e-8", "0.001", "0.3", "0.5493", "-0.7", "1.0", "2.5", "-3.0", "19.0", "-20.0", "300.0", "360.0", "370.0"]
for p in POINTS:
    x = mpmath.mpf(p)
    print(f"    ({p}, {mpmath.nstr(mpmath.sech(x) ** 2, 20)}),")

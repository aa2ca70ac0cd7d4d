//! The companions of kernels over arrays allocate nothing: a counting global allocator
//! sees zero heap allocations during the companion call (LJ-16 4-jet over
//! `[Jet<f64, 5>; 48]`, an MLP 8 → 32 → 32 → 1 with `[0.0; 32]` buffers over
//! `[Jet<f64, 3>; 8]`, and a `[T; 3]` result), and neither do the operators on the W2
//! MLP (collapsed and standard Laplacian, bi-Laplacian, stochastic Laplacian).
//!
//! The count is per thread (a thread-local counter), so the test harness's other
//! threads cannot disturb it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use jet::ops::{self, Direction, Rng};
use jet::{jet, Jet};

#[path = "support/mlp.rs"]
mod mlp;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap allocations made by `f` on this thread.
fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let r = std::hint::black_box(f());
    (r, ALLOCATIONS.with(Cell::get) - before)
}

#[jet]
fn lj_energy(x: &[f64; 48]) -> f64 {
    let mut e = 0.0;
    for i in 0..16 {
        for j in (i + 1)..16 {
            let mut r2 = 0.0;
            for c in 0..3 {
                let d = x[3 * i + c] - x[3 * j + c];
                r2 += d * d;
            }
            let s6 = 1.0 / (r2 * r2 * r2);
            e += 4.0 * (s6 * s6 - s6);
        }
    }
    e
}

#[jet(wrt(x))]
fn mlp_fixed(w1: &[f64], w2: &[f64], w3: &[f64], x: &[f64; 8]) -> f64 {
    let mut a1 = [0.0; 32];
    for (i, a) in a1.iter_mut().enumerate() {
        let mut s = 0.0;
        for j in 0..8 {
            s += w1[i * 8 + j] * x[j];
        }
        *a = s.tanh();
    }
    let mut out = 0.0;
    for i in 0..32 {
        let s: f64 = (0..32).fold(0.0, |acc, j| acc + w2[i * 32 + j] * a1[j]);
        out += w3[i] * s.tanh();
    }
    out
}

#[jet(order = 2)]
fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

#[test]
fn companions_over_arrays_do_not_allocate() {
    let mut x = [Jet::<f64, 5>::constant(0.0); 48];
    for (k, xk) in x.iter_mut().enumerate() {
        let site = [(k / 3) % 3, (k / 9) % 3, k / 27][k % 3] as f64 * 1.1;
        *xk = Jet::along(site + 0.01 * k as f64, 0.1 * (k % 5) as f64 - 0.2);
    }
    let (e, n) = allocations(|| lj_energy_jet(&x));
    assert_eq!(n, 0, "LJ-16 companion allocated {n} times");
    let x0 = x.map(|j| j.value());
    assert!((e.value() - lj_energy(&x0)).abs() <= 1e-13 * e.value().abs());

    let w1: Vec<f64> = (0..256)
        .map(|i| ((i * 37 % 101) as f64 - 50.0) / 150.0)
        .collect();
    let w2: Vec<f64> = (0..1024)
        .map(|i| ((i * 53 % 97) as f64 - 48.0) / 300.0)
        .collect();
    let w3: Vec<f64> = (0..32)
        .map(|i| ((i * 7 % 13) as f64 - 6.0) / 10.0)
        .collect();
    let mut xs = [Jet::<f64, 3>::constant(0.0); 8];
    for (j, xj) in xs.iter_mut().enumerate() {
        *xj = Jet::along(0.1 * j as f64 - 0.3, 1.0);
    }
    let (y, n) = allocations(|| mlp_fixed_jet(&w1, &w2, &w3, &xs));
    assert_eq!(n, 0, "MLP companion allocated {n} times");
    let plain: Vec<f64> = xs.iter().map(|x| x.value()).collect();
    let x0: [f64; 8] = plain.try_into().expect("8 inputs");
    assert!((y.value() - mlp_fixed(&w1, &w2, &w3, &x0)).abs() < 1e-14);

    let a = [Jet::variable(1.0), Jet::constant(2.0), Jet::constant(3.0)];
    let b = [Jet::constant(-1.0), Jet::variable(0.5), Jet::constant(2.0)];
    let (c, n) = allocations(|| cross_jet(a, b));
    assert_eq!(n, 0, "cross companion allocated {n} times");
    assert_eq!(
        c.map(|j| j.value()),
        cross([1.0, 2.0, 3.0], [-1.0, 0.5, 2.0])
    );
}

#[test]
fn operators_do_not_allocate() {
    let m = mlp::Mlp::load();
    let x = m.x_single;
    let f = |x: &[_]| m.eval(x);
    let (collapsed, n) = allocations(|| ops::laplacian(f, &x));
    assert_eq!(n, 0, "collapsed Laplacian allocated {n} times");
    let (standard, n) = allocations(|| ops::laplacian_standard(|x: &[_]| m.eval(x), &x));
    assert_eq!(n, 0, "standard Laplacian allocated {n} times");
    let nested = m.laplacian_nested_duals(&x);
    assert!((collapsed - nested).abs() <= 1e-13 * nested.abs().max(1.0));
    assert!((standard - nested).abs() <= 1e-13 * nested.abs().max(1.0));
    let (c, n) = allocations(|| ops::bilaplacian(|x: &[_]| m.eval(x), &x));
    assert_eq!(n, 0, "collapsed bi-Laplacian allocated {n} times");
    let (s, n) = allocations(|| ops::bilaplacian_standard(|x: &[_]| m.eval(x), &x));
    assert_eq!(n, 0, "standard bi-Laplacian allocated {n} times");
    assert!(
        (c - s).abs() <= 1e-12 * s.abs().max(1.0),
        "bi-Laplacian {c} vs {s}"
    );
    let mut rng = Rng::seed_from_u64(1);
    let (_, n) = allocations(|| {
        ops::laplacian_stochastic::<_, 8, 4, _>(
            |x: &[_]| m.eval(x),
            &x,
            Direction::Normal,
            &mut rng,
        )
    });
    assert_eq!(n, 0, "stochastic Laplacian allocated {n} times");
}

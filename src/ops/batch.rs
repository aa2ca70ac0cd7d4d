//! Operators over many points, on all cores (rayon) with the `parallel` feature.
//!
//! Each point is computed independently by the same code as the single-point operator,
//! so the parallel results equal the serial loop's bit for bit. The work runs in the
//! current rayon pool: wrap a call in `ThreadPool::install` to choose the threads.

use crate::{CollapsedJet, Float, MultiJet};

/// `op` at every point, in order, on all cores when the `parallel` feature is on (else
/// the serial loop [`batch_serial`]).
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].square().mul(x[1])
/// }
/// let points = [[1.0, 2.0], [3.0, 4.0]];
/// let hd = ops::batch(&points, |x| ops::hessian_diagonal(f, x));
/// assert_eq!(hd, vec![[4.0, 0.0], [8.0, 0.0]]);
/// ```
pub fn batch<T, const D: usize, O, Op>(points: &[[T; D]], op: Op) -> Vec<O>
where
    T: Float + Send + Sync,
    O: Send,
    Op: Fn(&[T; D]) -> O + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        points.par_iter().map(op).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        batch_serial(points, op)
    }
}

/// `op` at every point, in order, on the calling thread.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].exp()
/// }
/// let points = [[0.0], [1.0]];
/// assert_eq!(
///     ops::batch_serial(&points, |x| ops::laplacian(f, x)),
///     ops::batch(&points, |x| ops::laplacian(f, x)),
/// );
/// ```
pub fn batch_serial<T, const D: usize, O, Op>(points: &[[T; D]], op: Op) -> Vec<O>
where
    T: Float,
    Op: Fn(&[T; D]) -> O,
{
    points.iter().map(op).collect()
}

/// [`batch`] over points stored flat, `D` coordinates after another (`points.len()` a
/// multiple of `D`, e.g. a row-major `n × D` matrix).
///
/// # Panics
/// If `points.len()` is not a multiple of `D`.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].square().add(x[1].square())
/// }
/// let flat = [1.0, 2.0, 3.0, 4.0]; // the points (1, 2) and (3, 4)
/// assert_eq!(ops::batch_flat::<_, 2, _, _>(&flat, |x| ops::laplacian(f, x)), vec![4.0, 4.0]);
/// ```
pub fn batch_flat<T, const D: usize, O, Op>(points: &[T], op: Op) -> Vec<O>
where
    T: Float + Send + Sync,
    O: Send,
    Op: Fn(&[T; D]) -> O + Sync + Send,
{
    assert!(
        D > 0 && points.len() % D == 0,
        "batch_flat: {} values are not a whole number of {D}-dimensional points",
        points.len()
    );
    let point = |c: &[T]| -> O {
        let x: &[T; D] = c.try_into().expect("chunks have length D");
        op(x)
    };
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        points.par_chunks_exact(D).map(point).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        points.chunks_exact(D).map(point).collect()
    }
}

/// The collapsed [`laplacian`](super::laplacian) at every point, on all cores.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].sin().add(x[1].square())
/// }
/// let points = [[0.0, 0.0], [1.0, 5.0]];
/// assert_eq!(ops::laplacian_batch(f, &points), vec![2.0, 2.0 - 1f64.sin()]);
/// ```
pub fn laplacian_batch<T, const D: usize, F>(f: F, points: &[[T; D]]) -> Vec<T>
where
    T: Float + Send + Sync,
    F: Fn(&[CollapsedJet<T, 3, D>]) -> CollapsedJet<T, 3, D> + Sync + Send,
{
    batch(points, |x| super::laplacian(&f, x))
}

/// The standard [`laplacian_standard`](super::laplacian_standard) at every point, on all
/// cores.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].sin().add(x[1].square())
/// }
/// let points = [[0.0, 0.0], [1.0, 5.0]];
/// assert_eq!(ops::laplacian_standard_batch(f, &points), vec![2.0, 2.0 - 1f64.sin()]);
/// ```
pub fn laplacian_standard_batch<T, const D: usize, F>(f: F, points: &[[T; D]]) -> Vec<T>
where
    T: Float + Send + Sync,
    F: Fn(&[MultiJet<T, 3, D>]) -> MultiJet<T, 3, D> + Sync + Send,
{
    batch(points, |x| super::laplacian_standard(&f, x))
}

/// The collapsed [`bilaplacian`](super::bilaplacian) at every point, on all cores.
///
/// ```
/// use jet::{ops, Taylor};
///
/// fn f<J: Taylor<f64>>(x: &[J]) -> J {
///     x[0].square().mul(x[1].square())
/// }
/// let points = [[0.0, 0.0], [1.0, 5.0]];
/// for b in ops::bilaplacian_batch(f, &points) {
///     assert!((b - 8.0).abs() < 1e-12);
/// }
/// ```
pub fn bilaplacian_batch<T, const D: usize, F>(f: F, points: &[[T; D]]) -> Vec<T>
where
    T: Float + Send + Sync,
    F: Fn(&[CollapsedJet<T, 5, D>]) -> CollapsedJet<T, 5, D> + Sync + Send,
{
    batch(points, |x| super::bilaplacian(&f, x))
}

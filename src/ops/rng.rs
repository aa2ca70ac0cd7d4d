//! A small seedable random number generator for the randomized operators.
//!
//! `xoshiro256++` (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
//! 2021) seeded through `splitmix64`, as `rand_xoshiro` does: fast, 256 bits of state,
//! and the same stream for the same seed on every platform. Not cryptographic.

/// The distribution of the random directions of a Hutchinson-style estimator.
///
/// Both have `E[v vᵀ] = I`, which makes `vᵀ H v` an unbiased estimate of `tr H`.
/// Rademacher directions have the smaller variance (`2 Σ_{i≠j} H_ij²` per sample, against
/// `2 Σ_{ij} H_ij²` for normal directions).
///
/// ```
/// use jet::ops::{Direction, Rng};
/// let mut rng = Rng::seed_from_u64(1);
/// let v: [f64; 4] = rng.direction(Direction::Rademacher);
/// assert!(v.iter().all(|&x| x == 1.0 || x == -1.0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Independent standard normal entries.
    Normal,
    /// Independent entries `±1` with probability 1/2 each.
    Rademacher,
}

/// A seedable pseudorandom generator (`xoshiro256++`).
///
/// ```
/// use jet::ops::Rng;
/// let mut a = Rng::seed_from_u64(7);
/// let mut b = Rng::seed_from_u64(7);
/// assert_eq!(a.next_u64(), b.next_u64()); // reproducible
/// let u = a.uniform();
/// assert!((0.0..1.0).contains(&u));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rng {
    s: [u64; 4],
}

/// One step of `splitmix64`, used to expand a seed into the generator's state.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator whose state is expanded from `seed` by `splitmix64` (never all zero).
    ///
    /// ```
    /// use jet::ops::Rng;
    /// let mut rng = Rng::seed_from_u64(0);
    /// assert_ne!(rng.next_u64(), rng.next_u64());
    /// ```
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut state = seed;
        let s = [
            splitmix64(&mut state),
            splitmix64(&mut state),
            splitmix64(&mut state),
            splitmix64(&mut state),
        ];
        Self { s }
    }

    /// The next 64 random bits.
    ///
    /// ```
    /// use jet::ops::Rng;
    /// let x = Rng::seed_from_u64(3).next_u64();
    /// assert_eq!(x, Rng::seed_from_u64(3).next_u64());
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform sample from `[0, 1)` with 53 random bits.
    ///
    /// ```
    /// use jet::ops::Rng;
    /// let mut rng = Rng::seed_from_u64(5);
    /// assert!((0..1000).map(|_| rng.uniform()).all(|u| (0.0..1.0).contains(&u)));
    /// ```
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal sample (Marsaglia's polar method; the second variate of each
    /// pair is discarded, which keeps the generator stateless beyond `s`).
    ///
    /// ```
    /// use jet::ops::Rng;
    /// let mut rng = Rng::seed_from_u64(11);
    /// let n = 20_000;
    /// let mean = (0..n).map(|_| rng.normal()).sum::<f64>() / n as f64;
    /// assert!(mean.abs() < 5.0 / (n as f64).sqrt());
    /// ```
    pub fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * s.ln() / s).sqrt();
            }
        }
    }

    /// `+1` or `-1` with probability 1/2 each.
    ///
    /// ```
    /// use jet::ops::Rng;
    /// let mut rng = Rng::seed_from_u64(2);
    /// let x = rng.rademacher();
    /// assert!(x == 1.0 || x == -1.0);
    /// ```
    pub fn rademacher(&mut self) -> f64 {
        if self.next_u64() >> 63 == 0 {
            1.0
        } else {
            -1.0
        }
    }

    /// A random vector with independent entries of the given distribution.
    ///
    /// ```
    /// use jet::ops::{Direction, Rng};
    /// let mut rng = Rng::seed_from_u64(9);
    /// let v: [f64; 3] = rng.direction(Direction::Normal);
    /// assert!(v.iter().all(|x| x.is_finite()));
    /// ```
    pub fn direction<T: num_traits::Float, const D: usize>(&mut self, kind: Direction) -> [T; D] {
        let mut v = [T::zero(); D];
        for vi in v.iter_mut() {
            let x = match kind {
                Direction::Normal => self.normal(),
                Direction::Rademacher => self.rademacher(),
            };
            *vi = T::from(x).unwrap_or_else(T::nan);
        }
        v
    }
}

//! Plots from jets: SVG files drawn with `plotters` (SVG backend only, no system
//! libraries).
//!
//! ```text
//! cargo run --example plots              # writes into target/jet-plots/
//! cargo run --example plots -- OUT_DIR   # writes into OUT_DIR
//! ```
//!
//! - `taylor_polynomials.svg`: `f(x) = sin(x)·e^(−x/3)` with its Taylor polynomials of
//!   degree 1, 2, 5 and 10 around `x0 = 1`, all partial sums of the coefficients of
//!   **one** `Jet<f64, 11>` from `#[jet(order = 10)]`.
//! - `tanh_derivatives.svg`: `tanh` and its first 6 derivatives on `[−3, 3]`; each point
//!   is **one** `Jet<f64, 7>::variable(x).tanh()`.
//!
//! `tests/plots.rs` includes this file, runs [`write_plots`] into a temporary directory
//! and checks the SVG files and every plotted value against closed forms.

use jet::{jet, Jet};
use plotters::prelude::*;
use std::error::Error;
use std::path::{Path, PathBuf};

/// The function of the first figure, `f(x) = sin(x)·e^(−x/3)`; `#[jet(order = 10)]`
/// emits `damped_jet(Jet<f64, 11>) -> Jet<f64, 11>` beside it.
#[jet(order = 10)]
pub fn damped(x: f64) -> f64 {
    x.sin() * (-x / 3.0).exp()
}

/// The expansion point of the Taylor polynomials.
pub const CENTER: f64 = 1.0;
/// The degrees of the Taylor polynomials drawn.
pub const DEGREES: [usize; 4] = [1, 2, 5, 10];
/// The x range of the first figure.
pub const TAYLOR_X: (f64, f64) = (CENTER - 3.5, CENTER + 3.5);
/// The y range of the first figure (polynomials leaving it are cut).
pub const TAYLOR_Y: (f64, f64) = (-2.0, 1.5);
/// The x range of the tanh figure.
pub const TANH_X: (f64, f64) = (-3.0, 3.0);
/// The number of derivatives of tanh drawn (besides tanh itself).
pub const TANH_DERIVATIVES: usize = 6;

/// One plotted line: its legend label and its points, exactly as drawn.
#[derive(Clone, Debug)]
pub struct Curve {
    /// The legend label.
    pub label: String,
    /// The `(x, y)` points, in order of `x`.
    pub points: Vec<(f64, f64)>,
}

/// One SVG file and the curves drawn in it.
#[derive(Clone, Debug)]
pub struct Figure {
    /// Where the SVG file was written.
    pub path: PathBuf,
    /// The curves in drawing order.
    pub curves: Vec<Curve>,
}

/// `n` equally spaced points from `lo` to `hi`.
fn grid(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> {
    (0..n).map(move |i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
}

/// `Σ_{k ≤ degree} c_k h^k` by Horner's scheme over the first `degree + 1` coefficients.
pub fn partial_sum(coefficients: &[f64], degree: usize, h: f64) -> f64 {
    coefficients[..=degree]
        .iter()
        .rev()
        .fold(0.0, |acc, &c| acc * h + c)
}

/// The first figure's curves: `f` itself, then its Taylor polynomials of the
/// [`DEGREES`] around [`CENTER`], all from one `Jet<f64, 11>`.
pub fn taylor_curves(samples: usize) -> Vec<Curve> {
    // One jet at the center: x(t) = CENTER + t, so coefficient k is f^(k)(CENTER) / k!.
    let coefficients = damped_jet(Jet::variable(CENTER)).coefficients();
    let xs: Vec<f64> = grid(TAYLOR_X.0, TAYLOR_X.1, samples).collect();
    let mut curves = vec![Curve {
        label: "f(x) = sin(x)·e^(−x/3)".into(),
        points: xs.iter().map(|&x| (x, damped(x))).collect(),
    }];
    for degree in DEGREES {
        curves.push(Curve {
            label: format!("Taylor polynomial, degree {degree}"),
            points: xs
                .iter()
                .map(|&x| (x, partial_sum(&coefficients, degree, x - CENTER)))
                .collect(),
        });
    }
    curves
}

/// The tanh figure's curves: curve `k` is the `k`-th derivative of tanh, every point
/// `x` from the derivatives of one `Jet<f64, 7>::variable(x).tanh()`.
pub fn tanh_curves(samples: usize) -> Vec<Curve> {
    let mut curves: Vec<Curve> = (0..=TANH_DERIVATIVES)
        .map(|k| Curve {
            label: match (k, SUPERSCRIPTS.get(k)) {
                (0, _) => "tanh(x)".into(),
                (1, _) => "d/dx tanh(x)".into(),
                (_, Some(sup)) => format!("d{sup}/dx{sup} tanh(x)"),
                (_, None) => format!("d^{k}/dx^{k} tanh(x)"),
            },
            points: Vec::with_capacity(samples),
        })
        .collect();
    for x in grid(TANH_X.0, TANH_X.1, samples) {
        let d = Jet::<f64, { TANH_DERIVATIVES + 1 }>::variable(x)
            .tanh()
            .derivatives();
        for (curve, dk) in curves.iter_mut().zip(d) {
            curve.points.push((x, dk));
        }
    }
    curves
}

/// Superscript digits for the panel titles.
const SUPERSCRIPTS: [&str; 10] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"];

/// Colors of the Taylor polynomials, by degree (colorblind-safe palette).
const POLYNOMIAL_COLORS: [RGBColor; 4] = [
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(0, 114, 178),
];

/// The maximal runs of points whose `y` lies in `[lo, hi]`: a polynomial leaving the
/// chart is cut instead of drawn along its border.
fn visible_runs(points: &[(f64, f64)], lo: f64, hi: f64) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current = Vec::new();
    for &(x, y) in points {
        if (lo..=hi).contains(&y) {
            current.push((x, y));
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// Draws the Taylor-polynomial figure into `path`.
fn draw_taylor(path: &Path, curves: &[Curve]) -> Result<(), Box<dyn Error>> {
    let root = SVGBackend::new(path, (960, 640)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!(
                "Taylor polynomials of sin(x)·e^(−x/3) at x0 = {CENTER}, from one Jet<f64, 11>"
            ),
            ("sans-serif", 22),
        )
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(52)
        .build_cartesian_2d(TAYLOR_X.0..TAYLOR_X.1, TAYLOR_Y.0..TAYLOR_Y.1)?;
    chart
        .configure_mesh()
        .x_desc("x")
        .y_desc("y")
        .axis_desc_style(("sans-serif", 18))
        .label_style(("sans-serif", 14))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for (i, curve) in curves.iter().enumerate() {
        // f as a wide gray band underneath, so the polynomials that match it show inside
        let style = match i {
            0 => RGBColor(150, 150, 150).stroke_width(7),
            _ => POLYNOMIAL_COLORS[(i - 1) % POLYNOMIAL_COLORS.len()].stroke_width(2),
        };
        for (j, run) in visible_runs(&curve.points, TAYLOR_Y.0, TAYLOR_Y.1)
            .into_iter()
            .enumerate()
        {
            let series = chart.draw_series(LineSeries::new(run, style))?;
            if j == 0 {
                series
                    .label(curve.label.as_str())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style));
            }
        }
    }
    chart
        .draw_series(std::iter::once(Circle::new(
            (CENTER, damped(CENTER)),
            5,
            BLACK.filled(),
        )))?
        .label(format!("x0 = {CENTER}"))
        .legend(|(x, y)| Circle::new((x + 12, y), 4, BLACK.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}

/// Draws the tanh figure into `path`: one panel per derivative, each with its own y
/// range.
fn draw_tanh(path: &Path, curves: &[Curve]) -> Result<(), Box<dyn Error>> {
    let root = SVGBackend::new(path, (1200, 640)).into_drawing_area();
    root.fill(&WHITE)?;
    let (title, body) = root.split_vertically(40);
    title.titled(
        "tanh and its first 6 derivatives: each x from one Jet<f64, 7>::variable(x).tanh()",
        ("sans-serif", 22),
    )?;
    let panels = body.split_evenly((2, 4));
    for (i, (panel, curve)) in panels.iter().zip(curves).enumerate() {
        let (lo, hi) = curve
            .points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(_, y)| {
                (lo.min(y), hi.max(y))
            });
        let pad = 0.08 * (hi - lo).max(1e-12);
        let mut chart = ChartBuilder::on(panel)
            .caption(curve.label.as_str(), ("sans-serif", 18))
            .margin(8)
            .x_label_area_size(28)
            .y_label_area_size(44)
            .build_cartesian_2d(TANH_X.0..TANH_X.1, (lo - pad)..(hi + pad))?;
        chart
            .configure_mesh()
            .x_labels(7)
            .y_labels(5)
            .label_style(("sans-serif", 13))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        let color = POLYNOMIAL_COLORS[i % POLYNOMIAL_COLORS.len()];
        chart.draw_series(LineSeries::new(
            curve.points.iter().copied(),
            color.stroke_width(2),
        ))?;
    }
    if let Some(last) = panels.get(curves.len()) {
        let style = ("sans-serif", 16).into_font().color(&BLACK);
        for (row, line) in [
            "Each point x: one jet",
            "x(t) = x + t, a Jet<f64, 7>;",
            "tanh(x(t)).derivatives()",
            "= [tanh⁽ᵏ⁾(x) for k = 0..6].",
        ]
        .iter()
        .enumerate()
        {
            last.draw(&Text::new(*line, (16, 40 + 26 * row as i32), style.clone()))?;
        }
    }
    root.present()?;
    Ok(())
}

/// Writes both figures into `dir` (created if missing) and returns them with the
/// curves drawn.
pub fn write_plots(dir: &Path) -> Result<Vec<Figure>, Box<dyn Error>> {
    std::fs::create_dir_all(dir)?;
    let taylor = Figure {
        path: dir.join("taylor_polynomials.svg"),
        curves: taylor_curves(561),
    };
    draw_taylor(&taylor.path, &taylor.curves)?;
    let tanh = Figure {
        path: dir.join("tanh_derivatives.svg"),
        curves: tanh_curves(241),
    };
    draw_tanh(&tanh.path, &tanh.curves)?;
    Ok(vec![taylor, tanh])
}

#[allow(dead_code)] // `tests/plots.rs` includes this file as a module and calls `write_plots`
fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new("target").join("jet-plots"));
    let figures = write_plots(&dir)?;

    let y = damped_jet(Jet::variable(CENTER));
    println!("f(x) = sin(x)·e^(−x/3) at x0 = {CENTER}, one Jet<f64, 11>:");
    for (k, dk) in y.derivatives().iter().enumerate() {
        println!("  f^({k:>2})(x0) = {dk:>+.12e}");
    }
    println!();
    for figure in &figures {
        let shown = figure.path.canonicalize().unwrap_or(figure.path.clone());
        let labels: Vec<&str> = figure.curves.iter().map(|c| c.label.as_str()).collect();
        println!("wrote {}", shown.display());
        println!("  curves: {}", labels.join(", "));
    }
    Ok(())
}

//! `examples/plots.rs`: the SVG files it writes exist, are well-formed XML, and every
//! plotted value matches closed forms (Taylor polynomials of `sin(x)·e^(−x/3)` from its
//! closed-form derivatives; derivatives of tanh as polynomials in tanh).

#[allow(dead_code)] // the example's `main` is not called here
#[path = "../examples/plots.rs"]
mod plots;

use plots::{Curve, Figure};
use std::path::PathBuf;

/// Runs the example's plotting function into a fresh temporary directory named `tag`.
fn write(tag: &str) -> (PathBuf, Vec<Figure>) {
    let dir = std::env::temp_dir().join(format!("jet-plots-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let figures = plots::write_plots(&dir).expect("writing the plots");
    (dir, figures)
}

fn figure<'a>(figures: &'a [Figure], file: &str) -> &'a Figure {
    figures
        .iter()
        .find(|f| f.path.file_name().is_some_and(|n| n == file))
        .unwrap_or_else(|| panic!("no figure {file}"))
}

fn curve<'a>(figure: &'a Figure, label_part: &str) -> &'a Curve {
    figure
        .curves
        .iter()
        .find(|c| c.label.contains(label_part))
        .unwrap_or_else(|| panic!("no curve labelled {label_part:?}"))
}

// ---- a minimal XML well-formedness check ----------------------------------------------

/// Checks that `xml` is well-formed: one root element, tags balanced and properly nested,
/// attributes quoted and unique per element, no raw `<` in text or attribute values, and
/// only the five predefined or numeric character references. Returns the root's name and
/// the number of elements.
fn check_well_formed(xml: &str) -> Result<(String, usize), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut root: Option<String> = None;
    let mut elements = 0;
    let mut rest = xml;
    let offset = |rest: &str| xml.len() - rest.len();

    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            check_text(rest, stack.is_empty()).map_err(|e| format!("{e} at {}", offset(rest)))?;
            break;
        };
        check_text(&rest[..open], stack.is_empty())
            .map_err(|e| format!("{e} at {}", offset(rest)))?;
        rest = &rest[open..];
        let at = offset(rest);
        if let Some(body) = rest.strip_prefix("<?") {
            let end = body.find("?>").ok_or(format!("unclosed <? at {at}"))?;
            rest = &body[end + 2..];
        } else if let Some(body) = rest.strip_prefix("<!--") {
            let end = body
                .find("-->")
                .ok_or(format!("unclosed comment at {at}"))?;
            rest = &body[end + 3..];
        } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
            if stack.is_empty() {
                return Err(format!("CDATA outside the root at {at}"));
            }
            let end = body.find("]]>").ok_or(format!("unclosed CDATA at {at}"))?;
            rest = &body[end + 3..];
        } else if let Some(body) = rest.strip_prefix("<!") {
            let end = body.find('>').ok_or(format!("unclosed <! at {at}"))?;
            rest = &body[end + 1..];
        } else if let Some(body) = rest.strip_prefix("</") {
            let (name, after) = split_name(body).ok_or(format!("bad end tag at {at}"))?;
            let after = after.trim_start();
            let after = after
                .strip_prefix('>')
                .ok_or(format!("end tag </{name} not closed at {at}"))?;
            match stack.pop() {
                Some(open) if open == name => {}
                Some(open) => return Err(format!("</{name}> closes <{open}> at {at}")),
                None => return Err(format!("</{name}> without an open tag at {at}")),
            }
            rest = after;
        } else {
            let body = &rest[1..];
            let (name, mut after) = split_name(body).ok_or(format!("bad start tag at {at}"))?;
            if stack.is_empty() {
                if root.is_some() {
                    return Err(format!("second root element <{name}> at {at}"));
                }
                root = Some(name.to_string());
            }
            elements += 1;
            let mut seen: Vec<&str> = Vec::new();
            loop {
                let trimmed = after.trim_start();
                if let Some(r) = trimmed.strip_prefix("/>") {
                    after = r;
                    break;
                }
                if let Some(r) = trimmed.strip_prefix('>') {
                    stack.push(name.to_string());
                    after = r;
                    break;
                }
                if trimmed.len() == after.len() {
                    return Err(format!("no space before an attribute of <{name}> at {at}"));
                }
                let (attr, r) =
                    split_name(trimmed).ok_or(format!("bad attribute in <{name}> at {at}"))?;
                if seen.contains(&attr) {
                    return Err(format!("duplicate attribute {attr} in <{name}> at {at}"));
                }
                seen.push(attr);
                let r = r
                    .trim_start()
                    .strip_prefix('=')
                    .ok_or(format!("attribute {attr} without a value at {at}"))?
                    .trim_start();
                let quote = r
                    .chars()
                    .next()
                    .filter(|q| *q == '"' || *q == '\'')
                    .ok_or(format!("unquoted attribute {attr} at {at}"))?;
                let value_end = r[1..]
                    .find(quote)
                    .ok_or(format!("unterminated attribute {attr} at {at}"))?;
                let value = &r[1..1 + value_end];
                if value.contains('<') {
                    return Err(format!("raw < in attribute {attr} at {at}"));
                }
                check_references(value).map_err(|e| format!("{e} in {attr} at {at}"))?;
                after = &r[1 + value_end + 1..];
            }
            rest = after;
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!("<{open}> never closed"));
    }
    let root = root.ok_or("no root element")?;
    Ok((root, elements))
}

/// An XML name at the start of `s`, and what follows it.
fn split_name(s: &str) -> Option<(&str, &str)> {
    let first = s.chars().next()?;
    if !(first.is_alphabetic() || first == '_' || first == ':') {
        return None;
    }
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.')))
        .map_or(s.len(), |(i, _)| i);
    Some((&s[..end], &s[end..]))
}

/// Character data: references are valid; outside the root only whitespace.
fn check_text(text: &str, outside_root: bool) -> Result<(), String> {
    if outside_root && !text.trim().is_empty() {
        return Err(format!("text outside the root element: {:?}", text.trim()));
    }
    check_references(text)
}

/// Every `&` starts `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#123;` or `&#x7B;`.
fn check_references(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        rest = &rest[amp + 1..];
        let semi = rest.find(';').ok_or("& without ;")?;
        let name = &rest[..semi];
        let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
            || name
                .strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || name
                .strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(format!("unknown reference &{name};"));
        }
        rest = &rest[semi + 1..];
    }
    Ok(())
}

#[test]
fn the_checker_rejects_malformed_xml() {
    assert!(check_well_formed("<svg><g></g></svg>").is_ok());
    assert!(check_well_formed("<?xml version=\"1.0\"?>\n<svg a='1' b=\"&lt;\"/>").is_ok());
    for bad in [
        "<svg><g></svg>",
        "<svg></g>",
        "<svg>",
        "<svg/><svg/>",
        "<svg a=1/>",
        "<svg a='1' a='2'/>",
        "<svg a='<'/>",
        "<svg>a & b</svg>",
        "<svg>&nbsp;</svg>",
        "text<svg/>",
        "<svg a='1'b='2'/>",
    ] {
        assert!(check_well_formed(bad).is_err(), "accepted {bad:?}");
    }
}

// ---- the files ---------------------------------------------------------------------------

#[test]
fn writes_two_well_formed_svg_files() {
    let (dir, figures) = write("files");
    assert_eq!(figures.len(), 2);
    for (file, curves) in [("taylor_polynomials.svg", 5), ("tanh_derivatives.svg", 7)] {
        let fig = figure(&figures, file);
        assert_eq!(fig.path, dir.join(file));
        assert_eq!(fig.curves.len(), curves, "{file}");
        let svg = std::fs::read_to_string(&fig.path).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(svg.len() > 10_000, "{file} is only {} bytes", svg.len());
        let (root, elements) = check_well_formed(&svg).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(root, "svg", "{file}");
        assert!(elements > 50, "{file}: only {elements} elements");
        // every curve is drawn as at least one polyline with many points
        let polylines = svg.matches("<polyline").count();
        assert!(polylines >= curves, "{file}: {polylines} polylines");
        assert!(svg.contains("Jet&lt;f64"), "{file}: title missing");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---- the plotted values ------------------------------------------------------------------

/// f^(k)(x) for f(x) = sin(x) e^(−x/3) = Im e^{zx}, z = −1/3 + i:
/// f^(k)(x) = |z|^k e^(−x/3) sin(x + k arg z).
fn damped_derivative(k: usize, x: f64) -> f64 {
    let (modulus, argument) = (10f64.sqrt() / 3.0, 1f64.atan2(-1.0 / 3.0));
    modulus.powi(k as i32) * (-x / 3.0).exp() * (x + k as f64 * argument).sin()
}

#[test]
fn taylor_polynomials_match_closed_form_derivatives() {
    let (dir, figures) = write("taylor");
    let fig = figure(&figures, "taylor_polynomials.svg");

    // the function itself
    for &(x, y) in &curve(fig, "f(x)").points {
        let want = damped_derivative(0, x);
        assert!((y - want).abs() <= 1e-15 * want.abs().max(1.0), "f({x})");
    }
    // each polynomial is Σ_{k ≤ d} f^(k)(x0)/k! (x − x0)^k with closed-form derivatives
    let x0 = plots::CENTER;
    let mut factorial = 1.0;
    let coefficients: Vec<f64> = (0..=10)
        .map(|k| {
            if k > 0 {
                factorial *= k as f64;
            }
            damped_derivative(k, x0) / factorial
        })
        .collect();
    for degree in plots::DEGREES {
        let c = curve(fig, &format!("degree {degree}"));
        assert_eq!(c.points.len(), curve(fig, "f(x)").points.len());
        for &(x, y) in &c.points {
            let h = x - x0;
            let want: f64 = (0..=degree)
                .map(|k| coefficients[k] * h.powi(k as i32))
                .sum();
            let scale = (0..=degree)
                .map(|k| (coefficients[k] * h.powi(k as i32)).abs())
                .sum::<f64>()
                .max(1.0);
            assert!(
                (y - want).abs() <= 1e-13 * scale,
                "degree {degree} at x = {x}: plotted {y}, closed form {want}"
            );
        }
    }
    // near the center the degree-10 polynomial is the function (remainder < 1e-7 for |h| ≤ 1)
    let mut checked = 0;
    for &(x, y) in &curve(fig, "degree 10").points {
        if (x - x0).abs() <= 1.0 {
            let f = damped_derivative(0, x);
            assert!((y - f).abs() < 1e-6, "degree 10 at x = {x}: {y} vs f = {f}");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} points near the center");
    // and the degree-1 polynomial is the tangent line
    let tangent = curve(fig, "degree 1");
    for &(x, y) in &tangent.points {
        let want = damped_derivative(0, x0) + damped_derivative(1, x0) * (x - x0);
        assert!((y - want).abs() < 1e-14, "tangent at {x}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Coefficients (in s = tanh x) of the polynomial P_k with tanh^(k)(x) = P_k(tanh x):
/// P_0 = s, P_{k+1} = P_k′(s) (1 − s²).
fn tanh_derivative_polynomial(k: usize) -> Vec<f64> {
    let mut p = vec![0.0, 1.0];
    for _ in 0..k {
        let dp: Vec<f64> = (1..p.len()).map(|i| i as f64 * p[i]).collect();
        let mut next = vec![0.0; dp.len() + 2];
        for (i, c) in dp.iter().enumerate() {
            next[i] += c;
            next[i + 2] -= c;
        }
        p = next;
    }
    p
}

fn eval_polynomial(p: &[f64], s: f64) -> f64 {
    p.iter().rev().fold(0.0, |acc, &c| acc * s + c)
}

#[test]
fn tanh_derivatives_match_closed_forms() {
    let (dir, figures) = write("tanh");
    let fig = figure(&figures, "tanh_derivatives.svg");
    assert_eq!(fig.curves.len(), plots::TANH_DERIVATIVES + 1);
    // spelled out: tanh' = 1 − tanh², tanh'' = −2 tanh (1 − tanh²)
    assert_eq!(tanh_derivative_polynomial(1), [1.0, 0.0, -1.0]);
    assert_eq!(tanh_derivative_polynomial(2), [0.0, -2.0, 0.0, 2.0]);
    for (k, c) in fig.curves.iter().enumerate() {
        let p = tanh_derivative_polynomial(k);
        assert!(c.points.len() > 100);
        assert_eq!(c.points.first().unwrap().0, plots::TANH_X.0);
        assert_eq!(c.points.last().unwrap().0, plots::TANH_X.1);
        for &(x, y) in &c.points {
            let s = x.tanh();
            let want = eval_polynomial(&p, s);
            assert!(
                (y - want).abs() <= 1e-12 * want.abs().max(1.0),
                "tanh^({k})({x}): plotted {y}, closed form {want}"
            );
            if k == 1 {
                assert!((y - (1.0 - s * s)).abs() < 1e-15);
            }
            if k == 2 {
                assert!((y + 2.0 * s * (1.0 - s * s)).abs() < 1e-15);
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

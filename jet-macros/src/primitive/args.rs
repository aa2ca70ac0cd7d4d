//! The options of `#[jet::primitive(...)]`: how the Taylor rule is given, and `crate`.
//!
//! ```text
//! derivative = <fn path> | <closure>          one-argument primitives
//! partials(x = <fn path> | <closure>, ...)    one entry per parameter
//! rule = <fn path> | <closure>                incremental rule, runtime signature
//! pair_rule = <fn path> | <closure>           incremental rule with an auxiliary series
//! crate = "<path>"                            crate re-exporting `jet`
//! ```
//!
//! Options are parsed one after another: a syntax error stops the parse (what follows
//! it cannot be read reliably, a closure's parameters contain commas), but unknown and
//! duplicate options are reported and the parse goes on.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Expr, Ident, Pat, Token};

use crate::ctxt::Ctxt;

/// `derivative`.
pub(crate) const DERIVATIVE: &str = "derivative";
/// `partials(..)`.
pub(crate) const PARTIALS: &str = "partials";
/// `rule`.
pub(crate) const RULE: &str = "rule";
/// `pair_rule`.
pub(crate) const PAIR_RULE: &str = "pair_rule";
/// `crate`.
pub(crate) const CRATE: &str = "crate";

const OPTIONS: &[&str] = &[DERIVATIVE, PARTIALS, RULE, PAIR_RULE, CRATE];

/// The forms of the options, as the error messages list them.
const FORMS: &str = "`derivative = <fn or closure>`, `partials(<parameter> = <fn or closure>, ...)`, `rule = <fn>`, `pair_rule = <fn>` and `crate = \"<path>\"`";

/// A derivative (or partial derivative) as the user wrote it.
pub(crate) enum Derivative {
    /// `derivative = f`: a `#[jet]` function of the primitive's arguments (its generic
    /// companion `f_jet` is called).
    Function(syn::Path),
    /// `derivative = |x, y| ...`: a closure of the arguments and, optionally, the result.
    Closure(Box<syn::ExprClosure>),
}

/// One entry of `partials(..)`.
pub(crate) struct Partial {
    pub(crate) param: Ident,
    pub(crate) derivative: Derivative,
}

/// How the Taylor rule is given.
pub(crate) enum RuleSpec {
    /// `derivative = ...`.
    Derivative(Derivative),
    /// `partials(x = ..., y = ...)`.
    Partials(Vec<Partial>),
    /// `rule = ...`: an incremental rule `fn(a, [b, [c,]] c, k) -> T`.
    Rule(Expr),
    /// `pair_rule = ...`: `fn(a, c, d, k) -> (T, T)` with an auxiliary series `d`.
    PairRule(Expr),
}

/// The parsed options.
#[derive(Default)]
pub(crate) struct Args {
    /// The rule and the option's name token (for spans).
    pub(crate) rule: Option<(Ident, RuleSpec)>,
    /// `crate = "..."`.
    pub(crate) krate: Option<syn::Path>,
}

/// Parses the attribute's arguments; every problem is recorded in `cx`.
pub(crate) fn parse(cx: &Ctxt, args: TokenStream) -> Args {
    let mut out = Args::default();
    let parser = |input: ParseStream| {
        parse_all(cx, input, &mut out);
        Ok(())
    };
    // `parse_all` records its own errors; the parser itself never fails.
    let _ = parser.parse2(args);
    out
}

fn parse_all(cx: &Ctxt, input: ParseStream, out: &mut Args) {
    let mut seen: Vec<String> = Vec::new();
    while !input.is_empty() {
        match parse_one(cx, input, out, &mut seen) {
            Ok(()) => {}
            Err(e) => {
                cx.syn_error(e);
                return;
            }
        }
        if input.is_empty() {
            return;
        }
        if let Err(e) = input.parse::<Token![,]>() {
            cx.syn_error(syn::Error::new(
                e.span(),
                "expected `,` between `#[jet::primitive]` options",
            ));
            return;
        }
    }
}

fn parse_one(
    cx: &Ctxt,
    input: ParseStream,
    out: &mut Args,
    seen: &mut Vec<String>,
) -> syn::Result<()> {
    let key = match Ident::parse_any(input) {
        Ok(k) => k,
        Err(_) => {
            return Err(input.error(format!(
                "expected a `#[jet::primitive]` option; the options are {FORMS}"
            )))
        }
    };
    let name = key.to_string();
    let duplicate = seen.contains(&name);
    if duplicate {
        let why = if matches!(name.as_str(), DERIVATIVE | PARTIALS | RULE | PAIR_RULE) {
            "the Taylor rule is declared twice; keep one"
        } else {
            "give each option once"
        };
        cx.error_at(key.span(), format!("duplicate `{name}` option: {why}"));
    } else if OPTIONS.contains(&name.as_str()) {
        seen.push(name.clone());
    }
    let spec = match name.as_str() {
        DERIVATIVE => {
            let e = value_after_eq(input, &key, "derivative = <fn or closure>")?;
            derivative(cx, e).map(RuleSpec::Derivative)
        }
        PARTIALS => Some(RuleSpec::Partials(partials(cx, input, &key)?)),
        RULE => Some(RuleSpec::Rule(rule_value(
            cx,
            value_after_eq(input, &key, "rule = <fn>")?,
            RULE,
        ))),
        PAIR_RULE => Some(RuleSpec::PairRule(rule_value(
            cx,
            value_after_eq(input, &key, "pair_rule = <fn>")?,
            PAIR_RULE,
        ))),
        CRATE => {
            let e = value_after_eq(input, &key, "crate = \"<path>\"")?;
            match &e {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => match s.parse_with(syn::Path::parse_mod_style) {
                    Ok(p) => out.krate = Some(p),
                    Err(_) => cx.error_spanned_by(
                        s,
                        format!(
                            "`crate = {}` is not a path; write the path of the crate that re-exports `jet`, e.g. `crate = \"my_crate::jet\"`",
                            s.token()
                        ),
                    ),
                },
                other => cx.error_spanned_by(
                    other,
                    format!(
                        "expected `crate = \"<path>\"`, found `crate = {}`; write the path as a string, e.g. `crate = \"my_crate::jet\"`",
                        render(other)
                    ),
                ),
            }
            None
        }
        _ => {
            let hint = closest(&name)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            cx.error_at(
                key.span(),
                format!(
                    "unknown `#[jet::primitive]` option `{name}`{hint}; the options are {FORMS}"
                ),
            );
            skip_value(input)?;
            None
        }
    };
    match (spec, &out.rule) {
        (Some(_), Some(_)) if duplicate => {}
        (Some(_), Some((first, _))) => cx.error_at(
            key.span(),
            format!(
                "`{first}` already declares the Taylor rule, so `{name}` would declare it twice; keep one of them"
            ),
        ),
        (Some(spec), None) => out.rule = Some((key, spec)),
        (None, _) => {}
    }
    Ok(())
}

/// `= <expr>` after an option name.
fn value_after_eq(input: ParseStream, key: &Ident, form: &str) -> syn::Result<Expr> {
    if !input.peek(Token![=]) {
        let span = if input.is_empty() {
            key.span()
        } else {
            input.span()
        };
        return Err(syn::Error::new(
            span,
            format!("expected `{form}` after `{key}`"),
        ));
    }
    input.parse::<Token![=]>()?;
    input
        .parse::<Expr>()
        .map_err(|e| syn::Error::new(e.span(), format!("expected `{form}`: {e}")))
}

/// Skips the value of an unknown option: `= <expr>` or `(...)`.
fn skip_value(input: ParseStream) -> syn::Result<()> {
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        input.parse::<Expr>()?;
    } else if input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in input);
    }
    Ok(())
}

/// A derivative: a function path or a closure; anything else is explained.
fn derivative(cx: &Ctxt, e: Expr) -> Option<Derivative> {
    match e {
        Expr::Closure(c) => {
            let mut ok = true;
            if let Some(m) = &c.capture {
                cx.error_spanned_by(m, "a derivative closure captures nothing; remove `move`");
                ok = false;
            }
            if c.asyncness.is_some() || c.constness.is_some() || c.movability.is_some() {
                cx.error_spanned_by(
                    &c,
                    "a derivative closure is a plain `|x| ...` closure; remove `async`, `const` or `static`",
                );
                ok = false;
            }
            if let syn::ReturnType::Type(..) = c.output {
                // The return type is the float type; accepted and ignored.
            }
            for p in &c.inputs {
                if closure_param(p).is_none() {
                    cx.error_spanned_by(
                        p,
                        format!(
                            "expected a parameter name, e.g. `x` or `x: f64`, found `{}`; name each argument of the primitive, then optionally its result",
                            render(p)
                        ),
                    );
                    ok = false;
                }
            }
            ok.then_some(Derivative::Closure(c.into()))
        }
        Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => {
            if let Some(seg) = p.path.segments.iter().find(|s| !s.arguments.is_empty()) {
                cx.error_spanned_by(
                    &seg.arguments,
                    format!(
                        "write the derivative function without generic arguments, `{}`: they are inferred from the primitive's",
                        render(&seg.ident)
                    ),
                );
                return None;
            }
            Some(Derivative::Function(p.path))
        }
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => {
            cx.error_spanned_by(
                &s,
                format!(
                    "write the derivative as a closure of the arguments and the result, not as a string: `|x, y| {}`",
                    s.value()
                ),
            );
            None
        }
        other => {
            cx.error_spanned_by(
                &other,
                format!(
                    "expected the name of a `#[jet]` function or a closure, found `{}`; write an expression as a closure of the arguments (and optionally the result), e.g. `|x, y| {}`",
                    render(&other),
                    render(&other)
                ),
            );
            None
        }
    }
}

/// The name (and type, if written) of a closure parameter: `x`, `x: f64`, `_`.
pub(crate) fn closure_param(p: &Pat) -> Option<(Option<Ident>, Option<&syn::Type>)> {
    match p {
        Pat::Ident(pi) if pi.subpat.is_none() && pi.by_ref.is_none() => {
            Some((Some(pi.ident.clone()), None))
        }
        Pat::Wild(_) => Some((None, None)),
        Pat::Type(pt) => {
            let (name, _) = closure_param(&pt.pat)?;
            Some((name, Some(&pt.ty)))
        }
        _ => None,
    }
}

/// `partials(x = ..., y = ...)`.
fn partials(cx: &Ctxt, input: ParseStream, key: &Ident) -> syn::Result<Vec<Partial>> {
    if !input.peek(syn::token::Paren) {
        return Err(syn::Error::new(
            key.span(),
            "expected `partials(<parameter> = <fn or closure>, ...)`, one entry per parameter, e.g. `partials(x = dfdx, y = |x, y| x)`",
        ));
    }
    let content;
    syn::parenthesized!(content in input);
    let mut out: Vec<Partial> = Vec::new();
    while !content.is_empty() {
        let param: Ident = content.call(Ident::parse_any).map_err(|_| {
            content.error("expected `<parameter> = <fn or closure>` in `partials(..)`")
        })?;
        if !content.peek(Token![=]) {
            return Err(syn::Error::new(
                param.span(),
                format!("expected `{param} = <fn or closure>` in `partials(..)`"),
            ));
        }
        content.parse::<Token![=]>()?;
        let e: Expr = content.parse()?;
        if out.iter().any(|p| p.param == param) {
            cx.error_at(
                param.span(),
                format!("the partial derivative for `{param}` is given twice; keep one"),
            );
        } else if let Some(d) = derivative(cx, e) {
            out.push(Partial {
                param,
                derivative: d,
            });
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(out)
}

/// A rule: any expression (a path, a closure); a string is explained.
fn rule_value(cx: &Ctxt, e: Expr, key: &str) -> Expr {
    if let Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(s),
        ..
    }) = &e
    {
        cx.error_spanned_by(
            s,
            format!("`{key}` takes the rule function itself, not a string: `{key} = my_rule`"),
        );
    }
    e
}

pub(crate) fn render(t: &impl ToTokens) -> String {
    t.to_token_stream()
        .to_string()
        .replace(" ,", ",")
        .replace("& ", "&")
        .replace(" :", ":")
}

/// The option closest to a misspelled one (edit distance ≤ 2).
fn closest(name: &str) -> Option<&'static str> {
    OPTIONS
        .iter()
        .map(|o| (edit_distance(name, o), *o))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

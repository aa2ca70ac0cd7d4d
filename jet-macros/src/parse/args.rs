//! `#[jet(order = K, wrt(a, b), name = "...", crate = "...")]`.
//!
//! Each comma-separated option is parsed on its own, so one bad option does not hide the
//! errors of the others.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Ident, LitInt, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::symbol::{CRATE, NAME, OPTIONS, ORDER, STRUCTS, WRT};

/// The parsed options. Missing options are `None`.
#[derive(Default)]
pub(crate) struct Args {
    /// `order = K` (K ≥ 1) with the span of the literal.
    pub(crate) order: Option<(usize, Span)>,
    /// `wrt(a, b)`.
    pub(crate) wrt: Option<Vec<Ident>>,
    /// `name = "..."`.
    pub(crate) name: Option<Ident>,
    /// `crate = "..."`.
    pub(crate) krate: Option<syn::Path>,
    /// `structs(Particle, ..)`: structs of floats with a `#[jet::jet_struct]` twin.
    pub(crate) structs: Option<Vec<Ident>>,
}

enum Opt {
    Order(usize, Span),
    Wrt(Vec<Ident>),
    Name(Ident),
    Crate(syn::Path),
    Structs(Vec<Ident>),
}

/// Parses the attribute's arguments; every problem is recorded in `cx`.
pub(crate) fn parse(cx: &Ctxt, args: TokenStream) -> Args {
    let mut out = Args::default();
    let mut seen: Vec<String> = Vec::new();
    for chunk in split_commas(args) {
        let parsed = (|input: ParseStream| parse_option(input, &chunk)).parse2(chunk.clone());
        match parsed {
            Err(err) => cx.syn_error(err),
            Ok((key_ident, opt)) => {
                let name = key_ident.to_string();
                if seen.contains(&name) {
                    cx.error_at(
                        key_ident.span(),
                        format!("duplicate `{name}` option; give each option once"),
                    );
                    continue;
                }
                seen.push(name);
                match opt {
                    Opt::Order(k, span) => out.order = Some((k, span)),
                    Opt::Wrt(w) => out.wrt = Some(w),
                    Opt::Name(n) => out.name = Some(n),
                    Opt::Crate(p) => out.krate = Some(p),
                    Opt::Structs(v) => out.structs = Some(v),
                }
            }
        }
    }
    out
}

/// Splits at top-level commas (a group's inner commas stay inside its token tree).
fn split_commas(ts: TokenStream) -> Vec<TokenStream> {
    let mut chunks = Vec::new();
    let mut cur = Vec::new();
    for tt in ts {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => {
                chunks.push(cur.drain(..).collect::<TokenStream>());
            }
            _ => cur.push(tt),
        }
    }
    if !cur.is_empty() {
        chunks.push(cur.into_iter().collect());
    }
    chunks
}

fn render(ts: &TokenStream) -> String {
    ts.to_string()
}

fn parse_option(input: ParseStream, chunk: &TokenStream) -> syn::Result<(Ident, Opt)> {
    if input.is_empty() {
        return Err(input.error("empty `#[jet]` option; remove the extra comma"));
    }
    let key = match Ident::parse_any(input) {
        Ok(k) => k,
        Err(_) => {
            return Err(syn::Error::new_spanned(
                chunk,
                format!(
                    "expected a `#[jet]` option, found `{}`; the options are `order = <integer>`, `wrt(<parameter>, ...)`, `name = \"<identifier>\"`, `crate = \"<path>\"` and `structs(<type>, ...)`",
                    render(chunk)
                ),
            ))
        }
    };
    let name = key.to_string();
    let opt = match name.as_str() {
        ORDER => {
            let lit = value_after_eq::<LitInt>(input, &key, chunk, "order = <integer>")?;
            let k = lit.base10_parse::<usize>().map_err(|_| {
                syn::Error::new(
                    lit.span(),
                    format!("`order = {lit}` is too large; the order is the number of derivatives, e.g. `order = 4`"),
                )
            })?;
            if k == 0 {
                return Err(syn::Error::new(
                    lit.span(),
                    "`order = 0` carries no derivative; use `order = 1` or higher, or omit `order` for a companion generic over the jet type",
                ));
            }
            if k.checked_add(1).is_none() {
                return Err(syn::Error::new(lit.span(), "`order` is too large"));
            }
            Opt::Order(k, lit.span())
        }
        WRT => {
            if !input.peek(syn::token::Paren) {
                return Err(syn::Error::new_spanned(
                    chunk,
                    format!(
                        "expected `wrt(<parameter>, ...)`, found `{}`; list the float parameters that carry jets in parentheses, e.g. `wrt(x, y)`",
                        render(chunk)
                    ),
                ));
            }
            let content;
            let paren = syn::parenthesized!(content in input);
            let names = Punctuated::<Ident, Token![,]>::parse_terminated(&content).map_err(|_| {
                syn::Error::new_spanned(
                    chunk,
                    format!(
                        "expected `wrt(<parameter>, ...)`, found `{}`; name parameters by their identifiers, e.g. `wrt(x, y)`",
                        render(chunk)
                    ),
                )
            })?;
            if names.is_empty() {
                return Err(syn::Error::new(
                    paren.span.join(),
                    "`wrt()` names no parameter; list the float parameters that carry jets, e.g. `wrt(x)`, or remove `wrt` to differentiate all of them",
                ));
            }
            expect_end(input, chunk)?;
            Opt::Wrt(names.into_iter().collect())
        }
        STRUCTS => {
            let content;
            if !input.peek(syn::token::Paren) {
                return Err(syn::Error::new_spanned(
                    chunk,
                    format!(
                        "expected `structs(<type>, ...)`, found `{}`; list the structs of floats marked `#[jet::jet_struct]`, e.g. `structs(Particle)`",
                        render(chunk)
                    ),
                ));
            }
            syn::parenthesized!(content in input);
            let names = Punctuated::<Ident, Token![,]>::parse_terminated(&content).map_err(|_| {
                syn::Error::new_spanned(
                    chunk,
                    format!(
                        "expected `structs(<type>, ...)`, found `{}`; name each struct by its identifier, e.g. `structs(Particle)`",
                        render(chunk)
                    ),
                )
            })?;
            expect_end(input, chunk)?;
            Opt::Structs(names.into_iter().collect())
        }
        NAME => {
            let lit = value_after_eq::<LitStr>(input, &key, chunk, "name = \"<identifier>\"")?;
            let ident = syn::parse_str::<Ident>(&lit.value()).map_err(|_| {
                syn::Error::new(
                    lit.span(),
                    format!(
                        "`name = {}` is not an identifier; write the companion's name, e.g. `name = \"f_taylor\"`",
                        lit.token()
                    ),
                )
            })?;
            Opt::Name(Ident::new(&ident.to_string(), lit.span()))
        }
        CRATE => {
            let lit = value_after_eq::<LitStr>(input, &key, chunk, "crate = \"<path>\"")?;
            let path = lit.parse_with(syn::Path::parse_mod_style).map_err(|_| {
                syn::Error::new(
                    lit.span(),
                    format!(
                        "`crate = {}` is not a path; write the path of the crate that re-exports `jet`, e.g. `crate = \"my_crate::jet\"`",
                        lit.token()
                    ),
                )
            })?;
            Opt::Crate(path)
        }
        _ => {
            let hint = closest(&name)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            return Err(syn::Error::new(
                key.span(),
                format!(
                    "unknown `#[jet]` option `{name}`{hint}; the options are `order = <integer>`, `wrt(<parameter>, ...)`, `name = \"<identifier>\"`, `crate = \"<path>\"` and `structs(<type>, ...)`"
                ),
            ));
        }
    };
    Ok((key, opt))
}

/// Parses `= <lit>` and nothing after it; errors show the expected form.
fn value_after_eq<L: syn::parse::Parse>(
    input: ParseStream,
    key: &Ident,
    chunk: &TokenStream,
    form: &str,
) -> syn::Result<L> {
    let found = render(chunk);
    let err = |span: Span| syn::Error::new(span, format!("expected `{form}`, found `{found}`"));
    if input.is_empty() {
        return Err(err(key.span()));
    }
    if input.parse::<Token![=]>().is_err() {
        return Err(syn::Error::new_spanned(
            chunk,
            format!("expected `{form}`, found `{found}`"),
        ));
    }
    let lit = input.parse::<L>().map_err(|_| {
        syn::Error::new_spanned(chunk, format!("expected `{form}`, found `{found}`"))
    })?;
    expect_end(input, chunk)?;
    Ok(lit)
}

fn expect_end(input: ParseStream, chunk: &TokenStream) -> syn::Result<()> {
    if input.is_empty() {
        Ok(())
    } else {
        let rest: TokenStream = input.parse()?;
        Err(syn::Error::new_spanned(
            rest,
            format!(
                "unexpected tokens in `#[jet]` option `{}`; separate options with commas",
                render(chunk)
            ),
        ))
    }
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

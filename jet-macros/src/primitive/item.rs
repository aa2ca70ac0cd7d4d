//! The annotated item: a free function whose parameters are all floats of one type and
//! whose result is that float.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{FnArg, GenericParam, Ident, ItemFn, Pat, ReturnType, Type, TypeParamBound};

use crate::ctxt::Ctxt;
use crate::primitive::args::render;

/// Float type names: `f32`, `f64`, and generic parameters bounded by one of these traits.
const FLOAT_PRIMITIVES: &[&str] = &["f32", "f64"];
const FLOAT_TRAITS: &[&str] = &["Float", "Real", "FloatCore"];

/// The checked signature.
pub(crate) struct Sig<'a> {
    pub(crate) original: &'a ItemFn,
    /// The parameter names, in order.
    pub(crate) params: Vec<Ident>,
    /// The float type (`f64`, `T`).
    pub(crate) scalar: Type,
}

/// Parses the item; anything but a function is an error that names what it is.
pub(crate) fn parse_item(item: TokenStream) -> syn::Result<ItemFn> {
    match syn::parse2::<ItemFn>(item.clone()) {
        Ok(f) => Ok(f),
        Err(fn_err) => {
            if let Ok(it) = syn::parse2::<syn::Item>(item.clone()) {
                if let Some(what) = item_kind(&it) {
                    return Err(syn::Error::new_spanned(
                        head(&it),
                        format!(
                            "`#[jet::primitive]` applies to functions, not to {what}; put it on a `fn` of floats, e.g. `fn lambert_w(x: f64) -> f64`"
                        ),
                    ));
                }
            }
            if let Ok(f) = syn::parse2::<syn::TraitItemFn>(item) {
                if f.default.is_none() {
                    return Err(syn::Error::new_spanned(
                        &f.sig,
                        "`#[jet::primitive]` needs a function with a body: its primal value is the function's result",
                    ));
                }
            }
            Err(fn_err)
        }
    }
}

fn item_kind(item: &syn::Item) -> Option<&'static str> {
    Some(match item {
        syn::Item::Struct(_) => "a struct",
        syn::Item::Enum(_) => "an enum",
        syn::Item::Union(_) => "a union",
        syn::Item::Const(_) => "a const",
        syn::Item::Static(_) => "a static",
        syn::Item::Impl(_) => "an impl block",
        syn::Item::Trait(_) => "a trait",
        syn::Item::Mod(_) => "a module",
        syn::Item::Type(_) => "a type alias",
        syn::Item::Use(_) => "a `use` item",
        syn::Item::Macro(_) => "a macro invocation",
        syn::Item::ExternCrate(_) => "an `extern crate` item",
        syn::Item::ForeignMod(_) => "an `extern` block",
        _ => return None,
    })
}

/// The item's keyword and name, so the error does not cover a whole struct body.
fn head(item: &syn::Item) -> TokenStream {
    let pair = |a: &dyn ToTokens, b: &dyn ToTokens| {
        let mut ts = a.to_token_stream();
        ts.extend(b.to_token_stream());
        ts
    };
    match item {
        syn::Item::Struct(s) => pair(&s.struct_token, &s.ident),
        syn::Item::Enum(e) => pair(&e.enum_token, &e.ident),
        syn::Item::Union(u) => pair(&u.union_token, &u.ident),
        syn::Item::Const(c) => pair(&c.const_token, &c.ident),
        syn::Item::Static(s) => pair(&s.static_token, &s.ident),
        syn::Item::Impl(i) => pair(&i.impl_token, &i.self_ty),
        syn::Item::Trait(t) => pair(&t.trait_token, &t.ident),
        syn::Item::Mod(m) => pair(&m.mod_token, &m.ident),
        syn::Item::Type(t) => pair(&t.type_token, &t.ident),
        other => other.to_token_stream(),
    }
}

/// The name of a single-segment path type without arguments (`f64`, `T`).
pub(crate) fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Paren(p) => type_name(&p.elem),
        Type::Group(g) => type_name(&g.elem),
        Type::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            let seg = p.path.segments.first()?;
            seg.arguments.is_empty().then(|| seg.ident.to_string())
        }
        _ => None,
    }
}

fn bound_is_float(b: &TypeParamBound) -> bool {
    match b {
        TypeParamBound::Trait(t) => t
            .path
            .segments
            .last()
            .is_some_and(|s| FLOAT_TRAITS.iter().any(|f| s.ident == f)),
        _ => false,
    }
}

/// `f32`, `f64` and the generic parameters bounded by `Float` (inline or in `where`).
pub(crate) fn float_names(f: &ItemFn) -> Vec<String> {
    let mut names: Vec<String> = FLOAT_PRIMITIVES.iter().map(|s| s.to_string()).collect();
    for p in &f.sig.generics.params {
        if let GenericParam::Type(tp) = p {
            if tp.bounds.iter().any(bound_is_float) {
                names.push(tp.ident.to_string());
            }
        }
    }
    if let Some(w) = &f.sig.generics.where_clause {
        for pred in &w.predicates {
            if let syn::WherePredicate::Type(pt) = pred {
                if let Some(n) = type_name(&pt.bounded_ty) {
                    if pt.bounds.iter().any(bound_is_float) && !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
        }
    }
    names
}

/// Checks the signature; `None` when no companion signature can be built.
pub(crate) fn check<'a>(cx: &Ctxt, f: &'a ItemFn) -> Option<Sig<'a>> {
    let sig = &f.sig;
    let fname = &sig.ident;
    let floats = float_names(f);
    if let Some(a) = &sig.asyncness {
        cx.error_spanned_by(
            a,
            format!("a `#[jet::primitive]` cannot be `async`; make `{fname}` a plain `fn`"),
        );
    }
    if let Some(v) = &sig.variadic {
        cx.error_spanned_by(
            v,
            "a `#[jet::primitive]` cannot be variadic; give every parameter a name and a float type",
        );
    }
    let mut params = Vec::new();
    let mut scalar: Option<Type> = None;
    let mut ok = true;
    for arg in &sig.inputs {
        let pt = match arg {
            FnArg::Receiver(r) => {
                cx.error_spanned_by(
                    r,
                    format!("a `#[jet::primitive]` is a free function of floats, not a method; move `{fname}` out of the `impl` and pass what `self` provides as a float argument or a constant"),
                );
                ok = false;
                continue;
            }
            FnArg::Typed(pt) => pt,
        };
        let name = match &*pt.pat {
            Pat::Ident(pi) if pi.subpat.is_none() && pi.by_ref.is_none() => Some(pi.ident.clone()),
            _ => {
                cx.error_spanned_by(
                    &pt.pat,
                    format!(
                        "expected a parameter name, found the pattern `{}`; name the parameter, e.g. `x: f64`, and destructure it in the body",
                        render(&pt.pat)
                    ),
                );
                ok = false;
                None
            }
        };
        let tname = type_name(&pt.ty);
        if !tname.as_ref().is_some_and(|n| floats.contains(n)) {
            let shown = name
                .as_ref()
                .map(|n| n.to_string())
                .unwrap_or_else(|| render(&pt.pat));
            cx.error_spanned_by(
                &pt.ty,
                format!(
                    "parameter `{shown}` has type `{}`, but every parameter of a `#[jet::primitive]` is a float that carries a jet (`f32`, `f64` or `T: Float`); fix `{shown}` inside a wrapper of the floats alone, e.g. `fn {fname}_3(x: f64) -> f64 {{ {fname}(3, x) }}`, and put `#[jet::primitive]` on that",
                    render(&pt.ty)
                ),
            );
            ok = false;
        } else if let Some(first) = &scalar {
            if type_name(first) != tname {
                cx.error_spanned_by(
                    &pt.ty,
                    format!(
                        "`{}` differs from `{}`, the float type of the first parameter; the parameters of a `#[jet::primitive]` share one float type",
                        render(&pt.ty),
                        render(first)
                    ),
                );
                ok = false;
            }
        } else {
            scalar = Some((*pt.ty).clone());
        }
        if let Some(n) = name {
            params.push(n);
        }
    }
    if sig.inputs.is_empty() {
        cx.error_spanned_by(
            fname,
            format!("`{fname}` has no parameter; a `#[jet::primitive]` needs at least one float parameter, e.g. `fn {fname}(x: f64) -> f64`"),
        );
        return None;
    }
    match (&sig.output, &scalar) {
        (ReturnType::Default, _) => {
            cx.error_spanned_by(
                fname,
                format!(
                    "`{fname}` returns nothing; a `#[jet::primitive]` returns the float type of its parameters, e.g. `-> {}`",
                    scalar.as_ref().map(render).unwrap_or_else(|| "f64".into())
                ),
            );
            ok = false;
        }
        (ReturnType::Type(_, ty), Some(s)) if type_name(ty) != type_name(s) => {
            cx.error_spanned_by(
                ty,
                format!(
                    "a `#[jet::primitive]` returns the float type of its parameters, `{}`, found `{}`; return one float (declare one primitive per result otherwise)",
                    render(s),
                    render(ty)
                ),
            );
            ok = false;
        }
        _ => {}
    }
    let scalar = scalar?;
    ok.then_some(Sig {
        original: f,
        params,
        scalar,
    })
}

/// A generic parameter name not used by the function (`J`, else `J0`, `J1`, ...).
pub(crate) fn fresh_jet_param(f: &ItemFn) -> Ident {
    let taken: Vec<String> = f
        .sig
        .generics
        .params
        .iter()
        .filter_map(|p| match p {
            GenericParam::Type(t) => Some(t.ident.to_string()),
            GenericParam::Const(c) => Some(c.ident.to_string()),
            GenericParam::Lifetime(_) => None,
        })
        .collect();
    let mut name = "J".to_string();
    let mut i = 0usize;
    while taken.contains(&name) {
        name = format!("J{i}");
        i += 1;
    }
    Ident::new(&name, proc_macro2::Span::call_site())
}

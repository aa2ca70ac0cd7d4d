//! The annotated item: a function (free or in an `impl`), its parameters classified as
//! active (carry jets), inactive floats, or other, and the shape of its result.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::{
    FnArg, GenericParam, Ident, ItemFn, Pat, PatType, ReturnType, Type, TypeParamBound,
    WherePredicate,
};

use crate::ctxt::Ctxt;
use crate::lower::ir::Kind;
use crate::parse::args::Args;
use crate::symbol::{
    is_nalgebra_type, COMPANION_SUFFIX, FLOAT_PRIMITIVES, FLOAT_TRAITS, STRUCT_MARK,
    STRUCT_TWIN_SUFFIX,
};

/// What a parameter becomes in the companion.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Role {
    /// A float that carries a jet.
    Active,
    /// A float excluded by `wrt(..)`: a plain constant.
    InactiveFloat,
    /// Anything else, passed through unchanged.
    Other,
}

/// One typed parameter.
pub(crate) struct ParamInfo<'a> {
    pub(crate) original: &'a PatType,
    /// The binding, when the pattern is a plain name.
    pub(crate) ident: Option<&'a Ident>,
    pub(crate) role: Role,
}

/// The shape of the result: the kind the companion's result has, with jets at the float
/// leaves (`Active`, `Array(Active)`, `Tuple([Active, Other])`, ...).
pub(crate) type RetShape = Kind;

/// The classified signature, kept beside the original item for spans.
pub(crate) struct FnInfo<'a> {
    pub(crate) original: &'a ItemFn,
    /// Type names that are floats here: `f32`, `f64` and the generic float parameters.
    pub(crate) float_names: Vec<String>,
    /// The float type of the active parameters (`f64`, `T`, ...).
    pub(crate) scalar: Type,
    pub(crate) params: Vec<ParamInfo<'a>>,
    pub(crate) ret: RetShape,
    pub(crate) companion: Ident,
    /// The function names nalgebra matrix types: the generic companion's jet parameter
    /// must be a nalgebra `Scalar`.
    pub(crate) nalgebra: bool,
    /// The float type is a generic parameter of the function without a `Float` bound
    /// (`T: RealField`): the companion adds `T: Float`, which jets need.
    pub(crate) needs_float_bound: bool,
}

/// Parses the item; anything but a function with a body is an error that names it.
pub(crate) fn parse_item(item: TokenStream) -> syn::Result<ItemFn> {
    match syn::parse2::<ItemFn>(item.clone()) {
        Ok(f) => Ok(f),
        Err(fn_err) => {
            if let Ok(item) = syn::parse2::<syn::Item>(item.clone()) {
                if let Some(what) = item_kind(&item) {
                    return Err(syn::Error::new_spanned(
                        item_head(&item),
                        format!("`#[jet]` applies to functions, not to {what}; put it on a `fn` that computes with floats"),
                    ));
                }
            }
            if let Ok(f) = syn::parse2::<syn::TraitItemFn>(item) {
                if f.default.is_none() {
                    return Err(syn::Error::new_spanned(
                        &f.sig,
                        "`#[jet]` needs the function's body to compile its companion; put it on a `fn` with a body (an impl method or a default trait method)",
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
        syn::Item::Impl(_) => "an impl block here",
        syn::Item::Trait(_) => "a trait",
        syn::Item::Mod(_) => "a module",
        syn::Item::Type(_) => "a type alias",
        syn::Item::Use(_) => "a `use` item",
        syn::Item::Macro(_) => "a macro invocation",
        syn::Item::ExternCrate(_) => "an `extern crate` item",
        syn::Item::ForeignMod(_) => "an `extern` block",
        syn::Item::TraitAlias(_) => "a trait alias",
        _ => return None,
    })
}

/// The tokens of an item up to its body, so the error does not cover a whole struct.
fn item_head(item: &syn::Item) -> TokenStream {
    match item {
        syn::Item::Struct(s) => s
            .struct_token
            .into_token_stream()
            .into_iter()
            .chain(s.ident.to_token_stream())
            .collect(),
        syn::Item::Enum(e) => e
            .enum_token
            .into_token_stream()
            .into_iter()
            .chain(e.ident.to_token_stream())
            .collect(),
        syn::Item::Impl(i) => i
            .impl_token
            .into_token_stream()
            .into_iter()
            .chain(i.self_ty.to_token_stream())
            .collect(),
        syn::Item::Trait(t) => t
            .trait_token
            .into_token_stream()
            .into_iter()
            .chain(t.ident.to_token_stream())
            .collect(),
        syn::Item::Mod(m) => m
            .mod_token
            .into_token_stream()
            .into_iter()
            .chain(m.ident.to_token_stream())
            .collect(),
        other => other.to_token_stream(),
    }
}

/// `true` for `f32`, `f64` and the names in `float_names` (a single-segment path).
pub(crate) fn is_float_type(ty: &Type, float_names: &[String]) -> bool {
    type_name(ty).is_some_and(|n| float_names.contains(&n))
}

/// The shape of a value of type `ty` with plain floats at the leaves, when it holds
/// floats that can carry jets: `f64` → `Float`, `&[f64]`, `&mut [T]`, `[T; N]`,
/// `&[T; N]`, `Vec<T>` → `Array(Float)` (nested containers nest), tuples part by part.
/// `None` for types without such floats.
pub(crate) fn type_shape(ty: &Type, names: &[String]) -> Option<Kind> {
    match ty {
        Type::Paren(p) => type_shape(&p.elem, names),
        Type::Group(g) => type_shape(&g.elem, names),
        Type::Reference(r) => match type_shape(&r.elem, names)? {
            Kind::Float if r.mutability.is_some() => Some(Kind::FloatMut),
            Kind::Float => None,
            k => Some(k),
        },
        Type::Slice(s) => Some(Kind::Array(Box::new(type_shape(&s.elem, names)?))),
        Type::Array(a) => Some(Kind::Array(Box::new(type_shape(&a.elem, names)?))),
        Type::Tuple(t) => {
            let parts: Vec<Option<Kind>> = t.elems.iter().map(|e| type_shape(e, names)).collect();
            parts.iter().any(Option::is_some).then(|| {
                Kind::Tuple(
                    parts
                        .into_iter()
                        .map(|p| p.unwrap_or(Kind::Other))
                        .collect(),
                )
            })
        }
        Type::Path(p) if p.qself.is_none() => {
            let seg = p.path.segments.last()?;
            if seg.ident == "Vec" {
                if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                    if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                        return Some(Kind::Array(Box::new(type_shape(t, names)?)));
                    }
                }
                return None;
            }
            if let Some(n) = struct_name(ty, names) {
                return Some(Kind::Struct(n));
            }
            if let Some(elem) = nalgebra_scalar(p) {
                return is_float_type(elem, names).then(|| Kind::Matrix(Box::new(Kind::Float)));
            }
            is_float_type(ty, names).then_some(Kind::Float)
        }
        _ => None,
    }
}

/// A raw pointer to floats inside `ty`, if any.
fn raw_float_pointer<'t>(ty: &'t Type, names: &[String]) -> Option<&'t Type> {
    match ty {
        Type::Ptr(p) if type_shape(&p.elem, names).is_some() => Some(ty),
        Type::Ptr(p) => raw_float_pointer(&p.elem, names),
        Type::Reference(r) => raw_float_pointer(&r.elem, names),
        Type::Slice(s) => raw_float_pointer(&s.elem, names),
        Type::Array(a) => raw_float_pointer(&a.elem, names),
        Type::Paren(p) => raw_float_pointer(&p.elem, names),
        Type::Tuple(t) => t.elems.iter().find_map(|e| raw_float_pointer(e, names)),
        _ => None,
    }
}

/// A user type (an uppercase name) held by a parameter, e.g. `Particle` of `&[Particle]`.
fn struct_candidate(f: &ItemFn) -> Option<String> {
    fn inner(ty: &Type) -> Option<String> {
        match ty {
            Type::Reference(r) => inner(&r.elem),
            Type::Slice(s) => inner(&s.elem),
            Type::Array(a) => inner(&a.elem),
            Type::Paren(p) => inner(&p.elem),
            Type::Path(p) => {
                let seg = p.path.segments.last()?;
                if seg.ident == "Vec" {
                    if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                        if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                            return inner(t);
                        }
                    }
                }
                let n = type_name(ty)?;
                (n.len() > 1 && n.starts_with(|c: char| c.is_ascii_uppercase()) && n != "Self")
                    .then_some(n)
            }
            _ => None,
        }
    }
    f.sig.inputs.iter().find_map(|a| match a {
        FnArg::Typed(pt) => inner(&pt.ty),
        FnArg::Receiver(_) => None,
    })
}

/// The name of a struct named in `structs(..)`, if `ty` is one.
pub(crate) fn struct_name(ty: &Type, names: &[String]) -> Option<String> {
    let n = type_name(ty)?;
    names.contains(&format!("{STRUCT_MARK}{n}")).then_some(n)
}

/// The float type names at the leaves of `ty` (`f64` of `&[[f64; 3]]`).
pub(crate) fn float_leaves(ty: &Type, names: &[String], out: &mut Vec<Type>) {
    match ty {
        Type::Paren(p) => float_leaves(&p.elem, names, out),
        Type::Group(g) => float_leaves(&g.elem, names, out),
        Type::Reference(r) => float_leaves(&r.elem, names, out),
        Type::Slice(s) => float_leaves(&s.elem, names, out),
        Type::Array(a) => float_leaves(&a.elem, names, out),
        Type::Tuple(t) => t.elems.iter().for_each(|e| float_leaves(e, names, out)),
        Type::Path(p) if p.qself.is_none() => {
            if is_float_type(ty, names) {
                out.push(ty.clone());
            } else if let Some(elem) = nalgebra_scalar(p) {
                if is_float_type(elem, names) {
                    out.push(elem.clone());
                }
            } else if let Some(seg) = p.path.segments.last() {
                if seg.ident == "Vec" {
                    if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                        if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                            float_leaves(t, names, out);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// `ty` with every float leaf replaced by the jet type (`&[f64]` → `&[J]`,
/// `Vec<T>` → `Vec<J>`, `(f64, usize)` → `(J, usize)`); other types unchanged.
pub(crate) fn jet_type(ty: &Type, names: &[String], jet: &TokenStream) -> TokenStream {
    use quote::quote;
    match ty {
        Type::Paren(p) => {
            let e = jet_type(&p.elem, names, jet);
            quote!((#e))
        }
        Type::Group(g) => jet_type(&g.elem, names, jet),
        Type::Reference(r) => {
            let (and, lt, m) = (&r.and_token, &r.lifetime, &r.mutability);
            let e = jet_type(&r.elem, names, jet);
            quote!(#and #lt #m #e)
        }
        Type::Slice(s) => {
            let e = jet_type(&s.elem, names, jet);
            quote!([#e])
        }
        Type::Array(a) => {
            let e = jet_type(&a.elem, names, jet);
            let (semi, len) = (&a.semi_token, &a.len);
            quote!([#e #semi #len])
        }
        Type::Tuple(t) => {
            let parts = t.elems.iter().map(|e| jet_type(e, names, jet));
            quote!((#(#parts,)*))
        }
        Type::Path(p) if p.qself.is_none() => {
            if is_float_type(ty, names) {
                return jet.clone();
            }
            if let Some(n) = struct_name(ty, names) {
                let span = p
                    .path
                    .segments
                    .last()
                    .map_or_else(Span::call_site, |s| s.ident.span());
                let twin = syn::Ident::new(&format!("{n}{STRUCT_TWIN_SUFFIX}"), span);
                return quote!(#twin<#jet>);
            }
            if nalgebra_scalar(p).is_some() {
                let mut p2 = p.clone();
                jet_type_args(&mut p2.path, names, jet);
                return p2.into_token_stream();
            }
            let mut p2 = p.clone();
            if let Some(seg) = p2.path.segments.last_mut() {
                if seg.ident == "Vec" {
                    if let syn::PathArguments::AngleBracketed(a) = &mut seg.arguments {
                        if let Some(syn::GenericArgument::Type(t)) = a.args.first_mut() {
                            let new = jet_type(t, names, jet);
                            *t = Type::Verbatim(new);
                        }
                    }
                }
            }
            p2.into_token_stream()
        }
        other => other.into_token_stream(),
    }
}

/// The scalar type of a nalgebra matrix or vector type (`f64` of `SVector<f64, 3>`,
/// `Vector3<T>`, `nalgebra::DMatrix<f32>`): its first generic argument.
pub(crate) fn nalgebra_scalar(p: &syn::TypePath) -> Option<&Type> {
    if p.qself.is_some() {
        return None;
    }
    let seg = p.path.segments.last()?;
    if !is_nalgebra_type(&seg.ident.to_string()) {
        return None;
    }
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => match a.args.first()? {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// Replaces the float type arguments of `path` (and of the types nested in them, e.g.
/// the storage of `Matrix<f64, U3, U1, ArrayStorage<f64, 3, 1>>`) by the jet type.
pub(crate) fn jet_type_args(path: &mut syn::Path, names: &[String], jet: &TokenStream) {
    for seg in path.segments.iter_mut() {
        if let syn::PathArguments::AngleBracketed(a) = &mut seg.arguments {
            for arg in a.args.iter_mut() {
                if let syn::GenericArgument::Type(t) = arg {
                    if is_float_type(t, names) {
                        *t = Type::Verbatim(jet.clone());
                    } else if let Type::Path(tp) = t {
                        if tp.qself.is_none() {
                            jet_type_args(&mut tp.path, names, jet);
                        }
                    }
                }
            }
        }
    }
}

/// The name of a single-segment path type without arguments (`f64`, `T`).
pub(crate) fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Paren(p) => type_name(&p.elem),
        Type::Group(g) => type_name(&g.elem),
        Type::Path(p)
            if p.qself.is_none()
                && p.path.leading_colon.is_none()
                && p.path.segments.len() == 1 =>
        {
            let seg = p.path.segments.first()?;
            if seg.arguments.is_empty() {
                Some(seg.ident.to_string())
            } else {
                None
            }
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

/// The float type names visible in the signature.
fn float_names(f: &ItemFn) -> Vec<String> {
    let mut names: Vec<String> = FLOAT_PRIMITIVES.iter().map(|s| s.to_string()).collect();
    let mut declared = Vec::new();
    for p in &f.sig.generics.params {
        if let GenericParam::Type(tp) = p {
            declared.push(tp.ident.to_string());
            if tp.bounds.iter().any(bound_is_float) {
                names.push(tp.ident.to_string());
            }
        }
    }
    if let Some(w) = &f.sig.generics.where_clause {
        for pred in &w.predicates {
            if let WherePredicate::Type(pt) = pred {
                if let Some(n) = type_name(&pt.bounded_ty) {
                    if pt.bounds.iter().any(bound_is_float) && !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
        }
    }
    // A one-letter type not declared by the function comes from the enclosing `impl`
    // (`impl<T: Float> S<T> { #[jet] fn f(&self, x: T) -> T }`): taken as a float.
    for arg in &f.sig.inputs {
        if let FnArg::Typed(pt) = arg {
            if let Some(n) = type_name(&pt.ty) {
                let one_upper = n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase());
                if one_upper && !declared.contains(&n) && !names.contains(&n) {
                    names.push(n);
                }
            }
        }
    }
    names
}

fn render(t: &impl ToTokens) -> String {
    t.to_token_stream()
        .to_string()
        .replace(" ,", ",")
        .replace("& ", "&")
        .replace("* const ", "*const ")
        .replace("* mut ", "*mut ")
}

/// Whether `f` has a float parameter and a float result (a method worth a companion
/// when `#[jet(..)]` on an impl block compiles every method).
pub(crate) fn differentiable(f: &ItemFn) -> bool {
    let names = float_names(f);
    let param = f.sig.inputs.iter().any(|a| match a {
        FnArg::Typed(pt) => type_shape(&pt.ty, &names).is_some(),
        FnArg::Receiver(_) => false,
    });
    let result = match &f.sig.output {
        ReturnType::Type(_, t) => type_shape(t, &names).is_some(),
        ReturnType::Default => false,
    };
    param && result
}

/// Classifies the signature; returns `None` when no companion signature can be built.
pub(crate) fn analyze<'a>(cx: &Ctxt, args: &Args, f: &'a ItemFn) -> Option<FnInfo<'a>> {
    let sig = &f.sig;
    let fname = &sig.ident;
    if let Some(a) = &sig.asyncness {
        cx.error_spanned_by(
            a,
            format!("`#[jet]` does not support `async fn`: the companion computes jets eagerly; make `{fname}` a plain `fn` and call it from async code"),
        );
    }
    if let Some(v) = &sig.variadic {
        cx.error_spanned_by(
            v,
            "`#[jet]` does not support variadic functions; give every parameter a name and a type",
        );
    }
    let mut names = float_names(f);
    for s in args.structs.iter().flatten() {
        names.push(format!("{STRUCT_MARK}{s}"));
    }
    for arg in &sig.inputs {
        if let FnArg::Typed(pt) = arg {
            if let Some(ptr) = raw_float_pointer(&pt.ty, &names) {
                cx.error_spanned_by(
                    ptr,
                    format!("`#[jet]` does not take raw pointers (`{}`): the companion cannot know how many floats it points to; take a slice (`&[f64]`, `&mut [f64]`) or an array instead", render(ptr)),
                );
            }
        }
    }
    let mut params = Vec::new();
    for arg in &sig.inputs {
        if let FnArg::Typed(pt) = arg {
            let ident = match &*pt.pat {
                Pat::Ident(pi) if pi.subpat.is_none() => Some(&pi.ident),
                _ => None,
            };
            let role = if type_shape(&pt.ty, &names).is_some() {
                Role::Active
            } else {
                Role::Other
            };
            params.push(ParamInfo {
                original: pt,
                ident,
                role,
            });
        }
    }
    // `wrt(..)`: validate each name, then keep only those active.
    if let Some(wrt) = &args.wrt {
        let listed: Vec<String> = params
            .iter()
            .filter_map(|p| p.ident.map(|i| format!("`{i}`")))
            .collect();
        for w in wrt {
            match params.iter_mut().find(|p| p.ident.is_some_and(|i| i == w)) {
                None => cx.error_spanned_by(
                    w,
                    if listed.is_empty() {
                        format!("`wrt` names `{w}`, which is not a parameter of `{fname}`")
                    } else {
                        format!(
                            "`wrt` names `{w}`, which is not a parameter of `{fname}`; its parameters are {}",
                            listed.join(", ")
                        )
                    },
                ),
                Some(p) if p.role == Role::Other => {
                    // A named, single-ident type (e.g. an impl's `S`) may be declared float by `wrt`.
                    let ty = &p.original.ty;
                    match type_name(ty) {
                        Some(n) if n.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && n != "Self" => {
                            if !names.contains(&n) {
                                names.push(n);
                            }
                            p.role = Role::Active;
                        }
                        _ => cx.error_spanned_by(
                            w,
                            format!(
                                "`wrt` names `{w}`, which has type `{}`; only float parameters (`f32`, `f64` or a generic `T: Float`) carry jets",
                                render(ty)
                            ),
                        ),
                    }
                }
                Some(_) => {}
            }
        }
        for p in &mut params {
            if p.role == Role::Active && !p.ident.is_some_and(|i| wrt.iter().any(|w| w == i)) {
                p.role = Role::InactiveFloat;
            }
        }
    }
    // A `wrt(..)` that named no usable parameter has been reported; differentiate every
    // float parameter so the stub companion still has the signature callers expect.
    if args.wrt.is_some() && !params.iter().any(|p| p.role == Role::Active) {
        for p in &mut params {
            if p.role == Role::InactiveFloat {
                p.role = Role::Active;
            }
        }
    }
    let actives: Vec<&ParamInfo> = params.iter().filter(|p| p.role == Role::Active).collect();
    let Some(first) = actives.first() else {
        if args.wrt.is_none() {
            cx.error_spanned_by(
                fname,
                if let Some(t) = struct_candidate(f) {
                    format!("`{fname}` has no float parameter to differentiate; `#[jet]` needs at least one `f32`, `f64` or `T: Float` parameter, or a slice, array or `Vec` of them; for a struct of floats such as `{t}`, mark the struct `#[jet::jet_struct]` and write `#[jet(structs({t}))]`")
                } else if f.sig.generics.type_params().next().is_some() {
                    format!("`{fname}` has no float parameter to differentiate; `#[jet]` needs at least one `f32`, `f64` or `T: Float` parameter (for a float type behind another bound, name its parameters with `wrt(..)`)")
                } else {
                    format!("`{fname}` has no float parameter to differentiate; `#[jet]` needs at least one `f32`, `f64` or `T: Float` parameter")
                },
            );
        }
        return None;
    };
    let mut leaves = Vec::new();
    float_leaves(&first.original.ty, &names, &mut leaves);
    if leaves.is_empty() {
        // Only structs of floats: the float type is the result's.
        for p in &actives {
            float_leaves(&p.original.ty, &names, &mut leaves);
        }
        if let ReturnType::Type(_, t) = &sig.output {
            float_leaves(t, &names, &mut leaves);
        }
    }
    if leaves.is_empty() {
        // Structs only, in and out: their twins' fields are `f64` jets (a struct of
        // `f32` needs an `f32` parameter or result beside it to say so).
        leaves.push(syn::parse_quote!(f64));
    }
    let scalar: Type = leaves
        .first()
        .cloned()
        .unwrap_or_else(|| (*first.original.ty).clone());
    let scalar_name = type_name(&scalar).unwrap_or_default();
    for p in &actives {
        if p.ident.is_none() {
            cx.error_spanned_by(
                &p.original.pat,
                "a differentiated parameter must be a plain name, e.g. `x: f64`; destructure it in the body",
            );
        }
        let mut leaves = Vec::new();
        float_leaves(&p.original.ty, &names, &mut leaves);
        let n = leaves
            .iter()
            .filter_map(type_name)
            .find(|n| *n != scalar_name)
            .unwrap_or_else(|| scalar_name.clone());
        if n != scalar_name {
            cx.error_spanned_by(
                &p.original.ty,
                format!("`{n}` differs from `{scalar_name}`, the float type of the other differentiated parameters; one companion propagates one float type: convert with `as`, or leave this parameter out with `wrt(..)`"),
            );
        }
    }
    let ret = match &sig.output {
        ReturnType::Default => {
            cx.error_spanned_by(
                fname,
                format!("`{fname}` returns nothing to differentiate; `#[jet]` needs a float result (`{scalar_name}`, or a tuple containing it)"),
            );
            None
        }
        ReturnType::Type(_, ty) => ret_shape(cx, ty, &names, &scalar_name),
    };
    let companion = match &args.name {
        Some(n) => n.clone(),
        None => Ident::new(&format!("{fname}{COMPANION_SUFFIX}"), fname.span()),
    };
    if companion == *fname {
        cx.error_spanned_by(
            &companion,
            format!("the companion cannot share the name `{fname}` of the original function; choose another `name = \"...\"`"),
        );
    }
    let nalgebra = mentions_nalgebra(f.to_token_stream());
    let needs_float_bound = lacks_float_bound(f, &scalar_name);
    Some(FnInfo {
        original: f,
        float_names: names,
        scalar,
        params,
        ret: ret?,
        companion,
        nalgebra,
        needs_float_bound,
    })
}

/// Whether `ts` names a nalgebra matrix type or matrix macro anywhere.
fn mentions_nalgebra(ts: TokenStream) -> bool {
    ts.into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(i) => {
            let n = i.to_string();
            is_nalgebra_type(&n)
                || matches!(n.as_str(), "vector" | "matrix" | "dvector" | "dmatrix")
        }
        proc_macro2::TokenTree::Group(g) => mentions_nalgebra(g.stream()),
        _ => false,
    })
}

/// Whether `scalar` is a type parameter of `f` none of whose bounds is `Float` (e.g. a
/// `T: RealField`).
fn lacks_float_bound(f: &ItemFn, scalar: &str) -> bool {
    let is_float = |b: &TypeParamBound| match b {
        TypeParamBound::Trait(t) => t.path.segments.last().is_some_and(|s| s.ident == "Float"),
        _ => false,
    };
    let mut declared = false;
    let mut bounded = false;
    for p in &f.sig.generics.params {
        if let GenericParam::Type(tp) = p {
            if tp.ident == scalar {
                declared = true;
                bounded |= tp.bounds.iter().any(is_float);
            }
        }
    }
    if let Some(w) = &f.sig.generics.where_clause {
        for pred in &w.predicates {
            if let WherePredicate::Type(pt) = pred {
                if type_name(&pt.bounded_ty).is_some_and(|n| n == scalar) {
                    bounded |= pt.bounds.iter().any(is_float);
                }
            }
        }
    }
    declared && !bounded
}

fn ret_shape(cx: &Ctxt, ty: &Type, names: &[String], scalar: &str) -> Option<RetShape> {
    let Some(shape) = type_shape(ty, names) else {
        cx.error_spanned_by(
            ty,
            format!(
                "the result type `{}` is not a float; `#[jet]` differentiates a float result (`{scalar}`, an array, slice or `Vec` of it, or a tuple containing them): return the float, and compute the rest in a separate function",
                render(ty)
            ),
        );
        return None;
    };
    let mut leaves = Vec::new();
    float_leaves(ty, names, &mut leaves);
    for t in &leaves {
        let n = type_name(t).unwrap_or_default();
        if n != scalar {
            cx.error_spanned_by(
                t,
                format!("the result type `{n}` differs from `{scalar}`, the float type of the differentiated parameters; return `{scalar}`"),
            );
        }
    }
    if let Type::Reference(r) = strip(ty) {
        cx.error_spanned_by(
            r,
            format!("`#[jet]` cannot return a reference to floats (`{}`): the companion computes new jets, which no parameter holds; return an array (`[{scalar}; N]`) or a `Vec<{scalar}>`, or write the result into a `&mut [{scalar}]` parameter", render(ty)),
        );
        return None;
    }
    Some(shape.activate())
}

fn strip(ty: &Type) -> &Type {
    match ty {
        Type::Paren(p) => strip(&p.elem),
        Type::Group(g) => strip(&g.elem),
        t => t,
    }
}

/// A generic parameter name the function does not use anywhere (`J`, else `J0`, `J1`,
/// ...): a type the body names `J` must not be shadowed by the companion's parameter.
pub(crate) fn fresh_jet_param(f: &ItemFn) -> Ident {
    fn collect(ts: TokenStream, out: &mut Vec<String>) {
        for tt in ts {
            match tt {
                proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
                proc_macro2::TokenTree::Group(g) => collect(g.stream(), out),
                _ => {}
            }
        }
    }
    let mut taken = Vec::new();
    collect(f.to_token_stream(), &mut taken);
    let mut name = "J".to_string();
    let mut i = 0usize;
    while taken.contains(&name) {
        name = format!("J{i}");
        i += 1;
    }
    Ident::new(&name, Span::call_site())
}

//! The whole expansion: parse → analyze → lower → emit.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{ItemFn, LitInt};

use crate::ctxt::Ctxt;
use crate::emit::{companion, fallback};
use crate::lower::Types;
use crate::parse::{args, item};

/// Expands `#[jet(args)] item` into the unchanged item plus its companion; on an `impl`
/// block, see [`expand_impl`].
///
/// Never panics: every problem becomes a `compile_error!` at the offending tokens, and
/// with errors the original function and a stub companion with the right signature are
/// still emitted, so callers see no secondary errors.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    if let Ok(imp) = syn::parse2::<syn::ItemImpl>(item.clone()) {
        return expand_impl(args, imp);
    }
    let f = match item::parse_item(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            let errors = e.into_compile_error();
            return quote!(#item #errors);
        }
    };
    let (companion, errors) = companion_of(args, &f);
    quote!(#item #companion #errors)
}

/// The companion of `f` (or a stub with its signature) and the errors, if any.
fn companion_of(args: TokenStream, f: &ItemFn) -> (TokenStream, TokenStream) {
    let cx = Ctxt::new();
    let args = args::parse(&cx, args);
    let Some(info) = item::analyze(&cx, &args, f) else {
        let errors = cx.check().err().map(|e| e.into_compile_error());
        return (TokenStream::new(), quote!(#errors));
    };
    let root = match &args.krate {
        Some(p) => quote!(#p),
        None => quote!(::jet),
    };
    let scalar = &info.scalar;
    let jet_param = match args.order {
        Some(_) => None,
        None => Some(item::fresh_jet_param(f)),
    };
    let jet = match (args.order, &jet_param) {
        (Some((k, span)), _) => {
            let n = LitInt::new(&k.saturating_add(1).to_string(), span);
            quote!(#root::Jet<#scalar, #n>)
        }
        (None, Some(j)) => quote!(#j),
        (None, None) => quote!(),
    };
    let kind = companion::kind_marker(&info, args.order.map(|(k, _)| k));
    let types = Types {
        root,
        jet,
        scalar: quote!(#scalar),
        checked_calls: jet_param.is_some() && args.krate.is_none(),
    };
    let body = crate::analyze::activity::lower_fn(&cx, &info, &types);
    match cx.check() {
        Ok(()) => {
            let c = companion::companion(&info, &types, jet_param.as_ref(), body);
            (quote!(#c #kind), TokenStream::new())
        }
        Err(e) => {
            let stub = fallback::stub(&info, &types, jet_param.as_ref());
            (quote!(#stub #kind), e.into_compile_error())
        }
    }
}

/// Whether `attr` is a `#[jet]` / `#[jet::jet]` attribute.
fn is_jet_attr(attr: &syn::Attribute) -> bool {
    let segs: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    matches!(segs.as_slice(), [j] | [_, j] if j == "jet")
}

/// `#[jet] impl Trait for Type { #[jet(order = 4)] fn f(&self, x: f64) -> f64 { .. } }`:
/// the impl unchanged (the methods' `#[jet]` attributes removed) and, in a separate
/// inherent `impl Type`, the companions of the methods marked `#[jet(..)]`. A companion
/// cannot be a member of the trait, and an attribute on one method cannot put anything
/// outside the block it is in; on the block it can.
///
/// Options on the block's attribute apply to the marked methods that have none; with
/// no method marked they apply to every method with a float parameter and a float
/// result. Companions of trait methods are `pub` (a trait method is as visible as the
/// trait); those of inherent methods keep the method's visibility.
pub(crate) fn expand_impl(args: TokenStream, mut imp: syn::ItemImpl) -> TokenStream {
    let marked = imp
        .items
        .iter()
        .any(|it| matches!(it, syn::ImplItem::Fn(m) if m.attrs.iter().any(is_jet_attr)));
    let mut errors = TokenStream::new();
    if !marked && args.is_empty() {
        let head = {
            let (i, t) = (&imp.impl_token, &imp.self_ty);
            quote!(#i #t)
        };
        errors.extend(
            syn::Error::new_spanned(
                head,
                "`#[jet]` on an impl block compiles the methods marked `#[jet(..)]` inside it, and none is: mark the methods to differentiate, e.g. `#[jet(order = 4)] fn energy(&self, r: f64) -> f64`, or give the options here to compile every method with a float parameter",
            )
            .into_compile_error(),
        );
    }
    let in_trait = imp.trait_.is_some();
    let mut companions = TokenStream::new();
    for it in imp.items.iter_mut() {
        let syn::ImplItem::Fn(m) = it else { continue };
        let own = m.attrs.iter().position(is_jet_attr);
        let method_args = match own {
            Some(i) => {
                let attr = m.attrs.remove(i);
                match attr.meta {
                    syn::Meta::List(l) if !l.tokens.is_empty() => l.tokens,
                    _ => args.clone(),
                }
            }
            None if marked => continue,
            None => args.clone(),
        };
        let f = ItemFn {
            attrs: m.attrs.clone(),
            vis: if in_trait {
                syn::parse_quote!(pub)
            } else {
                m.vis.clone()
            },
            sig: m.sig.clone(),
            block: Box::new(m.block.clone()),
        };
        if own.is_none() && !item::differentiable(&f) {
            continue;
        }
        let (c, e) = companion_of(method_args, &f);
        companions.extend(c);
        errors.extend(e);
    }
    let (ig, _, wc) = imp.generics.split_for_impl();
    let self_ty = &imp.self_ty;
    let inherent = (!companions.is_empty()).then(|| {
        quote! {
            impl #ig #self_ty #wc { #companions }
        }
    });
    quote!(#imp #inherent #errors)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::expand;
    use proc_macro2::TokenStream;

    /// Expands `#[jet(args)] item` given as source text.
    pub(crate) fn expand_str(args: &str, item: &str) -> String {
        let args: TokenStream = args.parse().unwrap_or_default();
        let item: TokenStream = item.parse().unwrap_or_default();
        expand(args, item).to_string()
    }

    #[test]
    #[ignore = "prints an expansion: JET_ARGS='order = 2' JET_SRC='fn f(x: f64) -> f64 { x }'"]
    fn show() {
        let args = std::env::var("JET_ARGS").unwrap_or_default();
        let src = std::env::var("JET_SRC").unwrap_or_default();
        let out = expand_str(&args, &src);
        match std::env::var("JET_OUT") {
            Ok(path) => std::fs::write(path, out).unwrap_or_default(),
            Err(_) => println!("{out}"),
        }
    }
}

//! The whole expansion: parse → analyze → lower → emit.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitInt;

use crate::ctxt::Ctxt;
use crate::emit::{companion, fallback};
use crate::lower::Types;
use crate::parse::{args, item};

/// Expands `#[jet(args)] item` into the unchanged item plus its companion.
///
/// Never panics: every problem becomes a `compile_error!` at the offending tokens, and
/// with errors the original function and a stub companion with the right signature are
/// still emitted, so callers see no secondary errors.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let args = args::parse(&cx, args);
    let f = match item::parse_item(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            cx.syn_error(e);
            let errors = cx.check().err().map(|e| e.into_compile_error());
            return quote!(#item #errors);
        }
    };
    let Some(info) = item::analyze(&cx, &args, &f) else {
        let errors = cx.check().err().map(|e| e.into_compile_error());
        return quote!(#item #errors);
    };
    let root = match &args.krate {
        Some(p) => quote!(#p),
        None => quote!(::jet),
    };
    let scalar = &info.scalar;
    let jet_param = match args.order {
        Some(_) => None,
        None => Some(item::fresh_jet_param(&f)),
    };
    let jet = match (args.order, &jet_param) {
        (Some((k, span)), _) => {
            let n = LitInt::new(&k.saturating_add(1).to_string(), span);
            quote!(#root::Jet<#scalar, #n>)
        }
        (None, Some(j)) => quote!(#j),
        (None, None) => quote!(),
    };
    let types = Types {
        root,
        jet,
        scalar: quote!(#scalar),
    };
    let body = crate::analyze::activity::lower_fn(&cx, &info, &types);
    match cx.check() {
        Ok(()) => {
            let companion = companion::companion(&info, &types, jet_param.as_ref(), body);
            quote!(#item #companion)
        }
        Err(e) => {
            let stub = fallback::stub(&info, &types, jet_param.as_ref());
            let errors = e.into_compile_error();
            quote!(#item #stub #errors)
        }
    }
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

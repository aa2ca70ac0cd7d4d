//! `#[jet::primitive]`: declares a function the runtime has no rule for as a Taylor
//! primitive, from its derivative (or partial derivatives), or from a rule in
//! incremental form.
//!
//! ```text
//! #[jet::primitive(derivative = |x, w| w / (x * (1.0 + w)))]
//! fn lambert_w(x: f64) -> f64 { ... }
//! ```
//! keeps `lambert_w` and emits `fn lambert_w_jet<J: Taylor<f64>>(x: J) -> J`, the name
//! the `#[jet]` compiler calls for `lambert_w(x)` with a jet `x`.
//!
//! Stages: [`args`] parses the options, [`item`] checks the signature, [`emit`] writes
//! the companion (or a stub with the same signature when there are errors, so callers
//! see no secondary errors).

mod args;
mod emit;
mod item;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ctxt::Ctxt;

/// Expands `#[jet::primitive(args)] item`. Never panics: every problem becomes a spanned
/// `compile_error!`, and the original item is always emitted.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let parsed_args = args::parse(&cx, args);
    let f = match item::parse_item(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            cx.syn_error(e);
            let errors = cx.check().err().map(|e| e.into_compile_error());
            return quote!(#item #errors);
        }
    };
    let names = emit::Names::new(&parsed_args, &f);
    let companion =
        item::check(&cx, &f).and_then(|sig| emit::companion(&cx, &sig, &parsed_args, &names));
    let kind = generic_kind(&f);
    match (cx.check(), companion) {
        (Ok(()), Some(c)) => quote!(#f #c #kind),
        (result, _) => {
            let stub = emit::stub(&f, &names);
            let errors = result.err().map(|e| e.into_compile_error());
            quote!(#f #stub #kind #errors)
        }
    }
}

/// `const __jet_kind_f: () = ();`: the companion is generic, so generic `#[jet]`
/// companions may call it (none for methods with a receiver).
fn generic_kind(f: &syn::ItemFn) -> TokenStream {
    if f.sig.receiver().is_some() {
        return TokenStream::new();
    }
    let name = syn::Ident::new(
        &format!("{}{}", crate::symbol::KIND_PREFIX, f.sig.ident),
        f.sig.ident.span(),
    );
    let vis = &f.vis;
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, dead_code)]
        #vis const #name: () = ();
    }
}

#[cfg(test)]
mod tests {
    use super::expand;
    use proc_macro2::TokenStream;

    fn expand_str(args: &str, item: &str) -> String {
        let args: TokenStream = args.parse().unwrap_or_default();
        let item: TokenStream = item.parse().unwrap_or_default();
        expand(args, item).to_string()
    }

    #[test]
    #[ignore = "prints an expansion: JET_ARGS='derivative = |x| 2.0 * x' JET_SRC='fn f(x: f64) -> f64 { x * x }'"]
    fn show() {
        let args = std::env::var("JET_ARGS").unwrap_or_default();
        let src = std::env::var("JET_SRC").unwrap_or_default();
        println!("{}", expand_str(&args, &src));
    }

    /// Odd inputs never panic and always produce an error or a companion.
    #[test]
    fn never_panics() {
        let items = [
            "fn f(x: f64) -> f64 { x }",
            "fn f(x: f64, y: f64) -> f64 { x + y }",
            "fn f<T: Float>(x: T) -> T { x }",
            "fn f(n: i32, x: f64) -> f64 { x }",
            "fn f() -> f64 { 1.0 }",
            "fn f(x: f64) {}",
            "fn f(&self, x: f64) -> f64 { x }",
            "fn f((a, b): (f64, f64)) -> f64 { a }",
            "struct S;",
            "",
            "fn",
        ];
        let args = [
            "",
            "derivative",
            "derivative =",
            "derivative = ",
            "derivative = g",
            "derivative = |x| 2.0",
            "derivative = |x, y| y",
            "derivative = |x, y, z| y",
            "derivative = |(a, b)| a",
            "derivative = move |x| x",
            "derivative = \"y / x\"",
            "derivative = 1 + ",
            "derivative = |x| f(x)",
            "derivative = g::<f64>",
            "partials",
            "partials()",
            "partials(x = g)",
            "partials(x = g, y = |x, y| x, z = h)",
            "partials(x = g, x = h)",
            "partials(x)",
            "partials(x = )",
            "rule = r",
            "rule = \"r\"",
            "pair_rule = r",
            "rule = r, derivative = g",
            "derivative = g, derivative = h",
            "crate = \"my::jet\", derivative = g",
            "crate = 3",
            "crate = \"a b\"",
            "frobnicate = 3, derivative = g",
            "derivatve = g",
            ",,",
            "derivative = g,",
            "derivative = g h",
            "3",
        ];
        for item in items {
            for a in args {
                let out = expand_str(a, item);
                assert!(!out.is_empty() || item.is_empty(), "{a} / {item}");
            }
        }
    }

    #[test]
    fn companion_names_the_derivative_companion() {
        let out = expand_str("derivative = g", "fn f(x: f64) -> f64 { x }");
        assert!(out.contains("fn f_jet"), "{out}");
        assert!(out.contains("g_jet (x)"), "{out}");
        assert!(!out.contains("compile_error"), "{out}");
    }

    #[test]
    fn closure_of_the_output_iterates() {
        let out = expand_str("derivative = |x, y| y", "fn f(x: f64) -> f64 { x.exp() }");
        assert!(out.contains("from_derivative_of_output"), "{out}");
        let out = expand_str("derivative = |x, y| x", "fn f(x: f64) -> f64 { x.exp() }");
        assert!(!out.contains("from_derivative_of_output"), "{out}");
    }

    #[test]
    fn rule_declared_twice_is_reported() {
        let out = expand_str("derivative = g, rule = r", "fn f(x: f64) -> f64 { x }");
        assert!(out.contains("would declare it twice"), "{out}");
        assert!(out.contains("fn f_jet"), "the stub is still emitted: {out}");
    }
}

//! `#[jet::ode]`: compiles an ODE right-hand side into a Taylor-coefficient kernel.
//!
//! ```text
//! #[jet::ode]
//! fn pendulum(t: f64, y: &[f64; 2]) -> [f64; 2] { [y[1], -y[0].sin()] }
//! ```
//! keeps `pendulum` and emits `struct PendulumOde` implementing
//! `jet::ode::OdeSystem<f64>`: for `k = 0..order` it computes coefficient `k` of every
//! intermediate of the body with incremental rules (one rule call per nonlinear
//! intermediate, common subexpressions shared, linear operations inline), then
//! `y_{k+1} = f_k / (k + 1)`. The common rules come from `jet::ode::__kernels` (the
//! runtime's recurrences, summed for the order-by-order dependency chain), the others
//! from `jet::rules`.
//!
//! Stages: [`signature`] reads the function's shape, [`lower`] turns the body into a
//! list of rule applications (SSA, with common subexpressions shared), [`emit`] writes
//! the kernel.

mod emit;
mod lower;
mod rules;
mod signature;

use proc_macro2::TokenStream;
use quote::quote;

/// Expands `#[jet::ode(args)] item`. Never panics: errors become `compile_error!`s, and
/// the original function is always emitted.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let func: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(_) => {
            let err = syn::Error::new_spanned(
                &item,
                "`#[jet::ode]` applies to a function `fn f(t: f64, y: &[f64; D]) -> [f64; D]` \
                 (optionally with a parameter vector `p: &[f64; P]`)",
            );
            let err = err.into_compile_error();
            return quote!(#err #item);
        }
    };
    let mut errors = Vec::new();
    let options = signature::parse_options(args, &mut errors);
    let shape = signature::read(&func, &mut errors);
    let kernel = shape
        .as_ref()
        .map(|shape| lower::lower(&func, shape, &options.krate, &mut errors));
    let generated = match (&shape, &kernel) {
        (Some(shape), Some(kernel)) if errors.is_empty() => {
            emit::system(&func, shape, kernel, &options)
        }
        (Some(shape), _) => emit::fallback(&func, shape, &options),
        _ => TokenStream::new(),
    };
    let errors = errors.into_iter().map(|e| e.into_compile_error());
    quote! {
        #func
        #generated
        #(#errors)*
    }
}

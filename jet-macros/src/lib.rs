//! The `#[jet]` attribute (placeholder while the compiler is built).
use proc_macro::TokenStream;

/// Emits a Taylor-mode companion of a numeric function.
#[proc_macro_attribute]
pub fn jet(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}

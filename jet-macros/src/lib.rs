//! The `#[jet]` attribute of [`jet`](https://docs.rs/jet): a small compiler from plain
//! float code to Taylor-mode (jet) code.
//!
//! Stages: `parse` (options and the item) → `analyze` (scopes, activity fixpoint) →
//! `lower` (active expressions to `Taylor` calls, local rewrites) → `emit` (the
//! companion, or a stub on error). `expand` ties them together; this file only converts.
//!
//! See the `jet` crate for the user documentation of the attribute.

mod analyze;
mod ctxt;
mod emit;
mod expand;
#[cfg(test)]
mod fuzz_tests;
mod jet_struct;
mod lower;
mod ode;
mod parse;
mod primitive;
mod symbol;

use proc_macro::TokenStream;

/// Emits, beside the unchanged function, a Taylor-mode companion `<name>_jet`.
///
/// `#[jet(order = K)]` gives `fn f_jet(x: Jet<T, {K + 1}>) -> Jet<T, {K + 1}>`; `#[jet]`
/// gives a companion generic over the jet kind, `fn f_jet<J: Taylor<T>>(x: J) -> J`.
/// Options: `order = K`, `wrt(a, b)`, `name = "..."`, `crate = "..."`. See the `jet`
/// crate's documentation for what the body may contain.
#[proc_macro_attribute]
pub fn jet(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(args.into(), item.into()).into()
}

/// Compiles an ODE right-hand side `fn f(t: T, y: &[T; D] [, p: &[T; P]]) -> [T; D]`
/// into a Taylor-coefficient kernel: beside the unchanged function it emits a struct
/// (`<Name>Ode`, or `name = "..."`) implementing `jet::ode::OdeSystem<T>`, which
/// `jet::ode::Integrator` propagates. See `jet::ode` for the user documentation.
#[proc_macro_attribute]
pub fn ode(args: TokenStream, item: TokenStream) -> TokenStream {
    ode::expand(args.into(), item.into()).into()
}

/// Declares a function as a Taylor primitive from its derivative (or partial derivatives,
/// or an incremental rule): beside the unchanged function it emits the generic companion
/// `<name>_jet<J: Taylor<T>>` that `#[jet]` code calls. See `jet::primitive` for the user
/// documentation.
#[proc_macro_attribute]
pub fn primitive(args: TokenStream, item: TokenStream) -> TokenStream {
    primitive::expand(args.into(), item.into()).into()
}

/// On a struct of floats, emits its jet twin `<Name>Jet<J>` (each field a jet) for
/// `#[jet(structs(Name))]` functions. See `jet::jet_struct` for the user documentation.
#[proc_macro_attribute]
pub fn jet_struct(args: TokenStream, item: TokenStream) -> TokenStream {
    jet_struct::expand(args.into(), item.into()).into()
}

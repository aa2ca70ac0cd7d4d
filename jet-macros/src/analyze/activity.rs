//! Activity analysis: which bindings carry jets.
//!
//! A binding is active if any value assigned to it (its initializer, an assignment, a
//! compound assignment, in any branch or loop iteration) depends on an active parameter.
//! The analysis is a fixpoint whose transfer function is the lowering walker itself
//! ([`Lowerer`]): a pass marks the bindings that receive active values and the
//! `if`/`match`/`loop` expressions whose branches need lifting; passes repeat until one
//! changes nothing, and that pass's output (and errors) is the result. Bindings are
//! identified by their declaring identifier ([`crate::analyze::scope`]), so scopes and
//! shadowing are respected. The state only grows, so the fixpoint is reached in at most
//! (bindings + branching expressions + 1) passes.

use proc_macro2::TokenStream;

use crate::analyze::scope::binding_id;
use crate::ctxt::Ctxt;
use crate::lower::{Lowerer, State, Types};
use crate::parse::item::{FnInfo, Role};

/// An upper bound on passes, far above what the monotone state can need in practice.
const MAX_PASSES: usize = 256;

/// Runs the analysis to its fixpoint and returns the companion's lowered body.
pub(crate) fn lower_fn(cx: &Ctxt, info: &FnInfo<'_>, types: &Types) -> TokenStream {
    let mut state = State::default();
    for p in &info.params {
        if let (Role::Active, Some(ident)) = (p.role, p.ident) {
            state.active.insert(binding_id(ident));
        }
    }
    let mut last = TokenStream::new();
    for _ in 0..MAX_PASSES {
        let mark = cx.len();
        state.changed = false;
        last = Lowerer::new(cx, info, types, &mut state).lower_body();
        if !state.changed {
            return last;
        }
        cx.truncate(mark);
    }
    cx.error_spanned_by(
        &info.original.sig.ident,
        "`#[jet]` could not settle which values carry derivatives in this function; please report it, and split the function meanwhile",
    );
    last
}

//! Lexical scopes: which binding a name refers to at a point of the body.
//!
//! A binding is identified by the address of its declaring `syn::Ident` in the parsed
//! item, which every pass of the analysis walks unchanged: the same `let` is the same
//! binding in every pass, and a shadowing `let` is a different one.

use std::collections::HashMap;

use syn::Ident;

use crate::lower::ir::Kind;

/// Identity of a binding: the address of its declaring identifier.
pub(crate) type BindingId = usize;

/// The identity of the binding declared by `ident`.
pub(crate) fn binding_id(ident: &Ident) -> BindingId {
    ident as *const Ident as usize
}

/// What the analysis knows about one binding.
#[derive(Default)]
pub(crate) struct Binding {
    /// Why the binding cannot carry a jet (a non-float type, a parameter left out by
    /// `wrt`), as the end of an error message.
    pub(crate) pinned: Option<String>,
    /// Recognizably an inactive float (a float type or a float initializer).
    pub(crate) float: bool,
    /// A slice, array or `Vec` of floats: its elements are floats.
    pub(crate) float_container: bool,
    /// The shape of a container or tuple binding with plain floats at the leaves
    /// (`Array(Float)` for a `&[f64]` or a `vec![0.0; n]`); `None` for scalars and
    /// values of unknown shape. An active binding holds `shape.activate()`.
    pub(crate) shape: Option<Kind>,
    /// For an item of `g.iter_mut()`: the container `g` it writes into.
    pub(crate) alias: Option<(Ident, BindingId)>,
    /// Rebound by value from a reference (a `for` or closure pattern over `iter()`):
    /// `*v` in the source reads `v`.
    pub(crate) rebound: bool,
    /// An item of an iterable the analysis cannot classify (`C.iter()` of a `const`,
    /// `self.c.iter()`): maybe a `&T`, read by value where it meets a jet.
    pub(crate) unknown_item: bool,
}

/// The scope stack of one pass.
#[derive(Default)]
pub(crate) struct Env {
    scopes: Vec<Vec<(String, BindingId)>>,
    bindings: HashMap<BindingId, Binding>,
}

impl Env {
    pub(crate) fn push(&mut self) {
        self.scopes.push(Vec::new());
    }

    pub(crate) fn pop(&mut self) {
        self.scopes.pop();
    }

    /// Declares `ident` in the innermost scope.
    pub(crate) fn declare(&mut self, ident: &Ident, binding: Binding) -> BindingId {
        let id = binding_id(ident);
        if self.scopes.is_empty() {
            self.scopes.push(Vec::new());
        }
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((ident.to_string(), id));
        }
        self.bindings.insert(id, binding);
        id
    }

    /// Declares `name` with an explicit identity (a binding the source does not spell).
    pub(crate) fn declare_with_id(&mut self, name: &str, id: BindingId, binding: Binding) {
        if self.scopes.is_empty() {
            self.scopes.push(Vec::new());
        }
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((name.to_string(), id));
        }
        self.bindings.insert(id, binding);
    }

    /// The binding `name` refers to here, if it is a local or a parameter.
    pub(crate) fn lookup(&self, name: &str) -> Option<BindingId> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|s| s.iter().rev())
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }

    pub(crate) fn binding(&self, id: BindingId) -> Option<&Binding> {
        self.bindings.get(&id)
    }

    pub(crate) fn binding_mut(&mut self, id: BindingId) -> Option<&mut Binding> {
        self.bindings.get_mut(&id)
    }
}

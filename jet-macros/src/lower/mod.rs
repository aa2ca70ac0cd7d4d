//! Stage 3, lower: the walker that rewrites the body for the companion.
//!
//! Active expressions become calls of `Taylor` methods by absolute path; inactive code
//! is emitted exactly as written (an expression that mentions no active binding is
//! copied token for token). Control flow keeps its Rust structure; conditions,
//! comparisons, casts to non-floats and predicates read the primal (`value`).
//!
//! The walker is also the transfer function of the activity analysis: while it lowers
//! it marks bindings that receive active values, and records `if`/`match`/`loop`
//! expressions whose branches must be lifted to jets. [`crate::analyze::activity`] runs
//! it until nothing changes and keeps the last pass.

pub(crate) mod containers;
pub(crate) mod ir;
pub(crate) mod matrices;
pub(crate) mod optimize;
pub(crate) mod primitives;

use std::collections::{HashMap, HashSet};

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};
use syn::{BinOp, Block, Expr, Ident, Local, Macro, Pat, Stmt, Token, Type, UnOp};

use crate::analyze::scope::{binding_id, Binding, BindingId, Env};
use crate::ctxt::Ctxt;
use crate::parse::item::{is_float_type, jet_type, type_name, type_shape, FnInfo, Role};
use crate::symbol::{DIVERGING_MACROS, FLOAT_TRAITS, PRIMAL_MACROS};
use containers::{container_literal_parts, parse_vec, prepend, ref_item};
use ir::{Kind, Lowered};
use matrices::is_matrix;
use primitives::{Arg, Rule};

/// Deepest expression nesting the walker follows before giving up with an error.
const MAX_DEPTH: usize = 512;

/// The types generated code names.
pub(crate) struct Types {
    /// `::jet`, or the path given by `crate = "..."`.
    pub(crate) root: TokenStream,
    /// The jet type: the generic `J`, or `::jet::Jet<T, N>`.
    pub(crate) jet: TokenStream,
    /// The float type `T` of the active parameters.
    pub(crate) scalar: TokenStream,
    /// The companion is generic over the jet kind (no `order`) and names `jet` itself
    /// (no `crate = ".."`): calls of other companions check their kind first.
    pub(crate) checked_calls: bool,
}

/// What the activity analysis carries from one pass to the next.
#[derive(Default)]
pub(crate) struct State {
    /// Bindings that carry jets.
    pub(crate) active: HashSet<BindingId>,
    /// `if`/`match`/`loop` expressions (by address) whose value must have this kind.
    pub(crate) targets: HashMap<usize, Kind>,
    /// Whether this pass changed `active` or `targets`.
    pub(crate) changed: bool,
}

struct LoopFrame {
    label: Option<String>,
    target: Option<Kind>,
    breaks: Vec<Kind>,
}

/// One pass over the body.
pub(crate) struct Lowerer<'s, 'a> {
    cx: &'s Ctxt,
    info: &'s FnInfo<'a>,
    ty: &'s Types,
    state: &'s mut State,
    env: Env,
    loops: Vec<LoopFrame>,
    hoists: HashMap<BindingId, (Ident, Ident)>,
    depth: usize,
    fresh: usize,
    too_deep: bool,
    /// The container of the last `iter_mut()` lowered (its items write into it).
    iter_mut_root: Option<(Ident, BindingId)>,
}

fn addr<T>(t: &T) -> usize {
    t as *const T as usize
}

fn render(t: &impl ToTokens) -> String {
    let s = t.to_token_stream().to_string();
    let s = s
        .replace(" . ", ".")
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
        .replace("& ", "&")
        .replace(" ;", ";")
        .replace(":: ", "::")
        .replace(" ::", "::")
        .replace(" !", "!");
    // `x [0]` → `x[0]` (an index, not an array literal after `=` or `,`).
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let index_follows = *c == ' '
            && chars.get(i + 1) == Some(&'[')
            && i > 0
            && chars
                .get(i - 1)
                .is_some_and(|p| p.is_alphanumeric() || matches!(p, '_' | ')' | ']'));
        if !index_follows {
            out.push(*c);
        }
    }
    let s = out;
    if s.len() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("{cut}...")
    } else {
        s
    }
}

impl<'s, 'a> Lowerer<'s, 'a> {
    pub(crate) fn new(
        cx: &'s Ctxt,
        info: &'s FnInfo<'a>,
        ty: &'s Types,
        state: &'s mut State,
    ) -> Self {
        Self {
            cx,
            info,
            ty,
            state,
            env: Env::default(),
            loops: Vec::new(),
            hoists: HashMap::new(),
            depth: 0,
            fresh: 0,
            too_deep: false,
            iter_mut_root: None,
        }
    }

    /// Lowers the whole function body; returns the companion's body block.
    pub(crate) fn lower_body(&mut self) -> TokenStream {
        self.env.push();
        let names = self.info.float_names.clone();
        for p in &self.info.params {
            let ty = &p.original.ty;
            match p.ident {
                Some(ident) => {
                    let pinned = match p.role {
                        Role::Active => None,
                        Role::InactiveFloat => Some(format!(
                            "it is a parameter left out by `wrt(..)`, so the companion takes it as a plain `{}`; add `{ident}` to `wrt`, or bind the new value to a new name",
                            render(ty)
                        )),
                        Role::Other => Some(format!(
                            "it has type `{}`, which cannot carry derivatives; to keep only the plain value, convert explicitly (`... as {}`), or bind the value to a new name",
                            render(ty),
                            render(ty)
                        )),
                    };
                    let shape = type_shape(ty, &names).filter(|k| *k != Kind::Float);
                    let id = self.env.declare(
                        ident,
                        Binding {
                            pinned,
                            float: p.role != Role::Other && shape.is_none(),
                            float_container: is_float_container(ty, &names),
                            shape,
                            alias: None,
                            rebound: false,
                            unknown_item: false,
                        },
                    );
                    if p.role == Role::Active {
                        self.state.active.insert(id);
                    }
                }
                None => self.declare_pattern(&p.original.pat, "it is bound by a pattern"),
            }
        }
        let want = self.info.ret.clone();
        let body = self.block(&self.info.original.block, Some(&want));
        self.env.pop();
        body.tokens
    }

    // ---- generated calls --------------------------------------------------------------

    fn call(&self, name: &str, span: Span, args: Vec<TokenStream>) -> TokenStream {
        let Types {
            root, jet, scalar, ..
        } = self.ty;
        let m = Ident::new(name, span);
        // `(a + b)` as a whole argument needs no parentheses (rustc would warn).
        let args = args.into_iter().map(|a| {
            let mut it = a.clone().into_iter();
            match (it.next(), it.next()) {
                (Some(TokenTree::Group(g)), None) if g.delimiter() == Delimiter::Parenthesis => {
                    let inner = g.stream();
                    let is_tuple = inner
                        .clone()
                        .into_iter()
                        .any(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                        || inner.is_empty();
                    if is_tuple {
                        a
                    } else {
                        inner
                    }
                }
                _ => a,
            }
        });
        quote_spanned!(span=> <#jet as #root::Taylor<#scalar>>::#m(#(#args),*))
    }

    fn value_of(&self, t: TokenStream, span: Span) -> TokenStream {
        self.call("value", span, vec![quote_spanned!(span=> &#t)])
    }

    /// A jet from any lowered value: inactive values become `constant(..)`.
    fn lift(&mut self, l: Lowered, span: Span) -> TokenStream {
        self.coerce(l, &Kind::Active, span).tokens
    }

    /// Converts `l` to the kind `want` (lifting inactive floats, destructuring tuples).
    fn coerce(&mut self, l: Lowered, want: &Kind, span: Span) -> Lowered {
        // A value of unknown shape wanted as a tuple (an inactive tuple binding): take it
        // as a tuple of inactive parts.
        let l = match (&l.kind, want) {
            (Kind::Other, Kind::Tuple(ws)) if ws.iter().any(Kind::is_active) => {
                Lowered::new(l.tokens, Kind::Tuple(vec![Kind::Other; ws.len()]))
            }
            _ => l,
        };
        if !l.kind.needs_lift_to(want) {
            return l;
        }
        match (&l.kind, want) {
            (Kind::ActiveRef | Kind::ActiveMut, Kind::Active) => {
                let t = l.tokens;
                Lowered::new(quote_spanned!(span=> (*#t)), Kind::Active)
            }
            (Kind::Struct(n), Kind::ActiveStruct(_)) => {
                let twin = Ident::new(&format!("{n}{}", crate::symbol::STRUCT_TWIN_SUFFIX), span);
                let (t, jet) = (l.tokens, &self.ty.jet);
                Lowered::new(
                    quote_spanned!(span=> #twin::<#jet>::constant(&#t)),
                    Kind::ActiveStruct(n.clone()),
                )
            }
            (Kind::Array(_), Kind::Array(w)) => {
                // A container of plain floats where one of jets is wanted: a new `Vec`.
                let t = l.tokens;
                let c = self.fresh_ident("c");
                let item = self.borrow_deref(quote!(#c), &self.ty.scalar.clone(), span);
                let lifted = self.call("constant", span, vec![item]);
                Lowered::new(
                    quote_spanned!(span=> ::core::iter::IntoIterator::into_iter(#t).map(|#c| #lifted).collect::<::std::vec::Vec<_>>()),
                    Kind::Array(w.clone()),
                )
            }
            (_, Kind::Matrix(w)) => {
                let t = self.lift_matrix(l.tokens, span);
                Lowered::new(t, Kind::Matrix(w.clone()))
            }
            (Kind::Tuple(_), Kind::Active) => {
                self.cx.error_at(
                    span,
                    "expected a float here, found a tuple; bind its parts with a tuple pattern, e.g. `let (s, c) = x.sin_cos();`",
                );
                l
            }
            (_, Kind::Active) => {
                Lowered::new(self.call("constant", span, vec![l.tokens]), Kind::Active)
            }
            (Kind::Tuple(ks), Kind::Tuple(ws)) => {
                let (ks, ws) = (ks.clone(), ws.clone());
                let names: Vec<Ident> = (0..ks.len())
                    .map(|i| self.fresh_ident(&format!("t{i}")))
                    .collect();
                let mut parts = Vec::new();
                let mut kinds = Vec::new();
                for ((n, k), w) in names.iter().zip(&ks).zip(&ws) {
                    let p = self.coerce(Lowered::new(quote!(#n), k.clone()), w, span);
                    kinds.push(p.kind);
                    parts.push(p.tokens);
                }
                let t = l.tokens;
                Lowered::new(
                    quote_spanned!(span=> { let (#(#names,)*) = #t; (#(#parts,)*) }),
                    Kind::Tuple(kinds),
                )
            }
            _ => l,
        }
    }

    /// `*Borrow::<ty>::borrow(&t)`: the value of `t` whether `t` is a `ty` or a `&ty`
    /// (items of `iter()` are references, items of `into_iter()` on a `Vec` values).
    fn borrow_deref(&self, t: TokenStream, ty: &TokenStream, span: Span) -> TokenStream {
        quote_spanned!(span=> (*::core::borrow::Borrow::<#ty>::borrow(&#t)))
    }

    /// The kind a binding has in the companion.
    fn binding_kind(&self, id: BindingId) -> Kind {
        let b = self.env.binding(id);
        let shape = b.and_then(|b| b.shape.clone());
        if self.is_active(id) {
            shape.map(|s| s.activate()).unwrap_or(Kind::Active)
        } else {
            match shape {
                Some(s) => s,
                None if b.is_some_and(|b| b.float) => Kind::Float,
                None => Kind::Other,
            }
        }
    }

    /// The binding a place expression (`g`, `g[i]`, `g[i][j]`, `*g`) writes into.
    fn place_root<'e>(&self, e: &'e Expr) -> Option<(&'e Ident, BindingId)> {
        match e {
            Expr::Index(i) => self.place_root(&i.expr),
            Expr::Paren(p) => self.place_root(&p.expr),
            Expr::Group(g) => self.place_root(&g.expr),
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => self.place_root(&u.expr),
            Expr::Field(f) => self.place_root(&f.base),
            Expr::Path(_) => self.binding_of(e),
            _ => None,
        }
    }

    /// Marks the container written through a place: for an item of `g.iter_mut()`, `g`.
    fn mark_place(&mut self, id: BindingId, name: &Ident, value: TokenStream) -> bool {
        let alias = self.env.binding(id).and_then(|b| b.alias.clone());
        if let Some((root_name, root)) = alias {
            if !self.mark(root, &root_name, value.clone()) {
                return false;
            }
        }
        self.mark(id, name, value)
    }

    fn fresh_ident(&mut self, base: &str) -> Ident {
        self.fresh += 1;
        Ident::new(&format!("__jet_{base}_{}", self.fresh), Span::mixed_site())
    }

    // ---- bindings ---------------------------------------------------------------------

    /// The binding a plain-name expression refers to.
    fn binding_of<'e>(&self, e: &'e Expr) -> Option<(&'e Ident, BindingId)> {
        let ident = optimize::single_ident(e)?;
        self.env.lookup(&ident.to_string()).map(|id| (ident, id))
    }

    fn is_active(&self, id: BindingId) -> bool {
        self.state.active.contains(&id)
    }

    /// Makes a binding active because it receives an active value; reports pinned ones.
    fn mark(&mut self, id: BindingId, name: &Ident, value: TokenStream) -> bool {
        let pinned = self.env.binding(id).and_then(|b| b.pinned.clone());
        if let Some(reason) = pinned {
            self.cx.error_spanned_by(
                value,
                format!(
                    "`{name}` cannot hold this value, which depends on {}: {reason}",
                    self.params_text()
                ),
            );
            return false;
        }
        if self.state.active.insert(id) {
            self.state.changed = true;
        }
        true
    }

    fn params_text(&self) -> String {
        let names: Vec<String> = self
            .info
            .params
            .iter()
            .filter(|p| p.role == Role::Active)
            .filter_map(|p| p.ident.map(|i| format!("`{i}`")))
            .collect();
        match names.len() {
            0 => "the differentiated parameters".to_string(),
            1 => format!("the differentiated parameter {}", names.join("")),
            _ => format!("the differentiated parameters {}", names.join(", ")),
        }
    }

    fn declare_pattern(&mut self, pat: &Pat, reason: &str) {
        struct Idents<'p>(Vec<&'p Ident>);
        impl<'p> Visit<'p> for Idents<'p> {
            fn visit_pat_ident(&mut self, p: &'p syn::PatIdent) {
                self.0.push(&p.ident);
                visit::visit_pat_ident(self, p);
            }
        }
        let mut v = Idents(Vec::new());
        v.visit_pat(pat);
        for ident in v.0 {
            self.env.declare(
                ident,
                Binding {
                    pinned: Some(reason.to_string()),
                    float: false,
                    float_container: false,
                    ..Binding::default()
                },
            );
        }
    }

    // ---- reading the primal -----------------------------------------------------------

    /// The first active binding `e` mentions (also inside macros), if any.
    fn mentions(&self, e: &Expr) -> Option<Ident> {
        let mut m = Mentions {
            lw: self,
            shadow: Vec::new(),
            found: None,
        };
        m.visit_expr(e);
        m.found
    }

    fn mentions_tokens(&self, ts: &TokenStream) -> Option<Ident> {
        let mut m = Mentions {
            lw: self,
            shadow: Vec::new(),
            found: None,
        };
        m.scan(ts.clone());
        m.found
    }

    /// An active binding named by an inline format argument (`"{x}"`) in `ts`.
    fn inline_active(&self, ts: &TokenStream) -> Option<Ident> {
        ts.clone().into_iter().find_map(|tt| match tt {
            TokenTree::Literal(lit) => match syn::Lit::new(lit.clone()) {
                syn::Lit::Str(s) => inline_format_args(&s.value())
                    .into_iter()
                    .find(|n| self.active_name(n))
                    .map(|n| Ident::new(&n, lit.span())),
                _ => None,
            },
            _ => None,
        })
    }

    fn active_name(&self, name: &str) -> bool {
        self.env.lookup(name).is_some_and(|id| self.is_active(id))
    }

    /// Whether `e` dereferences (`*c`) a binding rebound by value from a reference.
    fn derefs_rebound(&self, e: &Expr) -> bool {
        struct V<'l, 's, 'a>(&'l Lowerer<'s, 'a>, bool);
        impl<'ast> Visit<'ast> for V<'_, '_, '_> {
            fn visit_expr_unary(&mut self, u: &'ast syn::ExprUnary) {
                if matches!(u.op, UnOp::Deref(_)) && self.0.rebound(&u.expr) {
                    self.1 = true;
                }
                visit::visit_expr_unary(self, u);
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let mut v = V(self, false);
        v.visit_expr(e);
        v.1
    }

    fn rebound(&self, e: &Expr) -> bool {
        self.binding_of(e)
            .and_then(|(_, id)| self.env.binding(id))
            .is_some_and(|b| b.rebound)
    }

    /// Whether `name` is a container binding (its primal is not one value).
    fn container_name(&self, name: &str) -> bool {
        self.env.lookup(name).is_some_and(|id| {
            self.env
                .binding(id)
                .and_then(|b| b.shape.as_ref())
                .is_some_and(|s| s.is_container())
        })
    }

    /// Flags the binding of a plain-name pattern over items of unknown kind.
    fn flag_unknown_item(&mut self, pat: &Pat) {
        let ident = match pat {
            Pat::Ident(pi) if pi.subpat.is_none() && pi.by_ref.is_none() => &pi.ident,
            _ => return,
        };
        if let Some(b) = self.env.binding_mut(binding_id(ident)) {
            b.unknown_item = true;
        }
    }

    /// An item of an iterable of unknown kind (`v` of `for v in C.iter()`), where it
    /// meets a jet: read by value, `*Borrow::<T>::borrow(&v)`, which takes a `&T` and a
    /// `T` alike.
    fn read_unknown_item(&self, e: &Expr, l: Lowered) -> Lowered {
        if l.kind != Kind::Other {
            return l;
        }
        let flagged = self
            .binding_of(e)
            .and_then(|(_, id)| self.env.binding(id))
            .is_some_and(|b| b.unknown_item);
        if !flagged {
            return l;
        }
        let scalar = self.ty.scalar.clone();
        Lowered::new(self.borrow_deref(l.tokens, &scalar, e.span()), Kind::Float)
    }

    /// Whether `name` is a nalgebra matrix binding.
    fn matrix_name(&self, name: &str) -> bool {
        self.env.lookup(name).is_some_and(|id| {
            self.env
                .binding(id)
                .and_then(|b| b.shape.as_ref())
                .is_some_and(is_matrix)
        })
    }

    /// `e` evaluated on primal values: every active binding `x` reads `value(&x)`.
    fn primal(&self, e: &Expr) -> TokenStream {
        let mut e2 = e.clone();
        let mut p = PrimalSubst {
            lw: self,
            shadow: Vec::new(),
        };
        p.visit_expr_mut(&mut e2);
        if self.info.needs_float_bound {
            FloatUfcs { lw: self }.visit_expr_mut(&mut e2);
        }
        e2.into_token_stream()
    }

    /// The arguments of `m` as written, read on primal values: `(a, b)` spanned at its
    /// parentheses.
    fn primal_args(&self, m: &syn::ExprMethodCall) -> TokenStream {
        let at = m.args.iter().map(|a| self.primal(a));
        paren_args(m, quote!(#(#at),*))
    }

    /// An expression without active values, as written (with float methods of plain `T`
    /// values in path form where the companion's extra `T: Float` makes them ambiguous).
    fn plain(&self, e: &Expr) -> TokenStream {
        if !self.info.needs_float_bound {
            return e.to_token_stream();
        }
        let mut e2 = e.clone();
        FloatUfcs { lw: self }.visit_expr_mut(&mut e2);
        e2.into_token_stream()
    }

    fn primal_tokens(&self, ts: TokenStream, shadow: &[String]) -> TokenStream {
        let mut out = Vec::new();
        let mut after_dot = false;
        let mut iter = ts.into_iter().peekable();
        while let Some(tt) = iter.next() {
            match tt {
                TokenTree::Ident(i) => {
                    let next_is_bang_or_path = matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!' || p.as_char() == ':');
                    let name = i.to_string();
                    let active = !after_dot
                        && !next_is_bang_or_path
                        && !shadow.contains(&name)
                        && self.active_name(&name);
                    let indexed = matches!(iter.peek(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket);
                    if active && indexed {
                        // `x[i][j]` of a container of jets: the element's value.
                        let mut place = quote!(#i);
                        while let Some(TokenTree::Group(g)) = iter.peek() {
                            if g.delimiter() != Delimiter::Bracket {
                                break;
                            }
                            let mut ng = Group::new(
                                Delimiter::Bracket,
                                self.primal_tokens(g.stream(), shadow),
                            );
                            ng.set_span(g.span());
                            place.extend(std::iter::once(TokenTree::Group(ng)));
                            iter.next();
                        }
                        out.extend(self.value_of(place, i.span()));
                    } else if active && self.matrix_name(&name) {
                        out.extend(self.matrix_values(quote!(#i), i.span()));
                    } else if active && !self.container_name(&name) {
                        out.extend(self.value_of(quote!(#i), i.span()));
                    } else {
                        out.push(TokenTree::Ident(i));
                    }
                    after_dot = false;
                }
                TokenTree::Group(g) => {
                    let mut ng = Group::new(g.delimiter(), self.primal_tokens(g.stream(), shadow));
                    ng.set_span(g.span());
                    out.push(TokenTree::Group(ng));
                    after_dot = false;
                }
                TokenTree::Punct(p) => {
                    after_dot = p.as_char() == '.';
                    out.push(TokenTree::Punct(p));
                }
                other => {
                    after_dot = false;
                    out.push(other);
                }
            }
        }
        out.into_iter().collect()
    }

    // ---- expressions ------------------------------------------------------------------

    /// Lowers `e`; with `want`, the result is converted to that kind.
    pub(crate) fn expr(&mut self, e: &Expr, want: Option<&Kind>) -> Lowered {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.cx.error_spanned_by(
                    e,
                    "expression nested too deeply for `#[jet]`; split it into `let` bindings",
                );
            }
            return Lowered::new(e.to_token_stream(), Kind::Other);
        }
        self.depth += 1;
        // A container binding wanted with jets (returned, passed on) becomes active.
        if let (Some(w), Some((ident, id))) = (want, self.binding_of(e)) {
            let shape = self.env.binding(id).and_then(|b| b.shape.clone());
            if w.is_active() && !self.is_active(id) && shape.is_some_and(|s| s.is_container()) {
                self.mark(id, ident, e.to_token_stream());
            }
        }
        let tuple_to_tuple = matches!((e, want), (Expr::Tuple(_), Some(Kind::Tuple(_))));
        let mentions = self.mentions(e).is_some();
        let literal = container_literal_parts(e).is_some()
            && (mentions || want.is_some_and(|w| w.is_container() && w.is_active()));
        let struct_lit = match e {
            Expr::Struct(st) if self.declared_struct(&st.path).is_some() => {
                mentions || matches!(want, Some(Kind::ActiveStruct(_)))
            }
            _ => false,
        };
        let out = if struct_lit {
            match e {
                Expr::Struct(st) => self.struct_literal(st, want),
                _ => Lowered::new(e.to_token_stream(), Kind::Other),
            }
        } else if literal {
            self.container_literal(e, want)
        } else if !mentions
            && !needs_walk(e)
            && !tuple_to_tuple
            && !self.derefs_rebound(e)
            && !calls_iter_mut(e)
        {
            let l = Lowered::new(self.plain(e), self.guess(e));
            let l = match want {
                Some(w) if w.is_active() => self.read_unknown_item(e, l),
                _ => l,
            };
            match want {
                Some(w) => self.coerce(l, w, e.span()),
                None => l,
            }
        } else {
            match e {
                Expr::Paren(p) => {
                    let inner = self.expr(&p.expr, want);
                    if inner.kind.is_active() {
                        inner
                    } else {
                        let mut g = Group::new(Delimiter::Parenthesis, inner.tokens);
                        g.set_span(p.paren_token.span.join());
                        let attrs = &p.attrs;
                        Lowered::new(quote!(#(#attrs)* #g), inner.kind)
                    }
                }
                Expr::Group(g) => self.expr(&g.expr, want),
                Expr::Tuple(t) if matches!(want, Some(Kind::Tuple(ws)) if ws.len() == t.elems.len()) =>
                {
                    let wants: Vec<Kind> = match want {
                        Some(Kind::Tuple(ws)) => ws.clone(),
                        _ => Vec::new(),
                    };
                    let mut kinds = Vec::new();
                    let mut toks = Vec::new();
                    for (x, w) in t.elems.iter().zip(&wants) {
                        let l = self.expr(x, w.is_active().then_some(w));
                        kinds.push(l.kind);
                        toks.push(l.tokens);
                    }
                    let mut g = Group::new(Delimiter::Parenthesis, quote!(#(#toks,)*));
                    g.set_span(t.paren_token.span.join());
                    Lowered::new(g.into_token_stream(), Kind::Tuple(kinds))
                }
                Expr::Block(b) => {
                    let l = self.block(&b.block, want);
                    let (attrs, label, t) = (&b.attrs, &b.label, l.tokens);
                    Lowered::new(quote!(#(#attrs)* #label #t), l.kind)
                }
                Expr::If(i) => self.if_expr(i, want),
                Expr::Match(m) => self.match_expr(m, want),
                Expr::Loop(l) => self.loop_expr(l, want),
                Expr::While(w) => Lowered::new(self.while_expr(w), Kind::Other),
                Expr::ForLoop(f) => Lowered::new(self.for_expr(f), Kind::Other),
                _ => {
                    let l = self.value(e);
                    match want {
                        Some(w) => self.coerce(l, w, e.span()),
                        None => l,
                    }
                }
            }
        };
        self.depth -= 1;
        out
    }

    /// Lowers a non-control expression that mentions an active binding.
    fn value(&mut self, e: &Expr) -> Lowered {
        match e {
            Expr::Path(p) => {
                let kind =
                    match optimize::path_ident(p).and_then(|i| self.env.lookup(&i.to_string())) {
                        Some(id) => self.binding_kind(id),
                        _ => self.guess(e),
                    };
                Lowered::new(e.to_token_stream(), kind)
            }
            Expr::Binary(b) => self.binary(b, e),
            Expr::Assign(a) => self.assign(a),
            Expr::Unary(u) => self.unary(u),
            Expr::Cast(c) => self.cast(c),
            Expr::MethodCall(m) => self.method_call(m, e),
            Expr::Call(c) => self.call_expr(c, e),
            Expr::Tuple(t) => {
                let parts: Vec<Lowered> = t.elems.iter().map(|x| self.expr(x, None)).collect();
                let kinds = parts.iter().map(|p| p.kind.clone()).collect();
                let toks = parts.into_iter().map(|p| p.tokens);
                let mut g = Group::new(Delimiter::Parenthesis, quote!(#(#toks,)*));
                g.set_span(t.paren_token.span.join());
                Lowered::new(g.into_token_stream(), Kind::Tuple(kinds))
            }
            Expr::Reference(r) => {
                let inner = self.expr(&r.expr, None);
                let kind = match inner.kind {
                    Kind::Active => Kind::ActiveRef,
                    Kind::Array(_) | Kind::Matrix(_) => inner.kind.clone(),
                    Kind::Tuple(_) | Kind::ActiveRef => Kind::Other,
                    k => k,
                };
                let (and, m, t) = (&r.and_token, &r.mutability, inner.tokens);
                Lowered::new(quote!(#and #m #t), kind)
            }
            Expr::Return(r) => {
                let want = self.info.ret.clone();
                let v = r.expr.as_ref().map(|x| self.expr(x, Some(&want)).tokens);
                let ret = &r.return_token;
                Lowered::new(quote!(#ret #v), Kind::Never)
            }
            Expr::Break(b) => self.break_expr(b),
            Expr::Continue(_) => Lowered::new(e.to_token_stream(), Kind::Never),
            Expr::Macro(m) => self.macro_call(&m.mac),
            Expr::Closure(_) => {
                let name = self.mentions(e).map(|i| i.to_string()).unwrap_or_default();
                self.cx.error_spanned_by(
                    e,
                    format!("this closure captures `{name}`, which carries derivatives in the companion; closures are not lowered: write the closure as a `#[jet]` fn and call it, or inline its body"),
                );
                Lowered::new(e.to_token_stream(), Kind::Other)
            }
            Expr::Unsafe(_) => {
                let name = self.mentions(e).map(|i| i.to_string()).unwrap_or_default();
                self.cx.error_spanned_by(
                    e,
                    format!("`unsafe` blocks are not lowered, and this one uses `{name}`, which carries derivatives; keep the block free of values that depend on {}, or move the unsafe code into a function of plain values", self.params_text()),
                );
                Lowered::new(e.to_token_stream(), Kind::Other)
            }
            Expr::Async(_)
            | Expr::Await(_)
            | Expr::TryBlock(_)
            | Expr::Yield(_)
            | Expr::Const(_)
            | Expr::Verbatim(_) => {
                let what = match e {
                    Expr::Async(_) => "`async` blocks",
                    Expr::Await(_) => "`.await`",
                    Expr::TryBlock(_) => "`try` blocks",
                    Expr::Yield(_) => "`yield`",
                    Expr::Const(_) => "`const` blocks",
                    _ => "this expression",
                };
                let name = self.mentions(e).map(|i| i.to_string()).unwrap_or_default();
                self.cx.error_spanned_by(
                    e,
                    format!("{what} cannot use `{name}`, which carries derivatives in the companion; compute with it outside, in plain statements"),
                );
                Lowered::new(e.to_token_stream(), Kind::Other)
            }
            Expr::Struct(st) if self.declared_struct(&st.path).is_some() => {
                self.struct_literal(st, None)
            }
            Expr::Struct(s) => {
                let parts: Vec<&Expr> = s
                    .fields
                    .iter()
                    .map(|f| &f.expr)
                    .chain(s.rest.as_deref())
                    .collect();
                self.inactive_container(e, &parts, "a struct field")
            }
            Expr::Field(f) => {
                let base = self.expr(&f.base, None);
                if let Kind::ActiveStruct(_) = base.kind {
                    let (t, dot, m) = (base.tokens, &f.dot_token, &f.member);
                    return Lowered::new(quote!(#t #dot #m), Kind::Active);
                }
                if let (Kind::Matrix(k), syn::Member::Named(n)) = (&base.kind, &f.member) {
                    if crate::symbol::is_nalgebra_field(&n.to_string()) {
                        // `v.x`, `m.m12` of a small nalgebra vector or matrix: an entry.
                        let k = (**k).clone();
                        let (t, dot, m) = (base.tokens, &f.dot_token, &f.member);
                        return Lowered::new(quote!(#t #dot #m), k);
                    }
                }
                if base.kind.is_active() {
                    self.cx.error_spanned_by(
                        e,
                        "a value that carries derivatives has no fields; for the parts of a pair use a tuple pattern, e.g. `let (s, c) = x.sin_cos();`",
                    );
                }
                let (t, dot, m) = (base.tokens, &f.dot_token, &f.member);
                Lowered::new(quote!(#t #dot #m), Kind::Other)
            }
            Expr::Index(i) => {
                let base = self.expr(&i.expr, None);
                let range = matches!(&*i.index, Expr::Range(_));
                let kind = match &base.kind {
                    Kind::Array(_) if range => base.kind.clone(),
                    Kind::Array(k) | Kind::Matrix(k) => (**k).clone(),
                    // A companion's result of unknown shape: a container of jets.
                    Kind::Active | Kind::ActiveRef if range => Kind::Array(Box::new(Kind::Active)),
                    Kind::Active | Kind::ActiveRef => Kind::Active,
                    k if k.is_active() => {
                        self.cx.error_spanned_by(
                            &i.expr,
                            "cannot index a value that carries derivatives here; index a slice, array or `Vec` (a tuple's parts are bound with a tuple pattern)",
                        );
                        Kind::Other
                    }
                    _ => match self.binding_of(&i.expr) {
                        Some((_, id))
                            if self.env.binding(id).is_some_and(|b| b.float_container) =>
                        {
                            Kind::Float
                        }
                        _ => Kind::Other,
                    },
                };
                let idx = self.primal(&i.index);
                let t = base.tokens;
                let mut g = Group::new(Delimiter::Bracket, idx);
                g.set_span(i.bracket_token.span.join());
                Lowered::new(quote!(#t #g), kind)
            }
            Expr::Try(t) => {
                let inner = self.expr(&t.expr, None);
                if inner.kind.is_active() {
                    self.cx.error_spanned_by(
                        e,
                        "`?` on a value that carries derivatives is not supported",
                    );
                }
                let (it, q) = (inner.tokens, &t.question_token);
                Lowered::new(quote!(#it #q), Kind::Other)
            }
            // Ranges, `let` outside conditions, `_`, literals: read the primal.
            _ => Lowered::new(self.primal(e), Kind::Other),
        }
    }

    /// Arrays and struct literals may hold inactive values only.
    fn inactive_container(&mut self, e: &Expr, parts: &[&Expr], what: &str) -> Lowered {
        for p in parts {
            let l = self.expr(p, None);
            if l.kind.is_active() {
                self.cx.error_spanned_by(
                    p,
                    format!(
                        "cannot store `{}`, which carries derivatives, in {what}: in a `#[jet]` function jets live in float locals, parameters, results, slices, arrays and `Vec`s, and structs marked `#[jet::jet_struct]` and named in `structs(..)`; keep the value in a local `let` binding, or mark the struct",
                        render(p)
                    ),
                );
            }
        }
        Lowered::new(self.primal(e), Kind::Other)
    }

    fn binary(&mut self, b: &syn::ExprBinary, e: &Expr) -> Lowered {
        let span = b.op.span();
        let arith = match b.op {
            BinOp::Add(_) => Some("add"),
            BinOp::Sub(_) => Some("sub"),
            BinOp::Mul(_) => Some("mul"),
            BinOp::Div(_) => Some("div"),
            _ => None,
        };
        if let Some(op) = arith {
            let same = optimize::same_binding(&b.left, &b.right).is_some();
            let mut l = self.expr(&b.left, None);
            let mut r = self.expr(&b.right, None);
            if r.kind.is_active() {
                l = self.read_unknown_item(&b.left, l);
            }
            if l.kind.is_active() {
                r = self.read_unknown_item(&b.right, r);
            }
            return self.arith(op, &b.op, l, r, same, span);
        }
        let compound = match b.op {
            BinOp::AddAssign(_) => Some("add"),
            BinOp::SubAssign(_) => Some("sub"),
            BinOp::MulAssign(_) => Some("mul"),
            BinOp::DivAssign(_) => Some("div"),
            _ => None,
        };
        if let Some(op) = compound {
            return self.compound(b, op);
        }
        match b.op {
            BinOp::Eq(_)
            | BinOp::Ne(_)
            | BinOp::Lt(_)
            | BinOp::Le(_)
            | BinOp::Gt(_)
            | BinOp::Ge(_) => Lowered::new(self.primal(e), Kind::Other),
            _ => {
                let l = self.expr(&b.left, None);
                let r = self.expr(&b.right, None);
                if l.kind.is_active() || r.kind.is_active() {
                    let op = b.op.to_token_stream().to_string();
                    self.cx.error_at(
                        span,
                        format!("no Taylor rule for `{op}` on a value that carries derivatives; `#[jet]` lowers `+ - * /`, unary `-` and float methods such as {}", primitives::EXAMPLES),
                    );
                }
                let (lt, op, rt) = (l.tokens, &b.op, r.tokens);
                Lowered::new(quote!(#lt #op #rt), Kind::Other)
            }
        }
    }

    /// `l op r` for `op` in `add sub mul div`, choosing the scalar forms for inactive sides.
    fn arith(
        &mut self,
        op: &str,
        op_tok: &BinOp,
        l: Lowered,
        r: Lowered,
        same: bool,
        span: Span,
    ) -> Lowered {
        let l = self.deref_active(l, span);
        let r = self.deref_active(r, span);
        let matrix = is_matrix(&l.kind) || is_matrix(&r.kind);
        if matrix && (l.kind.is_active() || r.kind.is_active()) {
            return self.matrix_arith(op, l, r, span);
        }
        match (l.kind.is_active(), r.kind.is_active()) {
            (false, false) => {
                let kind = match (&l.kind, &r.kind) {
                    (Kind::Never, _) | (_, Kind::Never) => Kind::Never,
                    _ if matrix => Kind::Matrix(Box::new(Kind::Float)),
                    (Kind::Float, _) | (_, Kind::Float) => Kind::Float,
                    _ => Kind::Other,
                };
                let (lt, rt) = (l.tokens, r.tokens);
                Lowered::new(quote!(#lt #op_tok #rt), kind)
            }
            (true, true) if op == "mul" && same => {
                Lowered::new(self.call("square", span, vec![l.tokens]), Kind::Active)
            }
            (la, ra) => Lowered::new(
                self.active_arith(op, (l.tokens, la), (r.tokens, ra), span),
                Kind::Active,
            ),
        }
    }

    /// `a op b` for `op` in `add sub mul div` where a side carries derivatives (`la`,
    /// `lb`): the rule of two jets, or its `_scalar` form with the jet first when one side
    /// is plain (`rsub_scalar`, `rdiv_scalar` for a plain left side), O(K) not O(K²).
    fn active_arith(
        &self,
        op: &str,
        (a, la): (TokenStream, bool),
        (b, lb): (TokenStream, bool),
        span: Span,
    ) -> TokenStream {
        let (jet, plain) = match (la, lb) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return self.call(op, span, vec![a, b]),
        };
        let m = match (op, la) {
            ("add", _) => "add_scalar",
            ("mul", _) => "mul_scalar",
            ("sub", true) => "sub_scalar",
            ("sub", false) => "rsub_scalar",
            (_, true) => "div_scalar",
            (_, false) => "rdiv_scalar",
        };
        self.call(m, span, vec![jet, plain])
    }

    fn deref_active(&mut self, l: Lowered, span: Span) -> Lowered {
        match l.kind {
            Kind::ActiveRef | Kind::ActiveMut => self.coerce(l, &Kind::Active, span),
            Kind::FloatMut => {
                let t = l.tokens;
                Lowered::new(quote_spanned!(span=> (*#t)), Kind::Float)
            }
            Kind::Tuple(ref ks) if ks.iter().any(Kind::is_active) => {
                self.cx.error_at(span, "arithmetic on a tuple; bind its parts with a tuple pattern, e.g. `let (s, c) = x.sin_cos();`");
                Lowered::new(l.tokens, Kind::Other)
            }
            _ => l,
        }
    }

    fn compound(&mut self, b: &syn::ExprBinary, op: &str) -> Lowered {
        let span = b.op.span();
        let op_tok = &b.op;
        if let Some((ident, id)) = self.binding_of(&b.left) {
            let r = self.expr(&b.right, None);
            let r = if self.is_active(id) {
                self.read_unknown_item(&b.right, r)
            } else {
                r
            };
            let mut active = self.is_active(id);
            if !active && r.kind.is_active() {
                active = self.mark(id, ident, b.right.to_token_stream());
            }
            let left = b.left.to_token_stream();
            if active {
                let lk = match self.binding_kind(id) {
                    k @ Kind::Matrix(_) => k,
                    _ => Kind::Active,
                };
                let new = self.arith(op, op_tok, Lowered::new(left.clone(), lk), r, false, span);
                let t = new.tokens;
                return Lowered::new(quote_spanned!(span=> #left = #t), Kind::Other);
            }
            let rt = r.tokens;
            return Lowered::new(quote!(#left #op_tok #rt), Kind::Other);
        }
        if let Some((ident, id)) = self.place_root(&b.left) {
            // `g[i] += v`, `*g += v`: an element of a container (or an item of `iter_mut`).
            let r = self.expr(&b.right, None);
            let r = if self.is_active(id) {
                self.read_unknown_item(&b.right, r)
            } else {
                r
            };
            let mut active = self.is_active(id);
            if !active && r.kind.is_active() {
                active = self.mark_place(id, ident, b.right.to_token_stream());
            }
            let place = self.expr(&b.left, None);
            if active {
                let lt = place.tokens;
                let new = self.arith(
                    op,
                    op_tok,
                    Lowered::new(lt.clone(), Kind::Active),
                    r,
                    false,
                    span,
                );
                let t = new.tokens;
                return Lowered::new(quote_spanned!(span=> #lt = #t), Kind::Other);
            }
            let (lt, rt) = (place.tokens, r.tokens);
            return Lowered::new(quote!(#lt #op_tok #rt), Kind::Other);
        }
        let r = self.expr(&b.right, None);
        if r.kind.is_active() {
            self.store_error(&b.left, &b.right);
        }
        let l = self.expr(&b.left, None);
        let (lt, rt) = (l.tokens, r.tokens);
        Lowered::new(quote!(#lt #op_tok #rt), Kind::Other)
    }

    fn store_error(&self, place: &Expr, value: &Expr) {
        self.cx.error_spanned_by(
            value,
            format!(
                "cannot store `{}`, which carries derivatives, into `{}`: in a `#[jet]` function only local bindings, parameters and the result carry jets; assign it to a local `let` binding instead",
                render(value),
                render(place)
            ),
        );
    }

    fn assign(&mut self, a: &syn::ExprAssign) -> Lowered {
        let eq = &a.eq_token;
        if let Some((ident, id)) = self.binding_of(&a.left) {
            let active = self.is_active(id);
            let want = self.binding_kind(id);
            let r = self.expr(&a.right, if active { Some(&want) } else { None });
            if !active && r.kind.is_active() {
                if matches!(r.kind, Kind::Tuple(_)) {
                    self.cx.error_spanned_by(&a.right, "cannot assign a tuple that carries derivatives to one name; bind its parts with a tuple pattern");
                } else {
                    self.mark(id, ident, a.right.to_token_stream());
                }
            }
            let (l, rt) = (&a.left, r.tokens);
            return Lowered::new(quote!(#l #eq #rt), Kind::Other);
        }
        if let Some((ident, id)) = self.place_root(&a.left) {
            // `g[i] = v`, `*g = v`: the container becomes active if `v` is.
            let r = self.expr(&a.right, None);
            let mut active = self.is_active(id);
            if !active && r.kind.is_active() {
                active = self.mark_place(id, ident, a.right.to_token_stream());
            }
            let place = self.expr(&a.left, None);
            let rt = if active {
                let want = match place.kind {
                    Kind::Array(_) | Kind::Tuple(_) => place.kind.clone(),
                    _ => Kind::Active,
                };
                self.coerce(r, &want, a.eq_token.span).tokens
            } else {
                r.tokens
            };
            let lt = place.tokens;
            return Lowered::new(quote!(#lt #eq #rt), Kind::Other);
        }
        let r = self.expr(&a.right, None);
        if r.kind.is_active() && !matches!(&*a.left, Expr::Infer(_)) {
            self.store_error(&a.left, &a.right);
        }
        let l = self.expr(&a.left, None);
        let (lt, rt) = (l.tokens, r.tokens);
        Lowered::new(quote!(#lt #eq #rt), Kind::Other)
    }

    fn unary(&mut self, u: &syn::ExprUnary) -> Lowered {
        let inner = self.expr(&u.expr, None);
        let span = u.op.span();
        let op = &u.op;
        match u.op {
            UnOp::Neg(_) => {
                let inner = self.deref_active(inner, span);
                if is_matrix(&inner.kind) && inner.kind.is_active() {
                    return self.matrix_neg(inner, span);
                }
                if inner.kind.is_active() {
                    Lowered::new(self.call("neg", span, vec![inner.tokens]), Kind::Active)
                } else {
                    let t = inner.tokens;
                    Lowered::new(quote!(#op #t), inner.kind)
                }
            }
            UnOp::Deref(_) => {
                let kind = match &inner.kind {
                    Kind::ActiveRef | Kind::ActiveMut => Kind::Active,
                    Kind::Float | Kind::FloatMut => Kind::Float,
                    Kind::Active => Kind::Active,
                    Kind::Array(_) | Kind::Matrix(_) => inner.kind.clone(),
                    _ => Kind::Other,
                };
                let rebound = self
                    .binding_of(&u.expr)
                    .and_then(|(_, id)| self.env.binding(id))
                    .is_some_and(|b| b.rebound);
                if inner.kind == Kind::Active || (rebound && inner.kind == Kind::Float) {
                    // `*x` of a jet: jets are `Copy`, the value itself; `*c` of a float
                    // item rebound by value: `c`.
                    return inner;
                }
                let t = inner.tokens;
                Lowered::new(quote!(#op #t), kind)
            }
            _ => {
                if inner.kind.is_active() {
                    self.cx.error_at(
                        span,
                        format!(
                            "no Taylor rule for `{}` on a value that carries derivatives",
                            op.to_token_stream()
                        ),
                    );
                }
                let t = inner.tokens;
                Lowered::new(quote!(#op #t), Kind::Other)
            }
        }
    }

    fn cast(&mut self, c: &syn::ExprCast) -> Lowered {
        let names = &self.info.float_names;
        let to_float = is_float_type(&c.ty, names);
        let inner = self.expr(&c.expr, None);
        let (as_tok, ty) = (&c.as_token, &c.ty);
        if !inner.kind.is_active() {
            let t = inner.tokens;
            return Lowered::new(
                quote!(#t #as_tok #ty),
                if to_float { Kind::Float } else { Kind::Other },
            );
        }
        if to_float {
            let scalar = type_name(&self.info.scalar);
            if type_name(&c.ty) == scalar {
                return self.deref_active(inner, c.as_token.span);
            }
            self.cx.error_spanned_by(
                c,
                format!(
                    "casting `{}`, which carries derivatives, to `{}` would drop them: the companion propagates `{}` jets; keep the value as `{}`, or convert its plain value outside the `#[jet]` function",
                    render(&c.expr),
                    render(&c.ty),
                    render(&self.info.scalar),
                    render(&self.info.scalar)
                ),
            );
            return inner;
        }
        let p = self.primal(&c.expr);
        Lowered::new(quote!(#p #as_tok #ty), Kind::Other)
    }

    // ---- calls --------------------------------------------------------------------------

    fn method_call(&mut self, m: &syn::ExprMethodCall, e: &Expr) -> Lowered {
        let name = m.method.to_string();
        let span = m.method.span();
        if (name == "sin" || name == "cos") && m.args.is_empty() {
            if let Some((_, id)) = self.binding_of(&m.receiver) {
                if let Some((s, c)) = self.hoists.get(&id) {
                    let t = if name == "sin" { s.clone() } else { c.clone() };
                    return Lowered::new(t.into_token_stream(), Kind::Active);
                }
            }
        }
        let mut recv = self.expr(&m.receiver, None);
        let matrix_recv = is_matrix(&recv.kind)
            || (matches!(recv.kind, Kind::Active | Kind::ActiveRef)
                && matrices::matrix_only_method(&name));
        if matrix_recv
            && (recv.kind.is_active() || m.args.iter().any(|a| self.mentions(a).is_some()))
        {
            match self.matrix_method(m, recv) {
                Ok(l) => return l,
                Err(r) if r.kind.is_active() => {
                    self.matrix_method_error(m);
                    return Lowered::new(e.to_token_stream(), Kind::Other);
                }
                Err(r) => recv = r,
            }
        }
        let container_recv = match &recv.kind {
            Kind::Array(_) | Kind::Iter(_) => true,
            Kind::Active | Kind::ActiveRef => {
                containers::is_container_method(&name) && primitives::lookup(&name).is_none()
            }
            _ => false,
        };
        if container_recv {
            match self.container_method(m, recv) {
                Ok(l) => return l,
                Err(r) => recv = r,
            }
            if recv.kind.is_active() || m.args.iter().any(|a| self.mentions(a).is_some()) {
                let what = if matches!(recv.kind, Kind::Iter(_)) {
                    "an iterator"
                } else {
                    "a container"
                };
                self.cx.error_at(
                    span,
                    format!("`#[jet]` does not lower `.{name}(..)` on {what} of values that carry derivatives; it lowers `iter`, `iter_mut`, `enumerate`, `zip`, `map`, `fold`, `sum`, `product`, `collect`, `len`, `push` and indexing: write a `for` loop over indices instead"),
                );
                return Lowered::new(e.to_token_stream(), Kind::Other);
            }
        }
        let args: Vec<Lowered> = m.args.iter().map(|a| self.expr(a, None)).collect();
        let any_active = recv.kind.is_active() || args.iter().any(|a| a.kind.is_active());
        let (recv, args) = if any_active {
            let recv = self.read_unknown_item(&m.receiver, recv);
            let args = m
                .args
                .iter()
                .zip(args)
                .map(|(a, l)| self.read_unknown_item(a, l))
                .collect();
            (recv, args)
        } else {
            (recv, args)
        };
        if !any_active {
            let kind = match primitives::lookup(&name) {
                Some(Rule::Method(_)) if recv.kind == Kind::Float => Kind::Float,
                _ => self.guess(e),
            };
            if self.info.needs_float_bound
                && recv.kind == Kind::Float
                && primitives::float_trait_method(&name)
            {
                // `T: RealField + Float`: `c.sqrt()` is ambiguous; `Float::sqrt(c)`.
                let (root, scalar) = (&self.ty.root, &self.ty.scalar);
                let (rt, meth) = (recv.tokens, &m.method);
                let at = args.into_iter().map(|a| a.tokens);
                return Lowered::new(
                    quote_spanned!(span=> <#scalar as #root::Float>::#meth(#rt, #(#at),*)),
                    kind,
                );
            }
            let at = args.into_iter().map(|a| a.tokens);
            let call = call_as_written(&recv.tokens, m, paren_args(m, quote!(#(#at),*)));
            return Lowered::new(call, kind);
        }
        match primitives::lookup(&name) {
            Some(rule) => self.apply_rule(rule, &name, span, recv, args, e),
            None => {
                if recv.kind.is_active() {
                    self.no_rule(&name, span, &m.receiver);
                    return Lowered::new(e.to_token_stream(), Kind::Active);
                }
                if matches!(&*m.receiver, Expr::Path(p) if p.path.is_ident("self")) {
                    // `self.g(x)`: the companion method of another `#[jet]` method.
                    let new =
                        Ident::new(&format!("{name}{}", crate::symbol::COMPANION_SUFFIX), span);
                    let at: Vec<TokenStream> = args
                        .into_iter()
                        .zip(&m.args)
                        .map(|(a, x)| self.call_arg(a, x.span()))
                        .collect();
                    let rt = recv.tokens;
                    return Lowered::new(quote_spanned!(span=> #rt.#new(#(#at),*)), Kind::Active);
                }
                let arg = m.args.iter().find(|a| self.mentions(a).is_some());
                self.cx.error_spanned_by(
                    arg.map(|a| a.to_token_stream()).unwrap_or_else(|| e.to_token_stream()),
                    format!(
                        "cannot pass `{}`, which carries derivatives, to `.{name}(..)` of a plain value: `#[jet]` cannot see inside `{recv}`, and jets live only in float locals, parameters, results, slices, arrays and `Vec`s (maps, trait objects and other types hold plain values); keep it in a local binding or a `Vec`, or pass its plain value with `x as ..`",
                        arg.map(render).unwrap_or_default(),
                        recv = render(&m.receiver)
                    ),
                );
                Lowered::new(e.to_token_stream(), Kind::Other)
            }
        }
    }

    fn no_rule(&self, name: &str, span: Span, recv: &Expr) {
        let why = if primitives::known_unsupported(name) {
            "the runtime cannot differentiate it"
        } else {
            "`#[jet]` lowers only the float methods it knows"
        };
        self.cx.error_at(
            span,
            format!(
                "no Taylor rule for `{name}`: {why}, and `{}` carries derivatives here; compute it from supported primitives ({}), or give it a rule with `#[jet::primitive]` on a function of your own and call that function",
                render(recv),
                primitives::EXAMPLES
            ),
        );
    }

    /// An argument of a call of another companion: recognizable inactive floats are lifted.
    fn call_arg(&mut self, a: Lowered, span: Span) -> TokenStream {
        match a.kind {
            Kind::Float => self.lift(a, span),
            _ => a.tokens,
        }
    }

    fn apply_rule(
        &mut self,
        rule: Rule,
        name: &str,
        span: Span,
        recv: Lowered,
        mut args: Vec<Lowered>,
        e: &Expr,
    ) -> Lowered {
        let arity = match rule {
            Rule::Method(sig) => sig.len(),
            _ => 0,
        };
        if rule != Rule::Primal && args.len() != arity {
            self.cx.error_at(
                span,
                format!("`{name}` takes {arity} argument(s), found {}", args.len()),
            );
            return Lowered::new(e.to_token_stream(), Kind::Other);
        }
        match rule {
            Rule::Identity => self.deref_active(recv, span),
            Rule::Primal => Lowered::new(self.primal(e), Kind::Other),
            Rule::Pair => {
                let r = self.lift(recv, span);
                Lowered::new(
                    self.call(name, span, vec![r]),
                    Kind::Tuple(vec![Kind::Active, Kind::Active]),
                )
            }
            Rule::Method(sig) => {
                let r = self.lift(recv, span);
                match (name, sig) {
                    ("powi", _) => {
                        let n = args.pop().map(|a| a.tokens).unwrap_or_default();
                        if args.iter().any(|a| a.kind.is_active()) || self.int_arg_active(e) {
                            self.cx.error_at(span, "the exponent of `powi` must be a plain integer; for a float exponent that carries derivatives use `powf`");
                        }
                        let two = matches!(e, Expr::MethodCall(m) if m.args.first().is_some_and(is_int_two))
                            || matches!(e, Expr::Call(c) if c.args.iter().nth(1).is_some_and(is_int_two));
                        if two {
                            Lowered::new(self.call("square", span, vec![r]), Kind::Active)
                        } else {
                            Lowered::new(self.call("powi", span, vec![r, n]), Kind::Active)
                        }
                    }
                    ("powf", _) => {
                        let a = args
                            .pop()
                            .unwrap_or_else(|| Lowered::new(TokenStream::new(), Kind::Other));
                        if a.kind.is_active() {
                            let at = self.lift(a, span);
                            Lowered::new(self.call("pow", span, vec![r, at]), Kind::Active)
                        } else {
                            Lowered::new(self.call("powf", span, vec![r, a.tokens]), Kind::Active)
                        }
                    }
                    ("log", _) => {
                        let a = args
                            .pop()
                            .unwrap_or_else(|| Lowered::new(TokenStream::new(), Kind::Other));
                        if a.kind.is_active() {
                            let at = self.lift(a, span);
                            let num = self.call("ln", span, vec![r]);
                            let den = self.call("ln", span, vec![at]);
                            Lowered::new(self.call("div", span, vec![num, den]), Kind::Active)
                        } else {
                            Lowered::new(self.call("log", span, vec![r, a.tokens]), Kind::Active)
                        }
                    }
                    ("clamp", _) => {
                        let hi = args
                            .pop()
                            .unwrap_or_else(|| Lowered::new(TokenStream::new(), Kind::Other));
                        let lo = args
                            .pop()
                            .unwrap_or_else(|| Lowered::new(TokenStream::new(), Kind::Other));
                        if lo.kind.is_active() || hi.kind.is_active() {
                            let (lo, hi) = (self.lift(lo, span), self.lift(hi, span));
                            let inner = self.call("max", span, vec![r, lo]);
                            Lowered::new(self.call("min", span, vec![inner, hi]), Kind::Active)
                        } else {
                            Lowered::new(
                                self.call("clamp", span, vec![r, lo.tokens, hi.tokens]),
                                Kind::Active,
                            )
                        }
                    }
                    _ => {
                        let mut all = vec![r];
                        for (a, kind) in args.into_iter().zip(sig) {
                            match kind {
                                Arg::Jet => all.push(self.lift(a, span)),
                                Arg::Scalar | Arg::Int => all.push(a.tokens),
                            }
                        }
                        Lowered::new(self.call(name, span, all), Kind::Active)
                    }
                }
            }
        }
    }

    fn int_arg_active(&self, e: &Expr) -> bool {
        match e {
            Expr::MethodCall(m) => m.args.first().is_some_and(|a| self.mentions(a).is_some()),
            Expr::Call(c) => c
                .args
                .iter()
                .nth(1)
                .is_some_and(|a| self.mentions(a).is_some()),
            _ => false,
        }
    }

    fn is_float_path_prefix(&self, seg: &syn::PathSegment) -> bool {
        let n = seg.ident.to_string();
        self.info.float_names.contains(&n) || FLOAT_TRAITS.contains(&n.as_str())
    }

    fn call_expr(&mut self, c: &syn::ExprCall, e: &Expr) -> Lowered {
        if c.args.iter().any(|a| self.mentions(a).is_some()) {
            if let Some(l) = self.matrix_constructor(c) {
                return l;
            }
        }
        let args: Vec<Lowered> = c.args.iter().map(|a| self.expr(a, None)).collect();
        let any_active = args.iter().any(|a| a.kind.is_active());
        let rebuild = |func: TokenStream, args: Vec<Lowered>| {
            let at = args.into_iter().map(|a| a.tokens);
            let mut g = Group::new(Delimiter::Parenthesis, quote!(#(#at),*));
            g.set_span(c.paren_token.span.join());
            quote!(#func #g)
        };
        let Expr::Path(fp) = &*c.func else {
            if any_active {
                self.cx.error_spanned_by(
                    &c.func,
                    "cannot call this expression with a value that carries derivatives; call a `#[jet]` fn by name (its companion is used)",
                );
            }
            let f = self.expr(&c.func, None).tokens;
            return Lowered::new(rebuild(f, args), Kind::Other);
        };
        let path = &fp.path;
        let segs: Vec<&syn::PathSegment> = path.segments.iter().collect();
        let last = segs.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let float_path = fp.qself.is_some()
            || (segs.len() >= 2
                && segs
                    .get(segs.len() - 2)
                    .is_some_and(|s| self.is_float_path_prefix(s)));
        if !any_active {
            let kind = if float_path && last != "from" {
                Kind::Float
            } else {
                self.guess(e)
            };
            return Lowered::new(rebuild(c.func.to_token_stream(), args), kind);
        }
        let span = segs
            .last()
            .map(|s| s.ident.span())
            .unwrap_or_else(|| c.func.span());
        if float_path {
            match primitives::lookup(&last) {
                Some(rule) if !args.is_empty() => {
                    let mut args = args;
                    let recv = args.remove(0);
                    return self.apply_rule(rule, &last, span, recv, args, e);
                }
                _ => {
                    let arg = c.args.iter().find(|a| self.mentions(a).is_some());
                    if last == "from" {
                        self.cx.error_spanned_by(
                            e,
                            format!(
                                "`{}` converts a plain number, but `{}` carries derivatives; use the value directly (it already has the float type)",
                                render(&c.func),
                                arg.map(render).unwrap_or_default()
                            ),
                        );
                    } else {
                        let recv = arg.cloned().unwrap_or_else(|| e.clone());
                        self.no_rule(&last, span, &recv);
                    }
                    return Lowered::new(e.to_token_stream(), Kind::Active);
                }
            }
        }
        if let Some(ident) = path.get_ident() {
            if self.env.lookup(&ident.to_string()).is_some() {
                self.cx.error_spanned_by(
                    e,
                    format!("`{ident}` is a local binding (a closure?), and closures are not lowered; write it as a `#[jet]` fn and call that"),
                );
                return Lowered::new(e.to_token_stream(), Kind::Other);
            }
        }
        if last
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_uppercase())
        {
            let arg = c.args.iter().find(|a| self.mentions(a).is_some());
            self.cx.error_spanned_by(
                arg.map(|a| a.to_token_stream()).unwrap_or_else(|| e.to_token_stream()),
                format!(
                    "cannot store `{}`, which carries derivatives, in `{}(..)`: only float locals, parameters and the result carry jets in a `#[jet]` function; keep it in a local binding",
                    arg.map(render).unwrap_or_default(),
                    render(&c.func)
                ),
            );
            return Lowered::new(e.to_token_stream(), Kind::Other);
        }
        // Another `#[jet]` function: call its companion, `g(x)` -> `g_jet(x)`.
        let mut new_path = path.clone();
        if let Some(seg) = new_path.segments.last_mut() {
            seg.ident = Ident::new(
                &format!("{last}{}", crate::symbol::COMPANION_SUFFIX),
                seg.ident.span(),
            );
        }
        let qself = fp.qself.as_ref().map(|q| {
            let ty = &q.ty;
            quote!(<#ty>::)
        });
        let at: Vec<Lowered> = args
            .into_iter()
            .zip(&c.args)
            .map(|(a, x)| {
                let kind = a.kind.clone();
                Lowered::new(self.call_arg(a, x.span()), kind)
            })
            .collect();
        let callee = quote_spanned!(span=> #qself #new_path);
        // A generic companion checks that the callee's is generic too (`__jet_kind_g`,
        // recorded beside `g`): an `order = K` companion takes one jet type only.
        let callee = match (self.ty.checked_calls, &fp.qself) {
            (true, None) => {
                let mut kind_path = path.clone();
                if let Some(seg) = kind_path.segments.last_mut() {
                    seg.ident = Ident::new(
                        &format!("{}{last}", crate::symbol::KIND_PREFIX),
                        seg.ident.span(),
                    );
                    seg.arguments = syn::PathArguments::None;
                }
                // Every token at the callee, so rustc reports the mismatch there.
                let root = respan(self.ty.root.clone(), span);
                quote_spanned!(span=> #root::__private::callee(#kind_path, #callee))
            }
            _ => callee,
        };
        Lowered::new(rebuild(callee, at), Kind::Active)
    }

    fn macro_call(&mut self, mac: &Macro) -> Lowered {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let kind = if DIVERGING_MACROS.contains(&name.as_str()) {
            Kind::Never
        } else {
            Kind::Other
        };
        let found = self
            .mentions_tokens(&mac.tokens)
            .or_else(|| self.inline_active(&mac.tokens));
        let Some(found) = found else {
            return Lowered::new(mac.to_token_stream(), kind);
        };
        if let Some(l) = self.matrix_literal(mac) {
            return l;
        }
        if PRIMAL_MACROS.contains(&name.as_str()) {
            let parsed = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated);
            match parsed {
                Ok(args) => {
                    let mut out = Vec::new();
                    for a in &args {
                        if let Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) = a
                        {
                            for inline in inline_format_args(&s.value()) {
                                if self.active_name(&inline) {
                                    self.cx.error_spanned_by(
                                        s,
                                        format!("`{{{inline}}}` in the format string names `{inline}`, which carries derivatives, and `#[jet]` cannot rewrite it; pass it as an argument instead, `{name}!(\"... {{}}\", {inline})`, and the macro receives its plain value"),
                                    );
                                }
                            }
                        }
                        out.push(self.primal(a));
                    }
                    let path = &mac.path;
                    let bang = &mac.bang_token;
                    let (delim, dspan) = match &mac.delimiter {
                        syn::MacroDelimiter::Paren(p) => (Delimiter::Parenthesis, p.span.join()),
                        syn::MacroDelimiter::Brace(b) => (Delimiter::Brace, b.span.join()),
                        syn::MacroDelimiter::Bracket(b) => (Delimiter::Bracket, b.span.join()),
                    };
                    let mut g = Group::new(delim, quote!(#(#out),*));
                    g.set_span(dspan);
                    return Lowered::new(quote!(#path #bang #g), kind);
                }
                Err(_) => {
                    self.cx.error_spanned_by(
                        mac,
                        format!("cannot read the arguments of `{name}!`, which mention `{found}`, a value that carries derivatives; pass it plain expressions separated by commas"),
                    );
                    return Lowered::new(mac.to_token_stream(), kind);
                }
            }
        }
        self.cx.error_spanned_by(
            mac,
            format!(
                "macro `{name}!` uses `{found}`, which carries derivatives in the companion; `#[jet]` cannot see what a macro expands to: compute the value without the macro, or give it only values that do not depend on {}",
                self.params_text()
            ),
        );
        Lowered::new(mac.to_token_stream(), kind)
    }

    // ---- control flow -----------------------------------------------------------------

    /// A branch condition, on primal values; `let` patterns bind in the current scope.
    fn cond(&mut self, c: &Expr) -> TokenStream {
        match c {
            Expr::Let(l) => {
                self.check_pattern_of_active(&l.pat, &l.expr);
                let scrut = self.primal(&l.expr);
                self.declare_pattern(&l.pat, "it is bound by a pattern");
                let (lt, pat, eq) = (&l.let_token, &l.pat, &l.eq_token);
                quote!(#lt #pat #eq #scrut)
            }
            Expr::Binary(b) if matches!(b.op, BinOp::And(_)) => {
                let l = self.cond(&b.left);
                let r = self.cond(&b.right);
                let op = &b.op;
                quote!(#l #op #r)
            }
            _ => self.primal(c),
        }
    }

    /// A pattern matched against a value computed from active bindings would bind plain
    /// values (the match reads the primal) and silently lose the derivatives: rejected.
    fn check_pattern_of_active(&self, pat: &Pat, scrutinee: &Expr) {
        let Some(found) = self.mentions(scrutinee) else {
            return;
        };
        let mut names = PatNames(Vec::new());
        names.visit_pat(pat);
        if let Some(first) = names.0.first() {
            self.cx.error_spanned_by(
                pat,
                format!(
                    "this pattern binds `{first}` from a value computed from `{found}`, which carries derivatives; patterns match the plain value, so `{first}` would lose them: match on the plain value without binding (`Some(_)`, literals, ranges, guards), and use `{found}` itself in the arm"
                ),
            );
        }
    }

    fn target(&self, id: usize, want: Option<&Kind>) -> Option<Kind> {
        want.cloned()
            .or_else(|| self.state.targets.get(&id).cloned())
    }

    /// Records that branches of kinds `kinds` must be lifted to their join.
    fn note_join(
        &mut self,
        id: usize,
        want: Option<&Kind>,
        target: &Option<Kind>,
        kinds: &[Kind],
    ) -> Kind {
        let join = kinds.iter().fold(Kind::Never, |acc, k| acc.join(k));
        if want.is_none()
            && join.is_active()
            && kinds.iter().any(|k| k.needs_lift_to(&join))
            && target.as_ref() != Some(&join)
        {
            let merged = match target {
                Some(t) => t.join(&join),
                None => join.clone(),
            };
            self.state.targets.insert(id, merged);
            self.state.changed = true;
        }
        match target {
            Some(t) if join != Kind::Never => t.clone(),
            _ => join,
        }
    }

    fn if_expr(&mut self, i: &syn::ExprIf, want: Option<&Kind>) -> Lowered {
        let id = addr(i);
        let target = self.target(id, want);
        self.env.push();
        let cond = self.cond(&i.cond);
        let then = self.block(&i.then_branch, target.as_ref());
        self.env.pop();
        let mut kinds = vec![then.kind.clone()];
        let els = i.else_branch.as_ref().map(|(tok, e)| {
            let l = match &**e {
                Expr::If(inner) => self.if_expr(inner, target.as_ref()),
                Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => {
                    self.block(&b.block, target.as_ref())
                }
                other => {
                    let l = self.expr(other, target.as_ref());
                    let t = l.tokens;
                    Lowered::new(quote!({ #t }), l.kind)
                }
            };
            kinds.push(l.kind.clone());
            let t = l.tokens;
            quote!(#tok #t)
        });
        let kind = if els.is_some() {
            self.note_join(id, want, &target, &kinds)
        } else {
            Kind::Other
        };
        let (attrs, if_tok, tt) = (&i.attrs, &i.if_token, then.tokens);
        Lowered::new(quote!(#(#attrs)* #if_tok #cond #tt #els), kind)
    }

    fn match_expr(&mut self, m: &syn::ExprMatch, want: Option<&Kind>) -> Lowered {
        let id = addr(m);
        let target = self.target(id, want);
        let scrut = self.primal(&m.expr);
        // `match x { v if v > 0.0 => v, .. }` on an active binding `x`: `v` is `x`
        // itself. The pattern binds the primal (for guards and nested patterns); the arm's
        // body rebinds `v` to the jet, saved before the `match` in case a pattern
        // shadows `x`.
        let saved = match self.binding_of(&m.expr) {
            Some((x, id)) if self.is_active(id) => Some((x.clone(), self.fresh_ident("scrutinee"))),
            _ => None,
        };
        let mut kinds = Vec::new();
        let mut arms = Vec::new();
        for arm in &m.arms {
            self.env.push();
            let mut rebind = None;
            match (&arm.pat, &saved) {
                (Pat::Ident(pi), Some((_, tmp))) if pi.by_ref.is_none() => {
                    // The primal binding, for the guard: a synthetic identity next to the
                    // pattern's identifier (no other identifier starts one byte later).
                    self.env.declare_with_id(
                        &pi.ident.to_string(),
                        binding_id(&pi.ident) + 1,
                        Binding {
                            pinned: Some("it is bound by a `match` pattern".to_string()),
                            float: true,
                            float_container: false,
                            ..Binding::default()
                        },
                    );
                    if let Some((_, sub)) = &pi.subpat {
                        self.declare_pattern(sub, "it is bound by a `match` pattern");
                    }
                    rebind = Some((pi, tmp.clone()));
                }
                _ => {
                    self.check_pattern_of_active(&arm.pat, &m.expr);
                    self.declare_pattern(&arm.pat, "it is bound by a `match` pattern");
                }
            }
            let guard = arm.guard.as_ref().map(|(tok, g)| {
                let g = self.primal(g);
                quote!(#tok #g)
            });
            let body = match rebind {
                Some((pi, tmp)) => {
                    self.env.push();
                    let id = self.env.declare(
                        &pi.ident,
                        Binding {
                            pinned: None,
                            float: false,
                            float_container: false,
                            ..Binding::default()
                        },
                    );
                    if self.state.active.insert(id) {
                        self.state.changed = true;
                    }
                    let body = self.expr(&arm.body, target.as_ref());
                    self.env.pop();
                    let (mutability, v, bt) = (&pi.mutability, &pi.ident, body.tokens);
                    Lowered::new(quote!({ let #mutability #v = #tmp; #bt }), body.kind)
                }
                None => self.expr(&arm.body, target.as_ref()),
            };
            self.env.pop();
            kinds.push(body.kind.clone());
            // A rebound name the guard does not read is dropped from the pattern (it
            // would be an unused variable).
            let pat = match (&arm.pat, &saved) {
                (Pat::Ident(pi), Some(_))
                    if pi.by_ref.is_none()
                        && !arm.guard.as_ref().is_some_and(|(_, g)| {
                            mentions_name(&g.to_token_stream(), &pi.ident)
                        }) =>
                {
                    match &pi.subpat {
                        Some((_, sub)) => sub.to_token_stream(),
                        None => quote!(_),
                    }
                }
                _ => arm.pat.to_token_stream(),
            };
            let (attrs, arrow, bt) = (&arm.attrs, &arm.fat_arrow_token, body.tokens);
            arms.push(quote!(#(#attrs)* #pat #guard #arrow #bt,));
        }
        let kind = self.note_join(id, want, &target, &kinds);
        let (attrs, mt) = (&m.attrs, &m.match_token);
        let mut g = Group::new(Delimiter::Brace, quote!(#(#arms)*));
        g.set_span(m.brace_token.span.join());
        match saved {
            Some((x, tmp)) => {
                let scrut = self.value_of(quote!(#tmp), x.span());
                Lowered::new(quote!({ let #tmp = #x; #(#attrs)* #mt #scrut #g }), kind)
            }
            None => Lowered::new(quote!(#(#attrs)* #mt #scrut #g), kind),
        }
    }

    fn loop_expr(&mut self, l: &syn::ExprLoop, want: Option<&Kind>) -> Lowered {
        let id = addr(l);
        let target = self.target(id, want);
        self.loops.push(LoopFrame {
            label: l.label.as_ref().map(|x| x.name.ident.to_string()),
            target: target.clone(),
            breaks: Vec::new(),
        });
        let body = self.block(&l.body, None);
        let frame = self.loops.pop();
        let breaks = frame.map(|f| f.breaks).unwrap_or_default();
        let kind = if breaks.is_empty() {
            Kind::Never
        } else {
            self.note_join(id, want, &target, &breaks)
        };
        let (attrs, label, lt, bt) = (&l.attrs, &l.label, &l.loop_token, body.tokens);
        Lowered::new(quote!(#(#attrs)* #label #lt #bt), kind)
    }

    fn break_expr(&mut self, b: &syn::ExprBreak) -> Lowered {
        let label = b.label.as_ref().map(|l| l.ident.to_string());
        let idx = match &label {
            Some(name) => self
                .loops
                .iter()
                .rposition(|f| f.label.as_ref() == Some(name)),
            None => self.loops.len().checked_sub(1),
        };
        let target = idx
            .and_then(|i| self.loops.get(i))
            .and_then(|f| f.target.clone());
        let v = b.expr.as_ref().map(|x| self.expr(x, target.as_ref()));
        let kind = v.as_ref().map(|v| v.kind.clone()).unwrap_or(Kind::Other);
        if let Some(f) = idx.and_then(|i| self.loops.get_mut(i)) {
            f.breaks.push(kind);
        }
        let (bt, lbl, vt) = (&b.break_token, &b.label, v.map(|v| v.tokens));
        Lowered::new(quote!(#bt #lbl #vt), Kind::Never)
    }

    fn while_expr(&mut self, w: &syn::ExprWhile) -> TokenStream {
        self.env.push();
        let cond = self.cond(&w.cond);
        self.loops.push(LoopFrame {
            label: w.label.as_ref().map(|x| x.name.ident.to_string()),
            target: None,
            breaks: Vec::new(),
        });
        let body = self.block(&w.body, None);
        self.loops.pop();
        self.env.pop();
        let (attrs, label, wt, bt) = (&w.attrs, &w.label, &w.while_token, body.tokens);
        quote!(#(#attrs)* #label #wt #cond #bt)
    }

    fn for_expr(&mut self, f: &syn::ExprForLoop) -> TokenStream {
        self.iter_mut_root = None;
        let it = self.expr(&f.expr, None);
        let item = match &it.kind {
            Kind::Iter(k) => Some((**k).clone()),
            Kind::Array(k) | Kind::Matrix(k) => Some(ref_item(k)),
            Kind::Active | Kind::ActiveRef => Some(Kind::ActiveRef),
            k if k.is_active() => {
                self.cx.error_spanned_by(
                    &f.expr,
                    "cannot iterate over a value that carries derivatives; loop over a range of integers, a slice, an array or a `Vec`",
                );
                None
            }
            _ => match self.guess_item(&f.expr) {
                Kind::Other => None,
                k => Some(k),
            },
        };
        self.env.push();
        let (pat, prelude) = match &item {
            Some(k) => self.bind_pattern(&f.pat, k),
            None => {
                self.declare_pattern(&f.pat, "it is bound by a `for` pattern");
                self.flag_unknown_item(&f.pat);
                (f.pat.to_token_stream(), TokenStream::new())
            }
        };
        self.iter_mut_root = None;
        self.loops.push(LoopFrame {
            label: f.label.as_ref().map(|x| x.name.ident.to_string()),
            target: None,
            breaks: Vec::new(),
        });
        let body = self.block(&f.body, None);
        self.loops.pop();
        self.env.pop();
        let (attrs, label, ft, int, itt, bt) = (
            &f.attrs,
            &f.label,
            &f.for_token,
            &f.in_token,
            it.tokens,
            prepend(body.tokens, prelude),
        );
        quote!(#(#attrs)* #label #ft #pat #int #itt #bt)
    }

    /// Lowers a block in a new scope; its tail is converted to `want`.
    pub(crate) fn block(&mut self, b: &Block, want: Option<&Kind>) -> Lowered {
        self.env.push();
        let plan = optimize::plan_sin_cos(b);
        let mut hoisted = Vec::new();
        let mut out = TokenStream::new();
        let mut kind = Kind::Other;
        let n = b.stmts.len();
        for (i, stmt) in b.stmts.iter().enumerate() {
            for (_, name) in plan.iter().filter(|(j, _)| *j == i) {
                if let Some(id) = self.env.lookup(name) {
                    if self.is_active(id) && !self.hoists.contains_key(&id) {
                        let s = self.fresh_ident(&format!("sin_{name}"));
                        let c = self.fresh_ident(&format!("cos_{name}"));
                        let x = Ident::new(name, Span::call_site());
                        let call = self.call("sin_cos", Span::call_site(), vec![quote!(#x)]);
                        out.extend(quote!(let (#s, #c) = #call;));
                        self.hoists.insert(id, (s, c));
                        hoisted.push(id);
                    }
                }
            }
            let last = i + 1 == n;
            match stmt {
                Stmt::Local(l) => {
                    out.extend(self.local(l));
                    kind = Kind::Other;
                }
                Stmt::Item(it) => {
                    out.extend(it.to_token_stream());
                    kind = Kind::Other;
                }
                Stmt::Expr(e, None) if last => {
                    let l = self.expr(e, want);
                    kind = l.kind;
                    out.extend(l.tokens);
                }
                Stmt::Expr(e, semi) => {
                    let l = self.expr(e, None);
                    kind = if l.kind == Kind::Never {
                        Kind::Never
                    } else {
                        Kind::Other
                    };
                    out.extend(l.tokens);
                    out.extend(semi.to_token_stream());
                }
                Stmt::Macro(m) => {
                    let mut l = self.macro_call(&m.mac);
                    if last && m.semi_token.is_none() {
                        if let Some(w) = want {
                            l = self.coerce(l, w, m.mac.span());
                        }
                    }
                    kind = if l.kind == Kind::Never || (last && m.semi_token.is_none()) {
                        l.kind
                    } else {
                        Kind::Other
                    };
                    let attrs = &m.attrs;
                    out.extend(quote!(#(#attrs)*));
                    out.extend(l.tokens);
                    out.extend(m.semi_token.to_token_stream());
                }
            }
        }
        for id in hoisted {
            self.hoists.remove(&id);
        }
        self.env.pop();
        let mut g = Group::new(Delimiter::Brace, out);
        g.set_span(b.brace_token.span.join());
        Lowered::new(g.into_token_stream(), kind)
    }

    fn local(&mut self, l: &Local) -> TokenStream {
        let attrs = &l.attrs;
        let let_tok = &l.let_token;
        let (pat, ty) = match &l.pat {
            Pat::Type(pt) => (&*pt.pat, Some(&*pt.ty)),
            p => (p, None),
        };
        let names = self.info.float_names.clone();
        let init_tokens = l
            .init
            .as_ref()
            .map(|i| i.expr.to_token_stream())
            .unwrap_or_else(|| l.pat.to_token_stream());
        match pat {
            Pat::Ident(pi) if pi.subpat.is_none() => {
                let id = binding_id(&pi.ident);
                let ty_float = ty.is_some_and(|t| is_float_type(t, &names));
                let ty_shape = ty.and_then(|t| self.annotated_shape(t));
                let pinned = match ty {
                    Some(t) if !ty_float && ty_shape.is_none() && !matches!(t, Type::Infer(_)) => Some(format!(
                        "it has type `{}`, which cannot carry derivatives; to keep only the plain value, convert explicitly (`... as {}`), or drop the type annotation so the binding can carry derivatives",
                        render(t),
                        render(t)
                    )),
                    _ => None,
                };
                let active = self.is_active(id);
                // The shape from the annotation, else from the initializer's syntax.
                let pre_shape = ty_shape.clone().or_else(|| {
                    l.init
                        .as_ref()
                        .map(|i| self.guess(&i.expr).deactivate())
                        .filter(Kind::is_container)
                });
                let want = match &pre_shape {
                    Some(s) => s.activate(),
                    None => Kind::Active,
                };
                let init = l
                    .init
                    .as_ref()
                    .map(|i| self.expr(&i.expr, if active { Some(&want) } else { None }));
                let diverge =
                    l.init
                        .as_ref()
                        .and_then(|i| i.diverge.as_ref())
                        .map(|(else_tok, e)| {
                            let t = self.expr(e, None).tokens;
                            quote!(#else_tok #t)
                        });
                let init_kind = init.as_ref().map(|i| i.kind.clone()).unwrap_or(Kind::Other);
                let mut now_active = active;
                if !active && init_kind.is_active() {
                    if matches!(init_kind, Kind::Tuple(_)) {
                        self.cx.error_spanned_by(
                            init_tokens.clone(),
                            format!("`{}` would hold a tuple that carries derivatives; bind its parts with a tuple pattern instead, e.g. `let (a, b) = ...;`", pi.ident),
                        );
                    } else if pinned.is_some() {
                        self.env.declare(
                            &pi.ident,
                            Binding {
                                pinned: pinned.clone(),
                                float: false,
                                float_container: false,
                                ..Binding::default()
                            },
                        );
                        self.mark(id, &pi.ident, init_tokens.clone());
                    } else {
                        self.mark(id, &pi.ident, init_tokens.clone());
                        now_active = true;
                    }
                }
                let shape = pre_shape.or_else(|| {
                    Some(init_kind.deactivate())
                        .filter(|k| k.is_container() || *k == Kind::FloatMut)
                });
                self.env.declare(
                    &pi.ident,
                    Binding {
                        pinned,
                        float: (ty_float || init_kind == Kind::Float) && shape.is_none(),
                        float_container: ty.is_some_and(|t| is_float_container(t, &names))
                            || shape == Some(Kind::Array(Box::new(Kind::Float))),
                        shape,
                        alias: None,
                        rebound: false,
                        unknown_item: false,
                    },
                );
                let ty_tokens = match ty {
                    Some(t) if now_active && (ty_float || ty_shape.is_some()) => {
                        let t = jet_type(t, &names, &self.ty.jet);
                        quote!(: #t)
                    }
                    Some(t) => quote!(: #t),
                    None => TokenStream::new(),
                };
                let eq = l.init.as_ref().map(|i| &i.eq_token);
                let it = init.map(|i| i.tokens);
                let semi = &l.semi_token;
                quote!(#(#attrs)* #let_tok #pi #ty_tokens #eq #it #diverge #semi)
            }
            Pat::Tuple(tp)
                if tp.elems.iter().all(|p| {
                    matches!(p, Pat::Ident(pi) if pi.subpat.is_none()) || matches!(p, Pat::Wild(_))
                }) =>
            {
                let idents: Vec<Option<&syn::PatIdent>> = tp
                    .elems
                    .iter()
                    .map(|p| match p {
                        Pat::Ident(pi) => Some(pi),
                        _ => None,
                    })
                    .collect();
                let actives: Vec<bool> = idents
                    .iter()
                    .map(|p| p.is_some_and(|pi| self.is_active(binding_id(&pi.ident))))
                    .collect();
                let want = actives.iter().any(|a| *a).then(|| {
                    Kind::Tuple(
                        actives
                            .iter()
                            .map(|a| if *a { Kind::Active } else { Kind::Other })
                            .collect(),
                    )
                });
                let init = l.init.as_ref().map(|i| self.expr(&i.expr, want.as_ref()));
                let diverge =
                    l.init
                        .as_ref()
                        .and_then(|i| i.diverge.as_ref())
                        .map(|(else_tok, e)| {
                            let t = self.expr(e, None).tokens;
                            quote!(#else_tok #t)
                        });
                let init_kind = init.as_ref().map(|i| i.kind.clone()).unwrap_or(Kind::Other);
                let mut final_active = actives.clone();
                for (k, pi) in idents.iter().enumerate() {
                    let Some(pi) = pi else { continue };
                    let kind_k = match &init_kind {
                        Kind::Tuple(ks) => ks.get(k).cloned().unwrap_or(Kind::Other),
                        Kind::Active | Kind::ActiveRef => Kind::Active,
                        _ => Kind::Other,
                    };
                    let id = binding_id(&pi.ident);
                    if kind_k.is_active()
                        && !self.is_active(id)
                        && self.mark(id, &pi.ident, init_tokens.clone())
                    {
                        if let Some(slot) = final_active.get_mut(k) {
                            *slot = true;
                        }
                    }
                    self.env.declare(
                        &pi.ident,
                        Binding {
                            pinned: None,
                            float: kind_k == Kind::Float,
                            float_container: false,
                            ..Binding::default()
                        },
                    );
                }
                let ty_tokens = ty.map(|t| match t {
                    Type::Tuple(tt) if tt.elems.len() == final_active.len() => {
                        let jet = &self.ty.jet;
                        let elems = tt.elems.iter().zip(&final_active).map(|(e, a)| {
                            if *a && is_float_type(e, &names) {
                                quote!(#jet)
                            } else {
                                quote!(#e)
                            }
                        });
                        quote!(: (#(#elems,)*))
                    }
                    other => quote!(: #other),
                });
                let eq = l.init.as_ref().map(|i| &i.eq_token);
                let it = init.map(|i| i.tokens);
                let semi = &l.semi_token;
                quote!(#(#attrs)* #let_tok #tp #ty_tokens #eq #it #diverge #semi)
            }
            _ => {
                let init = l.init.as_ref().map(|i| self.expr(&i.expr, None));
                if init.as_ref().is_some_and(|i| i.kind.is_active()) {
                    self.cx.error_spanned_by(
                        &l.pat,
                        "cannot destructure a value that carries derivatives with this pattern; bind it to a name (`let v = ...;`) or, for pairs, to a tuple of names (`let (a, b) = ...;`)",
                    );
                }
                let diverge =
                    l.init
                        .as_ref()
                        .and_then(|i| i.diverge.as_ref())
                        .map(|(else_tok, e)| {
                            let t = self.expr(e, None).tokens;
                            quote!(#else_tok #t)
                        });
                self.declare_pattern(pat, "it is bound by a pattern");
                let full = &l.pat;
                let eq = l.init.as_ref().map(|i| &i.eq_token);
                let it = init.map(|i| i.tokens);
                let semi = &l.semi_token;
                quote!(#(#attrs)* #let_tok #full #eq #it #diverge #semi)
            }
        }
    }

    // ---- kinds of inactive expressions ------------------------------------------------

    /// The kind of an expression that mentions no active binding.
    fn guess(&self, e: &Expr) -> Kind {
        match e {
            Expr::Lit(l) => match &l.lit {
                syn::Lit::Float(_) => Kind::Float,
                _ => Kind::Other,
            },
            Expr::Path(p) => match optimize::path_ident(p) {
                Some(i) => match self.env.lookup(&i.to_string()) {
                    Some(id) => self.binding_kind(id),
                    None => const_guess(&p.path, &self.info.float_names),
                },
                None => const_guess(&p.path, &self.info.float_names),
            },
            Expr::Paren(p) => self.guess(&p.expr),
            Expr::Group(g) => self.guess(&g.expr),
            Expr::Tuple(t) => Kind::Tuple(t.elems.iter().map(|x| self.guess(x)).collect()),
            Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => self.guess(&u.expr),
            Expr::Binary(b) => match b.op {
                BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_) | BinOp::Rem(_) => {
                    match (self.guess(&b.left), self.guess(&b.right)) {
                        (Kind::Matrix(_), _) | (_, Kind::Matrix(_)) => {
                            Kind::Matrix(Box::new(Kind::Float))
                        }
                        (Kind::Float, _) | (_, Kind::Float) => Kind::Float,
                        _ => Kind::Other,
                    }
                }
                _ => Kind::Other,
            },
            Expr::Cast(c) if is_float_type(&c.ty, &self.info.float_names) => Kind::Float,
            Expr::Reference(r) => match self.guess(&r.expr) {
                k @ (Kind::Array(_) | Kind::Matrix(_)) => k,
                Kind::Float => Kind::Float,
                _ => Kind::Other,
            },
            Expr::Array(a) => Kind::Array(Box::new(
                a.elems
                    .iter()
                    .fold(Kind::Never, |acc, x| acc.join(&self.guess(x))),
            )),
            Expr::Repeat(r) => Kind::Array(Box::new(self.guess(&r.expr))),
            Expr::Range(_) => Kind::Iter(Box::new(Kind::Other)),
            Expr::Struct(st) => match self.declared_struct(&st.path) {
                Some(n) => Kind::Struct(n),
                None => Kind::Other,
            },
            Expr::Field(f) => match self.guess(&f.base) {
                Kind::Struct(_) => Kind::Float,
                Kind::ActiveStruct(_) => Kind::Active,
                Kind::Matrix(k) if matches!(&f.member, syn::Member::Named(n) if crate::symbol::is_nalgebra_field(&n.to_string())) => {
                    *k
                }
                _ => Kind::Other,
            },
            Expr::MethodCall(m) if is_matrix(&self.guess(&m.receiver)) => {
                let name = m.method.to_string();
                match name.as_str() {
                    "iter" => Kind::Iter(Box::new(Kind::Float)),
                    "dot" | "norm" | "norm_squared" | "magnitude" | "magnitude_squared" | "sum"
                    | "product" | "max" | "min" | "trace" | "mean" => Kind::Float,
                    "len" | "nrows" | "ncols" | "shape" | "is_empty" | "is_square" => Kind::Other,
                    _ => Kind::Matrix(Box::new(Kind::Float)),
                }
            }
            Expr::MethodCall(m)
                if matches!(self.guess(&m.receiver), Kind::Array(_) | Kind::Iter(_)) =>
            {
                let name = m.method.to_string();
                match (self.guess(&m.receiver), name.as_str()) {
                    (Kind::Array(k), "iter" | "into_iter") => Kind::Iter(Box::new(ref_item(&k))),
                    (Kind::Array(k), "chunks" | "chunks_exact" | "windows") => {
                        Kind::Iter(Box::new(Kind::Array(k)))
                    }
                    (k @ Kind::Array(_), "clone" | "to_vec" | "to_owned" | "as_slice") => k,
                    (Kind::Iter(k), "enumerate") => {
                        Kind::Iter(Box::new(Kind::Tuple(vec![Kind::Other, *k])))
                    }
                    (Kind::Iter(k), "zip") => {
                        let other = m
                            .args
                            .first()
                            .map(|a| self.guess_item(a))
                            .unwrap_or(Kind::Other);
                        Kind::Iter(Box::new(Kind::Tuple(vec![*k, other])))
                    }
                    (
                        k @ Kind::Iter(_),
                        "rev" | "skip" | "take" | "step_by" | "copied" | "cloned",
                    ) => k,
                    (Kind::Iter(k), "sum" | "product") if *k == Kind::Float => Kind::Float,
                    _ => Kind::Other,
                }
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                match primitives::lookup(&name) {
                    Some(Rule::Method(_)) | Some(Rule::Identity) => self.guess(&m.receiver),
                    // `C.iter()` of a `const`, `self.c.iter()`: items of unknown kind
                    // (maybe `&T`, read by value where they meet a jet).
                    _ if name == "iter" || name == "into_iter" => Kind::Iter(Box::new(Kind::Other)),
                    _ if matches!(
                        name.as_str(),
                        "unwrap" | "expect" | "unwrap_or" | "unwrap_or_else" | "unwrap_or_default"
                    ) =>
                    {
                        match &*m.receiver {
                            Expr::Call(c) if self.is_float_from(&c.func) => Kind::Float,
                            _ => Kind::Other,
                        }
                    }
                    _ => Kind::Other,
                }
            }
            Expr::Call(c) => match &*c.func {
                Expr::Path(fp) => {
                    let segs: Vec<&syn::PathSegment> = fp.path.segments.iter().collect();
                    let last = segs.last().map(|s| s.ident.to_string()).unwrap_or_default();
                    let float_path = segs.len() >= 2
                        && segs
                            .get(segs.len() - 2)
                            .is_some_and(|s| self.is_float_path_prefix(s));
                    let vec_new = segs.len() >= 2
                        && segs.get(segs.len() - 2).is_some_and(|s| s.ident == "Vec")
                        && matches!(last.as_str(), "new" | "with_capacity");
                    if float_path && last != "from" {
                        Kind::Float
                    } else if matrices::nalgebra_call_path(&fp.path) {
                        Kind::Matrix(Box::new(Kind::Float))
                    } else if vec_new {
                        Kind::Array(Box::new(Kind::Other))
                    } else {
                        Kind::Other
                    }
                }
                _ => Kind::Other,
            },
            Expr::Index(i) => match self.guess(&i.expr) {
                k @ Kind::Array(_) if matches!(&*i.index, Expr::Range(_)) => k,
                Kind::Array(k) | Kind::Matrix(k) => *k,
                Kind::Active | Kind::ActiveRef => Kind::Active,
                _ => match self.binding_of(&i.expr) {
                    Some((_, id)) if self.env.binding(id).is_some_and(|b| b.float_container) => {
                        Kind::Float
                    }
                    _ => Kind::Other,
                },
            },
            Expr::Return(_) | Expr::Continue(_) | Expr::Break(_) => Kind::Never,
            Expr::Macro(m) if parse_vec(&m.mac).is_some() => match parse_vec(&m.mac) {
                Some(containers::VecBody::Repeat(x, _)) => Kind::Array(Box::new(self.guess(&x))),
                Some(containers::VecBody::List(xs)) => Kind::Array(Box::new(
                    xs.iter()
                        .fold(Kind::Never, |acc, x| acc.join(&self.guess(x))),
                )),
                None => Kind::Other,
            },
            Expr::Macro(m) if matrices::matrix_macro(&m.mac) => Kind::Matrix(Box::new(Kind::Float)),
            Expr::Macro(m) => {
                let name = m
                    .mac
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                if DIVERGING_MACROS.contains(&name.as_str()) {
                    Kind::Never
                } else {
                    Kind::Other
                }
            }
            Expr::Block(b) => match b.block.stmts.last() {
                Some(Stmt::Expr(e, None)) => self.guess(e),
                _ => Kind::Other,
            },
            Expr::If(i) => {
                let then = match i.then_branch.stmts.last() {
                    Some(Stmt::Expr(e, None)) => self.guess(e),
                    _ => Kind::Other,
                };
                match &i.else_branch {
                    Some((_, e)) => then.join(&self.guess(e)),
                    None => Kind::Other,
                }
            }
            _ => Kind::Other,
        }
    }

    fn is_float_from(&self, func: &Expr) -> bool {
        match func {
            Expr::Path(fp) => {
                let segs: Vec<&syn::PathSegment> = fp.path.segments.iter().collect();
                segs.len() >= 2
                    && segs.last().is_some_and(|s| s.ident == "from")
                    && segs
                        .get(segs.len() - 2)
                        .is_some_and(|s| self.is_float_path_prefix(s))
            }
            _ => false,
        }
    }
}

/// `args` (the contents of a parenthesis) as the argument list of `m`, spanned at its
/// parentheses.
fn paren_args(m: &syn::ExprMethodCall, args: TokenStream) -> TokenStream {
    let mut g = Group::new(Delimiter::Parenthesis, args);
    g.set_span(m.paren_token.span.join());
    g.into_token_stream()
}

/// `recv.method::<..>` as written in `m`, on the lowered receiver `recv`, followed by the
/// argument list `args`.
fn call_as_written(recv: &TokenStream, m: &syn::ExprMethodCall, args: TokenStream) -> TokenStream {
    let (dot, meth, tf) = (&m.dot_token, &m.method, &m.turbofish);
    quote!(#recv #dot #meth #tf #args)
}

/// `ts` with every token at `span`.
fn respan(ts: TokenStream, span: Span) -> TokenStream {
    ts.into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), respan(g.stream(), span));
                ng.set_span(span);
                TokenTree::Group(ng)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}

fn is_int_two(e: &Expr) -> bool {
    matches!(e, Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if i.base10_digits() == "2")
}

/// Paths that are float constants: `std::f64::consts::PI`, `f64::EPSILON`, `SCALE`.
fn const_guess(path: &syn::Path, float_names: &[String]) -> Kind {
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let Some(last) = segs.last() else {
        return Kind::Other;
    };
    let all_caps = last.len() >= 2
        && last
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit());
    let floaty = segs
        .iter()
        .any(|s| s == "consts" || float_names.contains(s));
    if all_caps && (floaty || segs.len() == 1) {
        Kind::Float
    } else {
        Kind::Other
    }
}

/// `&[T]`, `[T; N]`, `Vec<T>` of a float `T`.
fn is_float_container(ty: &Type, names: &[String]) -> bool {
    match ty {
        Type::Reference(r) => is_float_container(&r.elem, names),
        Type::Slice(s) => is_float_type(&s.elem, names),
        Type::Array(a) => is_float_type(&a.elem, names),
        Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            s.ident == "Vec"
                && matches!(&s.arguments, syn::PathArguments::AngleBracketed(a)
                    if a.args.iter().any(|g| matches!(g, syn::GenericArgument::Type(t) if is_float_type(t, names))))
        }),
        _ => false,
    }
}

/// Whether `ts` contains the identifier `name` (at any depth).
fn mentions_name(ts: &TokenStream, name: &Ident) -> bool {
    ts.clone().into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => i == *name,
        TokenTree::Group(g) => mentions_name(&g.stream(), name),
        _ => false,
    })
}

/// Names of inline format arguments, `{x}` or `{x:.3}` in a format string.
fn inline_format_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            continue;
        }
        if chars.peek() == Some(&'{') {
            chars.next();
            continue;
        }
        let mut name = String::new();
        while let Some(&n) = chars.peek() {
            if n.is_alphanumeric() || n == '_' {
                name.push(n);
                chars.next();
            } else {
                break;
            }
        }
        if name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
        {
            out.push(name);
        }
    }
    out
}

/// Whether `e` calls `.iter_mut()` outside closures: the walker records the container
/// its items write into, so it must see the call even when nothing is active yet.
fn calls_iter_mut(e: &Expr) -> bool {
    struct V(bool);
    impl<'ast> Visit<'ast> for V {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if m.method == "iter_mut" {
                self.0 = true;
            }
            visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = V(false);
    v.visit_expr(e);
    v.0
}

/// Whether `e` holds a `return` or a `break` with a value (outside closures), which the
/// walker must see to convert the value even when nothing in `e` is active.
fn needs_walk(e: &Expr) -> bool {
    struct V(bool);
    impl<'ast> Visit<'ast> for V {
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
            if b.expr.is_some() {
                self.0 = true;
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
        fn visit_macro(&mut self, m: &'ast Macro) {
            // `return` inside a macro's tokens.
            let mut stack = vec![m.tokens.clone()];
            while let Some(ts) = stack.pop() {
                for tt in ts {
                    match tt {
                        TokenTree::Ident(i) if i == "return" => self.0 = true,
                        TokenTree::Group(g) => stack.push(g.stream()),
                        _ => {}
                    }
                }
            }
        }
    }
    let mut v = V(false);
    v.visit_expr(e);
    v.0
}

struct Mentions<'l, 's, 'a> {
    lw: &'l Lowerer<'s, 'a>,
    shadow: Vec<String>,
    found: Option<Ident>,
}

impl Mentions<'_, '_, '_> {
    fn check(&mut self, ident: &Ident) {
        if self.found.is_some() {
            return;
        }
        let name = ident.to_string();
        if !self.shadow.contains(&name) && self.lw.active_name(&name) {
            self.found = Some(ident.clone());
        }
    }

    fn scan(&mut self, ts: TokenStream) {
        let mut after_dot = false;
        for tt in ts {
            match tt {
                TokenTree::Ident(i) => {
                    if !after_dot {
                        self.check(&i);
                    }
                    after_dot = false;
                }
                TokenTree::Group(g) => {
                    self.scan(g.stream());
                    after_dot = false;
                }
                TokenTree::Punct(p) => after_dot = p.as_char() == '.',
                TokenTree::Literal(_) => after_dot = false,
            }
        }
    }
}

impl<'ast> Visit<'ast> for Mentions<'_, '_, '_> {
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if let Some(i) = optimize::path_ident(p) {
            self.check(i);
        }
        visit::visit_expr_path(self, p);
    }
    fn visit_macro(&mut self, m: &'ast Macro) {
        self.scan(m.tokens.clone());
    }
    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        let n = self.shadow.len();
        for p in &c.inputs {
            let mut names = PatNames(Vec::new());
            names.visit_pat(p);
            self.shadow.extend(names.0);
        }
        self.visit_expr(&c.body);
        self.shadow.truncate(n);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

struct PatNames(Vec<String>);

impl<'ast> Visit<'ast> for PatNames {
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        self.0.push(p.ident.to_string());
        visit::visit_pat_ident(self, p);
    }
}

struct PrimalSubst<'l, 's, 'a> {
    lw: &'l Lowerer<'s, 'a>,
    shadow: Vec<String>,
}

impl PrimalSubst<'_, '_, '_> {
    fn active_root(&self, e: &Expr) -> bool {
        match e {
            Expr::Index(i) => self.active_root(&i.expr),
            Expr::Paren(p) => self.active_root(&p.expr),
            Expr::Path(p) => optimize::path_ident(p).is_some_and(|i| {
                let name = i.to_string();
                !self.shadow.contains(&name) && self.lw.active_name(&name)
            }),
            _ => false,
        }
    }

    /// Substitutes inside the indices of `g[i][j]`, leaving the container itself.
    fn visit_indices(&mut self, e: &mut Expr) {
        match e {
            Expr::Index(i) => {
                self.visit_expr_mut(&mut i.index);
                self.visit_indices(&mut i.expr);
            }
            Expr::Paren(p) => self.visit_indices(&mut p.expr),
            _ => {}
        }
    }
}

impl VisitMut for PrimalSubst<'_, '_, '_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        // `*v` of a jet or of a float rebound by value: `v`'s value.
        if let Expr::Unary(u) = e {
            if matches!(u.op, UnOp::Deref(_))
                && (self.lw.rebound(&u.expr)
                    || optimize::single_ident(&u.expr).is_some_and(|i| {
                        self.active_root(&u.expr) && !self.lw.container_name(&i.to_string())
                    }))
            {
                let mut inner = (*u.expr).clone();
                self.visit_expr_mut(&mut inner);
                *e = inner;
                return;
            }
        }
        // `x[i]` of a container of jets: the element's value.
        if matches!(e, Expr::Index(_)) && self.active_root(e) {
            self.visit_indices(e);
            let t = self.lw.value_of(e.to_token_stream(), e.span());
            *e = syn::parse2::<Expr>(t.clone()).unwrap_or(Expr::Verbatim(t));
            return;
        }
        // `v.x` of a nalgebra vector of jets: the entry's value.
        if let Expr::Field(f) = e {
            let named = matches!(&f.member, syn::Member::Named(n) if crate::symbol::is_nalgebra_field(&n.to_string()));
            let matrix = optimize::single_ident(&f.base).is_some_and(|i| {
                let name = i.to_string();
                !self.shadow.contains(&name)
                    && self.lw.active_name(&name)
                    && self.lw.matrix_name(&name)
            });
            if named && matrix {
                let t = self.lw.value_of(e.to_token_stream(), e.span());
                *e = syn::parse2::<Expr>(t.clone()).unwrap_or(Expr::Verbatim(t));
                return;
            }
        }
        // `x.len()` of a container of jets: as written.
        if let Expr::MethodCall(m) = e {
            if matches!(
                m.method.to_string().as_str(),
                "len" | "is_empty" | "nrows" | "ncols" | "shape" | "is_square"
            ) && optimize::single_ident(&m.receiver).is_some()
            {
                for a in &mut m.args {
                    self.visit_expr_mut(a);
                }
                return;
            }
        }
        if let Expr::Path(p) = e {
            if let Some(i) = optimize::path_ident(p) {
                let name = i.to_string();
                if !self.shadow.contains(&name)
                    && self.lw.active_name(&name)
                    && self.lw.matrix_name(&name)
                {
                    // A matrix of jets: the matrix of its values.
                    let t = self.lw.matrix_values(quote!(#i), i.span());
                    *e = syn::parse2::<Expr>(t.clone()).unwrap_or(Expr::Verbatim(t));
                    return;
                }
                if !self.shadow.contains(&name)
                    && self.lw.active_name(&name)
                    && !self.lw.container_name(&name)
                {
                    let t = self.lw.value_of(quote!(#i), i.span());
                    *e = syn::parse2::<Expr>(t.clone()).unwrap_or(Expr::Verbatim(t));
                    return;
                }
            }
        }
        visit_mut::visit_expr_mut(self, e);
    }
    fn visit_expr_closure_mut(&mut self, c: &mut syn::ExprClosure) {
        let n = self.shadow.len();
        for p in &c.inputs {
            let mut names = PatNames(Vec::new());
            names.visit_pat(p);
            self.shadow.extend(names.0);
        }
        self.visit_expr_mut(&mut c.body);
        self.shadow.truncate(n);
    }
    fn visit_local_mut(&mut self, l: &mut Local) {
        if let Some(init) = &mut l.init {
            self.visit_expr_mut(&mut init.expr);
        }
        let mut names = PatNames(Vec::new());
        names.visit_pat(&l.pat);
        self.shadow.extend(names.0);
    }
    fn visit_macro_mut(&mut self, m: &mut Macro) {
        m.tokens = self.lw.primal_tokens(m.tokens.clone(), &self.shadow);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// Rewrites `c.sqrt()` of a plain float `c` (and `T::sqrt(c)`) into
/// `<T as jet::Float>::sqrt(c)`: in a `T: RealField` function the companion adds
/// `T: Float`, and both traits have these methods.
struct FloatUfcs<'l, 's, 'a> {
    lw: &'l Lowerer<'s, 'a>,
}

impl FloatUfcs<'_, '_, '_> {
    /// Whether `e` is recognizably a plain float of the companion's float type.
    fn plain_float(&self, e: &Expr) -> bool {
        match e {
            Expr::Paren(p) => self.plain_float(&p.expr),
            Expr::Group(g) => self.plain_float(&g.expr),
            Expr::Path(p) => optimize::path_ident(p)
                .and_then(|i| self.lw.env.lookup(&i.to_string()))
                .is_some_and(|id| {
                    !self.lw.is_active(id) && self.lw.env.binding(id).is_some_and(|b| b.float)
                }),
            Expr::MethodCall(m) => {
                primitives::float_trait_method(&m.method.to_string())
                    && self.plain_float(&m.receiver)
            }
            Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => self.plain_float(&u.expr),
            Expr::Binary(b) => {
                matches!(
                    b.op,
                    BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_)
                ) && (self.plain_float(&b.left) || self.plain_float(&b.right))
            }
            // `<J as Taylor<T>>::value(&x)` (what the primal reads of a jet), and
            // `<T as Float>::sqrt(c)` (rewritten here).
            Expr::Call(c) => matches!(&*c.func, Expr::Path(p) if p.qself.is_some()
            && p.path.segments.last().is_some_and(|s| {
                s.ident == "value" || primitives::float_trait_method(&s.ident.to_string())
            })),
            _ => false,
        }
    }

    fn scalar_path(&self, p: &syn::ExprPath) -> Option<Ident> {
        let segs: Vec<&syn::PathSegment> = p.path.segments.iter().collect();
        match segs.as_slice() {
            [t, m]
                if p.qself.is_none()
                    && t.arguments.is_empty()
                    && t.ident == self.lw.ty.scalar.to_string()
                    && primitives::float_trait_method(&m.ident.to_string()) =>
            {
                Some(m.ident.clone())
            }
            _ => None,
        }
    }
}

impl VisitMut for FloatUfcs<'_, '_, '_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        visit_mut::visit_expr_mut(self, e);
        let (root, scalar) = (&self.lw.ty.root, &self.lw.ty.scalar);
        let new = match &*e {
            Expr::MethodCall(m)
                if m.turbofish.is_none()
                    && primitives::float_trait_method(&m.method.to_string())
                    && self.plain_float(&m.receiver) =>
            {
                let (mut r, meth, args) = (&*m.receiver, &m.method, &m.args);
                // `(c * c).exp()` → `exp(c * c)`: the parentheses are not needed there.
                while let Expr::Paren(p) = r {
                    r = &p.expr;
                }
                let comma = (!args.is_empty()).then(|| quote!(,));
                Some(
                    quote_spanned!(meth.span()=> <#scalar as #root::Float>::#meth(#r #comma #args)),
                )
            }
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) => self.scalar_path(p).map(|meth| {
                    let args = &c.args;
                    quote_spanned!(meth.span()=> <#scalar as #root::Float>::#meth(#args))
                }),
                _ => None,
            },
            _ => None,
        };
        if let Some(t) = new {
            if let Ok(parsed) = syn::parse2::<Expr>(t) {
                *e = parsed;
            }
        }
    }
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_macro_mut(&mut self, _: &mut Macro) {}
}

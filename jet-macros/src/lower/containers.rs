//! Slices, arrays, `Vec`s and iterators of jets.
//!
//! A container binding has a *shape* (`Array(Float)` for a `&[f64]` or a
//! `vec![0.0; n]`); it is active when any element receives an active value, and then
//! holds jets (`Array(Active)`): its literal is lifted element by element
//! (`vec![constant(0.0); n]`), its type annotation rewritten (`Vec<f64>` → `Vec<J>`).
//! Indexing reads an element (`x[i]` is a jet of an active `x`); `g[i] = v`,
//! `g[i] += v`, `g.push(v)` and `*gi = v` for `gi` from `g.iter_mut()` write one.
//!
//! Iterator chains are lowered method by method with the kind of their items:
//! `x.iter()` yields `ActiveRef` items, `.enumerate()` pairs them with an index,
//! `.zip(..)` with another chain, `.map(|v| ..)` and `.fold(init, |acc, v| ..)` lower
//! their closure with its parameters bound to the items, `.sum()`/`.product()` over jets
//! become a `fold` from `constant(0)`/`constant(1)` (the generic `J` has no `Sum`).
//! A pattern binding a reference to a jet rebinds it by value first,
//! `let v = *Borrow::<J>::borrow(&v);`, which reads a `&J` and a `J` alike.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Macro, Pat, Token};

use super::ir::{Kind, Lowered};
use super::{addr, call_as_written, paren_args, render, Lowerer};
use crate::analyze::scope::Binding;
use crate::parse::item::{jet_type, type_shape};

/// The body of `vec![..]`.
pub(crate) enum VecBody {
    Repeat(Box<Expr>, Box<Expr>),
    List(Vec<Expr>),
}

/// Parses `vec![e; n]` or `vec![a, b, ..]`.
pub(crate) fn parse_vec(m: &Macro) -> Option<VecBody> {
    let name = m.path.segments.last()?.ident.to_string();
    if name != "vec" {
        return None;
    }
    let p = |input: ParseStream| -> syn::Result<VecBody> {
        let first: Expr = input.parse()?;
        if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
            let n: Expr = input.parse()?;
            return Ok(VecBody::Repeat(Box::new(first), Box::new(n)));
        }
        let mut v = vec![first];
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            v.push(input.parse()?);
        }
        Ok(VecBody::List(v))
    };
    m.parse_body_with(p).ok()
}

/// Whether `e` is an array literal, an array repeat or a `vec![..]`.
pub(crate) fn container_literal_parts(e: &Expr) -> Option<()> {
    match e {
        Expr::Array(_) | Expr::Repeat(_) => Some(()),
        Expr::Macro(m) => parse_vec(&m.mac).map(|_| ()),
        _ => None,
    }
}

/// The kind of the items of iterating over a container with elements of kind `k`
/// (`for v in &x`, `x.iter()`): references to its elements.
pub(crate) fn ref_item(k: &Kind) -> Kind {
    match k {
        Kind::Active | Kind::ActiveRef => Kind::ActiveRef,
        other => other.clone(),
    }
}

pub(crate) fn mut_item(k: &Kind) -> Kind {
    match k {
        Kind::Active | Kind::ActiveRef | Kind::ActiveMut => Kind::ActiveMut,
        Kind::Float | Kind::FloatMut => Kind::FloatMut,
        other => other.clone(),
    }
}

fn value_item(k: &Kind) -> Kind {
    match k {
        Kind::ActiveRef | Kind::ActiveMut => Kind::Active,
        Kind::FloatMut => Kind::Float,
        other => other.clone(),
    }
}

/// Methods of slices, arrays and `Vec`s that the lowering knows.
const CONTAINER_METHODS: &[&str] = &[
    "len",
    "is_empty",
    "capacity",
    "iter",
    "iter_mut",
    "into_iter",
    "chunks",
    "chunks_exact",
    "windows",
    "clone",
    "to_vec",
    "to_owned",
    "as_slice",
    "as_mut_slice",
    "push",
    "fill",
    "swap",
    "reverse",
    "clear",
    "truncate",
    "extend_from_slice",
];

/// Methods of iterators that the lowering knows.
const ITER_METHODS: &[&str] = &[
    "enumerate",
    "zip",
    "copied",
    "cloned",
    "rev",
    "skip",
    "take",
    "step_by",
    "chain",
    "map",
    "sum",
    "product",
    "fold",
    "collect",
    "count",
    "for_each",
];

/// Whether `name` is a method of containers or iterators this module lowers.
pub(crate) fn is_container_method(name: &str) -> bool {
    CONTAINER_METHODS.contains(&name) || ITER_METHODS.contains(&name)
}

impl Lowerer<'_, '_> {
    /// An array literal, an array repeat or a `vec![..]`, its elements lifted to a common
    /// kind (to `want`'s element kind when given).
    pub(super) fn container_literal(&mut self, e: &Expr, want: Option<&Kind>) -> Lowered {
        let elem_want = match want {
            Some(Kind::Array(k)) => Some((**k).clone()),
            _ => None,
        };
        match e {
            Expr::Array(a) => {
                let parts: Vec<Lowered> = a
                    .elems
                    .iter()
                    .map(|x| self.expr(x, elem_want.as_ref()))
                    .collect();
                let (toks, k) = self.join_parts(parts, e.span());
                let mut g = Group::new(Delimiter::Bracket, quote!(#(#toks),*));
                g.set_span(a.bracket_token.span.join());
                Lowered::new(g.into_token_stream(), Kind::Array(Box::new(k)))
            }
            Expr::Repeat(r) => {
                let p = self.expr(&r.expr, elem_want.as_ref());
                let (pt, semi, len) = (p.tokens, &r.semi_token, &r.len);
                let mut g = Group::new(Delimiter::Bracket, quote!(#pt #semi #len));
                g.set_span(r.bracket_token.span.join());
                Lowered::new(g.into_token_stream(), Kind::Array(Box::new(p.kind)))
            }
            Expr::Macro(m) => {
                let (path, bang) = (&m.mac.path, &m.mac.bang_token);
                match parse_vec(&m.mac) {
                    Some(VecBody::Repeat(x, n)) => {
                        let p = self.expr(&x, elem_want.as_ref());
                        let n = self.primal(&n);
                        let pt = p.tokens;
                        Lowered::new(quote!(#path #bang [#pt; #n]), Kind::Array(Box::new(p.kind)))
                    }
                    Some(VecBody::List(xs)) => {
                        let parts: Vec<Lowered> = xs
                            .iter()
                            .map(|x| self.expr(x, elem_want.as_ref()))
                            .collect();
                        let (toks, k) = self.join_parts(parts, e.span());
                        Lowered::new(quote!(#path #bang [#(#toks),*]), Kind::Array(Box::new(k)))
                    }
                    None => Lowered::new(e.to_token_stream(), Kind::Other),
                }
            }
            _ => Lowered::new(e.to_token_stream(), Kind::Other),
        }
    }

    fn join_parts(&mut self, parts: Vec<Lowered>, span: Span) -> (Vec<TokenStream>, Kind) {
        let join = parts.iter().fold(Kind::Never, |acc, p| acc.join(&p.kind));
        let toks = parts
            .into_iter()
            .map(|p| {
                if join.is_active() {
                    self.coerce(p, &join, span).tokens
                } else {
                    p.tokens
                }
            })
            .collect();
        let join = if join == Kind::Never {
            Kind::Other
        } else {
            join
        };
        (toks, join)
    }

    /// A method of a container (`recv.kind` is `Array`, or an active value of unknown
    /// shape) or of an iterator (`Iter`). `None`: not a container method.
    pub(super) fn container_method(
        &mut self,
        m: &syn::ExprMethodCall,
        recv: Lowered,
    ) -> Result<Lowered, Lowered> {
        let name = m.method.to_string();
        let span = m.method.span();
        let elem = match &recv.kind {
            Kind::Array(k) => Some((**k).clone()),
            Kind::Active | Kind::ActiveRef if CONTAINER_METHODS.contains(&name.as_str()) => {
                Some(Kind::Active)
            }
            _ => None,
        };
        let item = match &recv.kind {
            Kind::Iter(k) => Some((**k).clone()),
            _ => None,
        };
        let rt = &recv.tokens;
        let same = |args: TokenStream, kind: Kind| Lowered::new(call_as_written(rt, m, args), kind);
        if let Some(elem) = elem {
            let out = match name.as_str() {
                "len" | "is_empty" | "capacity" => same(self.primal_args(m), Kind::Other),
                "iter" | "into_iter" => {
                    same(self.primal_args(m), Kind::Iter(Box::new(ref_item(&elem))))
                }
                "iter_mut" => {
                    self.iter_mut_root =
                        self.place_root(&m.receiver).map(|(i, id)| (i.clone(), id));
                    same(self.primal_args(m), Kind::Iter(Box::new(mut_item(&elem))))
                }
                "chunks" | "chunks_exact" | "windows" => same(
                    self.primal_args(m),
                    Kind::Iter(Box::new(Kind::Array(Box::new(elem)))),
                ),
                "clone" | "to_vec" | "to_owned" | "as_slice" | "as_mut_slice" => {
                    same(self.primal_args(m), Kind::Array(Box::new(elem)))
                }
                "swap" | "reverse" | "clear" | "truncate" => same(self.primal_args(m), Kind::Other),
                "push" | "fill" | "extend_from_slice" => {
                    let want_arg = if name == "extend_from_slice" {
                        Kind::Array(Box::new(elem.clone()))
                    } else {
                        elem.clone()
                    };
                    let args: Vec<Lowered> = m.args.iter().map(|a| self.expr(a, None)).collect();
                    let mut active = recv.kind.is_active();
                    if !active && args.iter().any(|a| a.kind.is_active()) {
                        if let Some((ident, id)) = self.place_root(&m.receiver) {
                            let arg = m.args.to_token_stream();
                            active = self.mark_place(id, ident, arg);
                        } else {
                            self.cx.error_spanned_by(
                                &m.receiver,
                                format!("cannot `.{name}(..)` a value that carries derivatives into this container; `#[jet]` tracks containers held by a local binding or a parameter: bind it to a name first"),
                            );
                        }
                    }
                    let want_arg = if active {
                        want_arg.activate()
                    } else {
                        want_arg
                    };
                    let at: Vec<TokenStream> = args
                        .into_iter()
                        .map(|a| {
                            if active {
                                self.coerce(a, &want_arg, span).tokens
                            } else {
                                a.tokens
                            }
                        })
                        .collect();
                    same(paren_args(m, quote!(#(#at),*)), Kind::Other)
                }
                _ => return Err(recv),
            };
            return Ok(out);
        }
        let Some(item) = item else {
            return Err(recv);
        };
        let out = match name.as_str() {
            "enumerate" => same(
                self.primal_args(m),
                Kind::Iter(Box::new(Kind::Tuple(vec![Kind::Other, item]))),
            ),
            "rev" | "skip" | "take" | "step_by" => {
                same(self.primal_args(m), Kind::Iter(Box::new(item)))
            }
            "copied" | "cloned" => {
                same(self.primal_args(m), Kind::Iter(Box::new(value_item(&item))))
            }
            "count" => same(self.primal_args(m), Kind::Other),
            "zip" | "chain" => {
                let Some(arg) = m.args.first() else {
                    return Ok(same(self.primal_args(m), Kind::Other));
                };
                let a = self.expr(arg, None);
                let other = match &a.kind {
                    Kind::Iter(k) => (**k).clone(),
                    Kind::Array(k) => ref_item(k),
                    Kind::Active | Kind::ActiveRef => Kind::ActiveRef,
                    _ => self.guess_item(arg),
                };
                let kind = if name == "zip" {
                    Kind::Tuple(vec![item, other])
                } else {
                    item.join(&other)
                };
                same(paren_args(m, a.tokens), Kind::Iter(Box::new(kind)))
            }
            "map" | "for_each" => {
                let Some(Expr::Closure(c)) = m.args.first() else {
                    return Err(recv);
                };
                let (ct, body_kind) = self.closure(c, std::slice::from_ref(&item), None);
                let args = paren_args(m, ct);
                let kind = if name == "map" {
                    Kind::Iter(Box::new(body_kind))
                } else {
                    Kind::Other
                };
                same(args, kind)
            }
            "fold" => {
                let (Some(init), Some(Expr::Closure(c))) = (m.args.first(), m.args.iter().nth(1))
                else {
                    return Err(recv);
                };
                let key = addr(c);
                let init_l = self.expr(init, None);
                let mut acc = init_l.kind.clone();
                if let Some(t) = self.state.targets.get(&key) {
                    acc = acc.join(t);
                }
                let acc_want = acc.is_active().then(|| acc.clone());
                let (ct, body_kind) = self.closure(c, &[acc.clone(), item], acc_want.as_ref());
                let joined = acc.join(&body_kind);
                if joined.is_active() && !acc.is_active() {
                    self.state.targets.insert(key, joined.clone());
                    self.state.changed = true;
                }
                let init_t = match &acc_want {
                    Some(w) => self.coerce(init_l, w, init.span()).tokens,
                    None => init_l.tokens,
                };
                same(paren_args(m, quote!(#init_t, #ct)), acc)
            }
            "sum" | "product" => {
                let value = value_item(&item);
                if !value.is_active() {
                    return Ok(same(self.primal_args(m), value));
                }
                let (tr, zero, op) = if name == "sum" {
                    ("Zero", "zero", "add")
                } else {
                    ("One", "one", "mul")
                };
                let tr = Ident::new(tr, span);
                let (root, scalar, jet) = (&self.ty.root, &self.ty.scalar, &self.ty.jet);
                let z = Ident::new(zero, span);
                let start = self.call(
                    "constant",
                    span,
                    vec![quote_spanned!(span=> <#scalar as #root::__private::#tr>::#z())],
                );
                let jet = jet.clone();
                let (a, b) = (self.fresh_ident("acc"), self.fresh_ident("item"));
                let item_t = self.borrow_deref(quote!(#b), &jet, span);
                let step = self.call(op, span, vec![quote!(#a), item_t]);
                Lowered::new(
                    quote_spanned!(span=> #rt.fold(#start, |#a, #b| #step)),
                    Kind::Active,
                )
            }
            "collect" => {
                let value = value_item(&item);
                let tf = match &m.turbofish {
                    Some(t) if value.is_active() => {
                        let args = t.args.iter().map(|g| match g {
                            syn::GenericArgument::Type(ty) => {
                                jet_type(ty, &self.info.float_names, &self.ty.jet)
                            }
                            other => other.to_token_stream(),
                        });
                        quote!(::<#(#args),*>)
                    }
                    other => other.to_token_stream(),
                };
                let (dot, meth) = (&m.dot_token, &m.method);
                Lowered::new(quote!(#rt #dot #meth #tf ()), Kind::Array(Box::new(value)))
            }
            _ => return Err(recv),
        };
        Ok(out)
    }

    /// The item kind of an inactive iterable, from its syntax (`0..n`, `w.iter()`).
    pub(super) fn guess_item(&self, e: &Expr) -> Kind {
        match self.guess(e) {
            Kind::Iter(k) => *k,
            Kind::Array(k) => ref_item(&k),
            _ => Kind::Other,
        }
    }

    /// A closure whose parameters receive values of `kinds`; its body is lowered (to
    /// `want` when given). Returns the closure's tokens and the kind of its body.
    pub(super) fn closure(
        &mut self,
        c: &syn::ExprClosure,
        kinds: &[Kind],
        want: Option<&Kind>,
    ) -> (TokenStream, Kind) {
        self.env.push();
        let mut prelude = TokenStream::new();
        let mut pats = Vec::new();
        for (i, p) in c.inputs.iter().enumerate() {
            let k = kinds.get(i).cloned().unwrap_or(Kind::Other);
            let (pt, pre) = self.bind_pattern(p, &k);
            pats.push(pt);
            prelude.extend(pre);
        }
        let body = self.expr(&c.body, want);
        self.env.pop();
        let (attrs, lifetimes, constness, movability, asyncness, capture) = (
            &c.attrs,
            &c.lifetimes,
            &c.constness,
            &c.movability,
            &c.asyncness,
            &c.capture,
        );
        let output = match &c.output {
            syn::ReturnType::Type(arrow, ty) if body.kind.is_active() => {
                let t = jet_type(ty, &self.info.float_names, &self.ty.jet);
                quote!(#arrow #t)
            }
            other => other.to_token_stream(),
        };
        let bt = body.tokens;
        (
            quote!(#(#attrs)* #lifetimes #constness #movability #asyncness #capture |#(#pats),*| #output { #prelude #bt }),
            body.kind,
        )
    }

    /// Binds the names of `pat`, which receives a value of kind `k` (a `for` pattern, a
    /// closure parameter). Returns the pattern to emit and statements that rebind
    /// references to jets (and plain floats) by value.
    pub(super) fn bind_pattern(&mut self, pat: &Pat, k: &Kind) -> (TokenStream, TokenStream) {
        match (pat, k) {
            (Pat::Type(pt), _) => {
                let (inner, pre) = self.bind_pattern(&pt.pat, k);
                let ty = if k.is_active() {
                    jet_type(&pt.ty, &self.info.float_names, &self.ty.jet)
                } else {
                    pt.ty.to_token_stream()
                };
                let colon = &pt.colon_token;
                (quote!(#inner #colon #ty), pre)
            }
            (Pat::Ident(pi), _) if pi.subpat.is_none() && pi.by_ref.is_none() => {
                let x = &pi.ident;
                let m = &pi.mutability;
                let mut binding = Binding::default();
                let mut active = false;
                let mut pre = TokenStream::new();
                let mut out = quote!(#m #x);
                match k {
                    Kind::Active => active = true,
                    Kind::ActiveRef => {
                        active = true;
                        binding.rebound = true;
                        let jet = self.ty.jet.clone();
                        let v = self.borrow_deref(quote!(#x), &jet, x.span());
                        pre = quote!(let #m #x = #v;);
                        out = quote!(#x);
                    }
                    Kind::Float => {
                        binding.float = true;
                        binding.rebound = true;
                        let scalar = self.ty.scalar.clone();
                        let v = self.borrow_deref(quote!(#x), &scalar, x.span());
                        pre = quote!(let #m #x = #v;);
                        out = quote!(#x);
                    }
                    Kind::ActiveMut | Kind::FloatMut => {
                        active = *k == Kind::ActiveMut;
                        binding.shape = Some(Kind::FloatMut);
                        binding.alias = self.iter_mut_root.clone();
                    }
                    Kind::Array(_) | Kind::Struct(_) | Kind::ActiveStruct(_) => {
                        active = k.is_active();
                        binding.shape = Some(k.deactivate());
                        binding.float_container = !active;
                    }
                    _ => {
                        binding.pinned = Some("it is bound by a pattern".to_string());
                        binding.unknown_item = *k == Kind::Other;
                    }
                }
                let id = self.env.declare(x, binding);
                if active && self.state.active.insert(id) {
                    self.state.changed = true;
                }
                (out, pre)
            }
            (Pat::Reference(r), Kind::ActiveRef | Kind::Float | Kind::Array(_)) => {
                let inner_kind = match k {
                    Kind::ActiveRef => Kind::Active,
                    other => other.clone(),
                };
                let (inner, pre) = self.bind_pattern(&r.pat, &inner_kind);
                let (and, m) = (&r.and_token, &r.mutability);
                (quote!(#and #m #inner), pre)
            }
            (Pat::Tuple(t), Kind::Tuple(ks)) if ks.len() == t.elems.len() => {
                let mut parts = Vec::new();
                let mut pre = TokenStream::new();
                for (p, k) in t.elems.iter().zip(ks) {
                    let (pt, pr) = self.bind_pattern(p, k);
                    parts.push(pt);
                    pre.extend(pr);
                }
                (quote!((#(#parts,)*)), pre)
            }
            (Pat::Paren(p), _) => self.bind_pattern(&p.pat, k),
            (Pat::Wild(_), _) => (pat.to_token_stream(), TokenStream::new()),
            _ => {
                if k.is_active() {
                    self.cx.error_spanned_by(
                        pat,
                        format!(
                            "cannot bind `{}` to a value that carries derivatives with this pattern; bind it to a name, `&name`, or a tuple of names",
                            render(pat)
                        ),
                    );
                }
                self.declare_pattern(pat, "it is bound by a pattern");
                (pat.to_token_stream(), TokenStream::new())
            }
        }
    }

    /// The struct named in `structs(..)` a path names (`Particle`, `Self`-less).
    pub(super) fn declared_struct(&self, path: &syn::Path) -> Option<String> {
        let n = path.get_ident()?.to_string();
        let mark = format!("{}{n}", crate::symbol::STRUCT_MARK);
        self.info.float_names.contains(&mark).then_some(n)
    }

    /// `Particle { x: .., y: .. }` of a struct named in `structs(..)`: its twin
    /// `ParticleJet { x: .., y: .. }` with every field a jet when any field is active (or
    /// the twin is wanted), else the literal as written.
    pub(super) fn struct_literal(&mut self, st: &syn::ExprStruct, want: Option<&Kind>) -> Lowered {
        let name = self.declared_struct(&st.path).unwrap_or_default();
        let parts: Vec<Lowered> = st.fields.iter().map(|f| self.expr(&f.expr, None)).collect();
        let active =
            matches!(want, Some(Kind::ActiveStruct(_))) || parts.iter().any(|p| p.kind.is_active());
        if let Some(rest) = &st.rest {
            if active {
                self.cx.error_spanned_by(
                    rest,
                    format!("`..` in a `{name}` literal that carries derivatives is not lowered; give every field"),
                );
            }
        }
        if !active {
            return Lowered::new(self.primal(&Expr::Struct(st.clone())), Kind::Struct(name));
        }
        let span = st.path.span();
        let twin = Ident::new(
            &format!("{name}{}", crate::symbol::STRUCT_TWIN_SUFFIX),
            span,
        );
        let fields: Vec<TokenStream> = st
            .fields
            .iter()
            .zip(parts)
            .map(|(f, p)| {
                let m = &f.member;
                let t = self.coerce(p, &Kind::Active, span).tokens;
                quote!(#m: #t)
            })
            .collect();
        Lowered::new(
            quote_spanned!(span=> #twin { #(#fields),* }),
            Kind::ActiveStruct(name),
        )
    }

    /// The shape a `let` binding gets from its type annotation, if it is a container.
    pub(super) fn annotated_shape(&self, ty: &syn::Type) -> Option<Kind> {
        type_shape(ty, &self.info.float_names).filter(|k| *k != Kind::Float)
    }
}

/// Puts `prelude` at the start of the block `body` (a `{ .. }` group).
pub(crate) fn prepend(body: TokenStream, prelude: TokenStream) -> TokenStream {
    if prelude.is_empty() {
        return body;
    }
    let mut it = body.clone().into_iter();
    match (it.next(), it.next()) {
        (Some(TokenTree::Group(g)), None) if g.delimiter() == Delimiter::Brace => {
            let inner = g.stream();
            let mut ng = Group::new(Delimiter::Brace, quote!(#prelude #inner));
            ng.set_span(g.span());
            ng.into_token_stream()
        }
        _ => quote!({ #prelude #body }),
    }
}

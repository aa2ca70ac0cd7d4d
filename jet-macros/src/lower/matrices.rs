//! nalgebra matrices and vectors of jets (`&SVector<f64, 3>` parameters, `SMatrix`
//! locals and results).
//!
//! A matrix binding has the shape `Matrix(Float)`; it is active when it receives an
//! active value, and then holds jets (`Matrix(Active)`, `SVector<J, 3>` in the
//! companion). Entries are read as jets (`x[i]`, `x[(i, j)]`, `x.x`), and iterated like
//! a slice (`x.iter()`).
//!
//! Arithmetic with an active side calls the helpers of `jet::__private::nalgebra` (the
//! runtime's `nalgebra` feature) with the entry operation chosen from which side carries
//! derivatives, so a plain operand costs O(K) per entry (`mul_scalar`), never the O(K²)
//! of lifting it to constant jets:
//! - `a ± b`: `zip(&a, &b, |u, v| u ± v)`;
//! - `a * b` of two matrices: `product(&a, &b, |u, v| u * v)`;
//! - `s * a`, `a * s`, `a / s` where the macro cannot tell whether `s` is a scalar or a
//!   matrix (a parameter of another type, a `const`, a function's result): the traits
//!   `LeftFactor` / `RightFactor` decide by its type (scale, or multiply);
//! - `dot`, `norm`, `norm_squared`, `sum`, `product`, `max`, `min`, `trace`,
//!   `normalize`, `cross`, `component_mul`, `component_div`, `scale`, `unscale`,
//!   `add_scalar`, `abs`, `map(|v| ..)`, `zip_map(&b, |u, v| ..)` have their own helper
//!   or closure; shape queries, views and `transpose` are kept as written.
//!
//! Every helper is written with `Taylor` methods, so the generic companion (`#[jet]`
//! without an order) runs on every jet kind; it asks `J: nalgebra::Scalar`.

use proc_macro2::{Delimiter, Group, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{Expr, Ident};

use super::containers::{mut_item, ref_item};
use super::ir::{Kind, Lowered};
use super::{call_as_written, render, Lowerer};
use crate::parse::item::jet_type_args;
use crate::symbol::{is_nalgebra_type, NALGEBRA_CONSTRUCTORS};

/// Methods of nalgebra matrices kept as written (shape queries): plain results.
const SHAPE_METHODS: &[&str] = &["len", "nrows", "ncols", "shape", "is_empty", "is_square"];

/// Methods returning a matrix of the same entries (views, copies, rearrangements):
/// kept as written.
const SAME_ENTRIES: &[&str] = &[
    "clone",
    "clone_owned",
    "into_owned",
    "transpose",
    "column",
    "row",
    "columns",
    "rows",
    "fixed_rows",
    "fixed_columns",
    "fixed_view",
    "view",
    "as_view",
    "diagonal",
];

/// Whether a method of this name on a value of unknown shape that carries jets (another
/// companion's result) makes it a matrix: nalgebra methods no float or slice has.
pub(crate) fn matrix_only_method(name: &str) -> bool {
    matches!(
        name,
        "dot"
            | "norm"
            | "norm_squared"
            | "magnitude"
            | "magnitude_squared"
            | "normalize"
            | "trace"
            | "cross"
            | "component_mul"
            | "component_div"
            | "scale"
            | "unscale"
            | "add_scalar"
            | "map"
            | "zip_map"
            | "sum"
            | "nrows"
            | "ncols"
            | "transpose"
            | "column"
            | "row"
            | "diagonal"
            | "clone_owned"
            | "into_owned"
    )
}

/// Whether `k` is a matrix kind.
pub(crate) fn is_matrix(k: &Kind) -> bool {
    matches!(k, Kind::Matrix(_))
}

/// Whether a call path names a nalgebra type before its last segment
/// (`Vector3::new`, `SVector::<f64, 3>::from_fn`, `nalgebra::DMatrix::from_row_slice`).
pub(crate) fn nalgebra_call_path(path: &syn::Path) -> bool {
    let n = path.segments.len();
    n >= 2
        && path
            .segments
            .iter()
            .take(n - 1)
            .any(|s| is_nalgebra_type(&s.ident.to_string()))
}

/// Whether `m` is one of nalgebra's matrix literal macros.
pub(crate) fn matrix_macro(m: &syn::Macro) -> bool {
    m.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "vector" | "matrix" | "dvector" | "dmatrix" | "stack"
        )
    })
}

impl Lowerer<'_, '_> {
    /// `#root::__private::nalgebra::name`.
    fn helper(&self, name: &str, span: Span) -> TokenStream {
        let root = &self.ty.root;
        let n = Ident::new(name, span);
        quote_spanned!(span=> #root::__private::nalgebra::#n)
    }

    /// The type of an entry: the jet type, or the float type.
    fn entry_type(&self, active: bool) -> TokenStream {
        if active {
            self.ty.jet.clone()
        } else {
            self.ty.scalar.clone()
        }
    }

    /// `|a: A, b: B| a op b` on entries of the given activity, `op` in `add sub mul div`:
    /// [`Lowerer::active_arith`] when a side carries derivatives, else the constant jet of
    /// the plain result (the closure returns a jet).
    fn entry_closure(&mut self, op: &str, la: bool, lb: bool, span: Span) -> TokenStream {
        let (a, b) = (self.fresh_ident("a"), self.fresh_ident("b"));
        let (ta, tb) = (self.entry_type(la), self.entry_type(lb));
        let body = if la || lb {
            self.active_arith(op, (quote!(#a), la), (quote!(#b), lb), span)
        } else {
            let v = match op {
                "add" => quote!(#a + #b),
                "sub" => quote!(#a - #b),
                "mul" => quote!(#a * #b),
                _ => quote!(#a / #b),
            };
            self.call("constant", span, vec![v])
        };
        quote_spanned!(span=> |#a: #ta, #b: #tb| #body)
    }

    /// `l op r` (`op` in `add sub mul div`) where a side is a matrix and a side carries
    /// derivatives.
    pub(super) fn matrix_arith(&mut self, op: &str, l: Lowered, r: Lowered, span: Span) -> Lowered {
        let (la, lb) = (l.kind.is_active(), r.kind.is_active());
        let (lm, rm) = (is_matrix(&l.kind), is_matrix(&r.kind));
        let (lt, rt) = (l.tokens, r.tokens);
        let helper = match op {
            "add" | "sub" => "zip",
            "mul" if lm && rm => "product",
            "mul" if rm => return self.factor_product(op, (lt, la), (rt, lb), span, false),
            _ => return self.factor_product(op, (lt, la), (rt, lb), span, true),
        };
        let f = self.entry_closure(op, la, lb, span);
        let h = self.helper(helper, span);
        let tokens = if helper == "zip" {
            quote_spanned!(span=> #h(&(#lt), &(#rt), #f))
        } else {
            let scalar = &self.ty.scalar;
            quote_spanned!(span=> #h::<#scalar, _, _, _, _, _, _, _, _>(&(#lt), &(#rt), #f))
        };
        Lowered::new(tokens, Kind::Matrix(Box::new(Kind::Active)))
    }

    /// `s * m` (`LeftFactor`) or, with `matrix_left`, `m * s`, `m / s`, `m.add_scalar(s)`
    /// (`RightFactor`): `s` a scalar or a matrix, its type decides (scale, or multiply).
    fn factor_product(
        &mut self,
        op: &str,
        (lt, la): (TokenStream, bool),
        (rt, lb): (TokenStream, bool),
        span: Span,
        matrix_left: bool,
    ) -> Lowered {
        let f = self.entry_closure(op, la, lb, span);
        let (scalar, jet) = (&self.ty.scalar, &self.ty.jet);
        let (ta, tb) = (self.entry_type(la), self.entry_type(lb));
        let tr = self.helper(
            if matrix_left {
                "RightFactor"
            } else {
                "LeftFactor"
            },
            span,
        );
        let times = quote_spanned!(span=> <_ as #tr<#scalar, #ta, #tb, #jet, _, _, _>>::times);
        let tokens = if matrix_left {
            let m = self.fresh_ident("matrix");
            quote_spanned!(span=> {
                let #m = &(#lt);
                #times(#rt, #m, #f)
            })
        } else {
            let (p, m) = (self.fresh_ident("factor"), self.fresh_ident("matrix"));
            quote_spanned!(span=> {
                let #p = #lt;
                let #m = &(#rt);
                #times(#p, #m, #f)
            })
        };
        Lowered::new(tokens, Kind::Matrix(Box::new(Kind::Active)))
    }

    /// `-m` of a matrix of jets.
    pub(super) fn matrix_neg(&mut self, inner: Lowered, span: Span) -> Lowered {
        let a = self.fresh_ident("a");
        let jet = self.ty.jet.clone();
        let neg = self.call("neg", span, vec![quote!(#a)]);
        let map = self.helper("map", span);
        let t = inner.tokens;
        Lowered::new(
            quote_spanned!(span=> #map(&(#t), |#a: #jet| #neg)),
            Kind::Matrix(Box::new(Kind::Active)),
        )
    }

    /// The matrix of constant jets of a plain matrix.
    pub(super) fn lift_matrix(&self, t: TokenStream, span: Span) -> TokenStream {
        let (scalar, jet) = (&self.ty.scalar, &self.ty.jet);
        let lift = self.helper("lift", span);
        quote_spanned!(span=> #lift::<#scalar, #jet, _, _, _>(&(#t)))
    }

    /// The matrix of primal values of a matrix of jets (what conditions read).
    pub(crate) fn matrix_values(&self, t: TokenStream, span: Span) -> TokenStream {
        let (scalar, jet) = (&self.ty.scalar, &self.ty.jet);
        let values = self.helper("values", span);
        quote_spanned!(span=> #values::<#scalar, #jet, _, _, _>(&(#t)))
    }

    /// A method of a matrix (`recv.kind` is `Matrix`, or an active value of unknown shape
    /// with a method only matrices have) when the receiver or an argument carries
    /// derivatives. `Err`: not lowered (the caller reports it).
    pub(super) fn matrix_method(
        &mut self,
        m: &syn::ExprMethodCall,
        recv: Lowered,
    ) -> Result<Lowered, Lowered> {
        let name = m.method.to_string();
        let span = m.method.span();
        let ra = recv.kind.is_active();
        let elem = match &recv.kind {
            Kind::Matrix(k) => (**k).clone(),
            _ => Kind::Active,
        };
        let recv_kind = match &recv.kind {
            Kind::Matrix(_) => recv.kind.clone(),
            _ => Kind::Matrix(Box::new(Kind::Active)),
        };
        let (scalar, jet) = (self.ty.scalar.clone(), self.ty.jet.clone());
        let rt = recv.tokens.clone();
        let same =
            |args: TokenStream, kind: Kind| Lowered::new(call_as_written(&rt, m, args), kind);
        let arity = |n: usize| m.args.len() == n;
        let active = Kind::Matrix(Box::new(Kind::Active));
        let out = match name.as_str() {
            n if SHAPE_METHODS.contains(&n) => same(self.primal_args(m), Kind::Other),
            n if SAME_ENTRIES.contains(&n) => same(self.primal_args(m), recv_kind),
            "iter" if arity(0) => same(self.primal_args(m), Kind::Iter(Box::new(ref_item(&elem)))),
            "iter_mut" if arity(0) => {
                self.iter_mut_root = self.place_root(&m.receiver).map(|(i, id)| (i.clone(), id));
                same(self.primal_args(m), Kind::Iter(Box::new(mut_item(&elem))))
            }
            "dot" | "component_mul" | "component_div" | "cross" if arity(1) => {
                let Some(a) = m.args.first() else {
                    return Err(recv);
                };
                let arg = self.expr(a, None);
                let aa = arg.kind.is_active();
                if !ra && !aa {
                    return Err(recv);
                }
                self.matrix_binary(&name, (rt, ra), (arg.tokens, aa), span)
            }
            "map" if arity(1) => {
                let Some(Expr::Closure(c)) = m.args.first() else {
                    return Err(recv);
                };
                let item = value_of_entry(&elem);
                let (ct, body) = self.closure(c, std::slice::from_ref(&item), None);
                Lowered::new(
                    call_as_written(&rt, m, quote!((#ct))),
                    Kind::Matrix(Box::new(entry_of(&body))),
                )
            }
            "zip_map" if arity(2) => {
                let (Some(other), Some(Expr::Closure(c))) = (m.args.first(), m.args.iter().nth(1))
                else {
                    return Err(recv);
                };
                let o = self.expr(other, None);
                let oe = match &o.kind {
                    Kind::Matrix(k) => value_of_entry(k),
                    k if k.is_active() => Kind::Active,
                    _ => Kind::Float,
                };
                let (ct, body) = self.closure(c, &[value_of_entry(&elem), oe], None);
                let ot = o.tokens;
                Lowered::new(
                    call_as_written(&rt, m, quote!((&(#ot), #ct))),
                    Kind::Matrix(Box::new(entry_of(&body))),
                )
            }
            _ if !ra => return Err(recv),
            "norm_squared" | "magnitude_squared" if arity(0) => {
                let h = self.helper("norm_squared", span);
                Lowered::new(
                    quote_spanned!(span=> #h::<#scalar, _, _, _, _>(&(#rt))),
                    Kind::Active,
                )
            }
            "norm" | "magnitude" if arity(0) => {
                let h = self.helper("norm_squared", span);
                let sq = quote_spanned!(span=> #h::<#scalar, _, _, _, _>(&(#rt)));
                Lowered::new(self.call("sqrt", span, vec![sq]), Kind::Active)
            }
            "normalize" if arity(0) => {
                let (v, n, a) = (
                    self.fresh_ident("v"),
                    self.fresh_ident("norm"),
                    self.fresh_ident("a"),
                );
                let h = self.helper("norm_squared", span);
                let norm = self.call(
                    "sqrt",
                    span,
                    vec![quote_spanned!(span=> #h::<#scalar, _, _, _, _>(#v))],
                );
                let div = self.call("div", span, vec![quote!(#a), quote!(#n)]);
                let map = self.helper("map", span);
                Lowered::new(
                    quote_spanned!(span=> {
                        let #v = &(#rt);
                        let #n = #norm;
                        #map(#v, |#a: #jet| #div)
                    }),
                    active,
                )
            }
            "sum" | "product" | "max" | "min" | "trace" if arity(0) => {
                let (op, start) = match name.as_str() {
                    "product" => ("mul", "One"),
                    "max" => ("max", "Zero"),
                    "min" => ("min", "Zero"),
                    _ => ("add", "Zero"),
                };
                let root = self.ty.root.clone();
                let tr = Ident::new(start, span);
                let f = Ident::new(&start.to_lowercase(), span);
                let empty = quote_spanned!(span=> <#scalar as #root::__private::#tr>::#f());
                let opf = Ident::new(op, span);
                let opf = quote_spanned!(span=> <#jet as #root::Taylor<#scalar>>::#opf);
                let h = self.helper("reduce", span);
                let of = if name == "trace" {
                    quote_spanned!(span=> &(#rt).diagonal())
                } else {
                    quote_spanned!(span=> &(#rt))
                };
                Lowered::new(
                    quote_spanned!(span=> #h::<#scalar, _, _, _, _>(#of, #empty, #opf)),
                    Kind::Active,
                )
            }
            "scale" | "unscale" | "add_scalar" if arity(1) => {
                let Some(a) = m.args.first() else {
                    return Err(recv);
                };
                let sc = self.expr(a, None);
                let sc = self.deref_active(sc, span);
                let op = match name.as_str() {
                    "scale" => "mul",
                    "unscale" => "div",
                    _ => "add",
                };
                let sa = sc.kind.is_active();
                self.factor_product(op, (rt, ra), (sc.tokens, sa), span, true)
            }
            "abs" if arity(0) => {
                let a = self.fresh_ident("a");
                let abs = self.call("abs", span, vec![quote!(#a)]);
                let map = self.helper("map", span);
                Lowered::new(quote_spanned!(span=> #map(&(#rt), |#a: #jet| #abs)), active)
            }
            _ => return Err(recv),
        };
        Ok(out)
    }

    /// `a.dot(&b)`, `a.component_mul(&b)`, `a.component_div(&b)`, `a.cross(&b)` with
    /// entries of the given activity.
    fn matrix_binary(
        &mut self,
        name: &str,
        (a, la): (TokenStream, bool),
        (b, lb): (TokenStream, bool),
        span: Span,
    ) -> Lowered {
        let scalar = self.ty.scalar.clone();
        let op = if name == "component_div" {
            "div"
        } else {
            "mul"
        };
        let f = self.entry_closure(op, la, lb, span);
        match name {
            "dot" => {
                let h = self.helper("dot", span);
                Lowered::new(
                    quote_spanned!(span=> #h::<#scalar, _, _, _, _, _, _, _, _, _>(&(#a), &(#b), #f)),
                    Kind::Active,
                )
            }
            "cross" => {
                let h = self.helper("cross", span);
                Lowered::new(
                    quote_spanned!(span=> #h::<#scalar, _, _, _, _, _, _, _>(&(#a), &(#b), #f)),
                    Kind::Matrix(Box::new(Kind::Active)),
                )
            }
            _ => {
                let h = self.helper("zip", span);
                Lowered::new(
                    quote_spanned!(span=> #h(&(#a), &(#b), #f)),
                    Kind::Matrix(Box::new(Kind::Active)),
                )
            }
        }
    }

    /// The error for a method of a matrix that carries derivatives that is not lowered.
    pub(super) fn matrix_method_error(&self, m: &syn::ExprMethodCall) {
        let name = m.method.to_string();
        let recv = render(&m.receiver);
        self.cx.error_at(
            m.method.span(),
            format!(
                "`#[jet]` does not lower `.{name}(..)` on `{recv}`, a nalgebra matrix or vector that carries derivatives; it lowers entries (`{recv}[i]`, `{recv}[(i, j)]`, `{recv}.x`), `+ - *`, `/` by a scalar, `dot`, `norm`, `norm_squared`, `sum`, `product`, `cross`, `component_mul`, `map(|v| ..)`, `zip_map`, `iter()`, transposes and views (the list is in the guide): write the computation with these, e.g. `{recv}.map(|v| ..).sum()`, or as a loop over the entries"
            ),
        );
    }

    /// `Vector3::new(a, b, c)`, `SVector::<f64, 3>::from([a, b, c])`,
    /// `SMatrix::<f64, 2, 2>::from_fn(|i, j| ..)`, `DVector::from_vec(v)` with arguments
    /// that carry derivatives: the float type arguments of the path become the jet type,
    /// float arguments are lifted, a closure is lowered (its result lifted). `None`: not
    /// such a constructor.
    pub(super) fn matrix_constructor(&mut self, c: &syn::ExprCall) -> Option<Lowered> {
        let Expr::Path(fp) = &*c.func else {
            return None;
        };
        if fp.qself.is_some() || !nalgebra_call_path(&fp.path) {
            return None;
        }
        let last = fp.path.segments.last()?.ident.to_string();
        if !NALGEBRA_CONSTRUCTORS.contains(&last.as_str()) {
            return None;
        }
        let span = c.paren_token.span.join();
        let mut path = fp.path.clone();
        jet_type_args(&mut path, &self.info.float_names, &self.ty.jet);
        let mut args = Vec::new();
        for a in &c.args {
            let t = match a {
                Expr::Closure(cl) => {
                    let kinds = vec![Kind::Other; cl.inputs.len()];
                    self.closure(cl, &kinds, Some(&Kind::Active)).0
                }
                Expr::Array(_) | Expr::Repeat(_) => {
                    let want = Kind::Array(Box::new(Kind::Active));
                    self.expr(a, Some(&want)).tokens
                }
                Expr::Reference(r) if matches!(&*r.expr, Expr::Array(_) | Expr::Repeat(_)) => {
                    let want = Kind::Array(Box::new(Kind::Active));
                    let inner = self.expr(&r.expr, Some(&want)).tokens;
                    let (and, mu) = (&r.and_token, &r.mutability);
                    quote!(#and #mu #inner)
                }
                _ => {
                    let l = self.expr(a, None);
                    let l = self.deref_active(l, span);
                    match l.kind {
                        Kind::Float => self.lift(l, span),
                        _ => l.tokens,
                    }
                }
            };
            args.push(t);
        }
        let mut g = Group::new(Delimiter::Parenthesis, quote!(#(#args),*));
        g.set_span(span);
        Some(Lowered::new(
            quote!(#path #g),
            Kind::Matrix(Box::new(Kind::Active)),
        ))
    }

    /// `vector![a, b]`, `matrix![a, b; c, d]` (and `dvector!`, `dmatrix!`) with entries that
    /// carry derivatives: every entry lifted to a jet. `None`: not such a macro, or its
    /// entries cannot be read.
    pub(super) fn matrix_literal(&mut self, mac: &syn::Macro) -> Option<Lowered> {
        if !matrix_macro(mac) || mac.path.segments.last()?.ident == "stack" {
            return None;
        }
        use syn::parse::Parser;
        let rows = (|input: syn::parse::ParseStream| {
            let mut rows: Vec<Vec<Expr>> = vec![Vec::new()];
            while !input.is_empty() {
                let e: Expr = input.parse()?;
                if let Some(r) = rows.last_mut() {
                    r.push(e);
                }
                if input.peek(syn::Token![;]) {
                    input.parse::<syn::Token![;]>()?;
                    rows.push(Vec::new());
                } else if !input.is_empty() {
                    input.parse::<syn::Token![,]>()?;
                }
            }
            Ok(rows)
        })
        .parse2(mac.tokens.clone())
        .ok()?;
        let span = mac.delimiter.span().join();
        let mut out = Vec::new();
        for row in rows {
            let mut parts = Vec::new();
            for e in row {
                let l = self.expr(&e, Some(&Kind::Active));
                parts.push(l.tokens);
            }
            out.push(quote!(#(#parts),*));
        }
        let (path, bang) = (&mac.path, &mac.bang_token);
        let mut g = Group::new(Delimiter::Bracket, quote!(#(#out);*));
        g.set_span(span);
        Some(Lowered::new(
            quote!(#path #bang #g),
            Kind::Matrix(Box::new(Kind::Active)),
        ))
    }
}

/// The kind of an entry taken by value (a closure parameter of `map`).
fn value_of_entry(k: &Kind) -> Kind {
    match k {
        Kind::Active | Kind::ActiveRef | Kind::ActiveMut => Kind::Active,
        Kind::Float | Kind::FloatMut => Kind::Float,
        other => other.clone(),
    }
}

/// The entry kind of a matrix built from values of kind `k` (`map`'s closure results).
fn entry_of(k: &Kind) -> Kind {
    if k.is_active() {
        Kind::Active
    } else {
        Kind::Float
    }
}

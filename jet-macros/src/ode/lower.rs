//! Lowers the right-hand side's body to a straight-line list of rule applications.
//!
//! Every value is either a plain scalar (constants, parameters, and anything computed
//! from them only: evaluated once, before the loop over `k`) or a *series* (the state,
//! time, and every intermediate that depends on them: one buffer of `order + 1`
//! coefficients, filled one coefficient per pass). Identical applications are shared
//! (common subexpression elimination), so `sin(x)` and `cos(x)` cost one `sin_cos`.
//! Linear operations stay lazy (an expression for coefficient `k`, no buffer), and a
//! product with a lazy value affine in one series is distributed over it.
//!
//! Products, quotients, `exp`, `recip`, `sqrt`, `powf` with a plain exponent, `sin`/`cos`
//! and `sinh`/`cosh` call the ODE mode's own kernels (`jet::ode::__kernels`), which read
//! series through accessors (the newest coefficients from locals) and add the newest
//! terms of their sums last; the other methods call the shared rules (`jet::rules`) on
//! slices of the buffers.

use super::rules::{self, Form};
use super::signature::Shape;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use std::collections::HashMap;

/// A series buffer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Series {
    /// Component `i` of the state.
    State(usize),
    /// The time `t + τ`.
    Time,
    /// Intermediate number `j`.
    Temp(usize),
}

impl Series {
    /// The buffer as a rule reads it at coefficient `__jet_k`: `&buffer[..=__jet_k]`,
    /// so every kernel loop has exactly `k + 1` iterations (a constant in unrolled passes).
    pub(crate) fn view(self) -> TokenStream {
        let ident = self.ident();
        quote!(&#ident[..=__jet_k])
    }

    /// The name of the buffer in the generated code.
    pub(crate) fn ident(self) -> syn::Ident {
        match self {
            Series::State(i) => format_ident!("__jet_y{}", i),
            Series::Time => format_ident!("__jet_time"),
            Series::Temp(j) => format_ident!("__jet_s{}", j),
        }
    }

    /// The local holding coefficient `__jet_k` (once computed in the pass).
    pub(crate) fn newest(self) -> syn::Ident {
        format_ident!("{}_n", self.ident())
    }

    /// The local holding coefficient `__jet_k - 1`.
    pub(crate) fn previous(self) -> syn::Ident {
        format_ident!("{}_p", self.ident())
    }

    /// The local holding coefficient 0.
    pub(crate) fn first(self) -> syn::Ident {
        format_ident!("{}_z", self.ident())
    }

    /// The series as an accessor `Fn(usize) -> T` for the ODE kernels
    /// (`jet::ode::__kernels`): `__jet_at!` reads the locals for coefficients `k`, `k - 1`
    /// and 0 in the unrolled passes (the buffer otherwise), the buffer in the loop.
    pub(crate) fn access(self) -> TokenStream {
        let ident = self.ident();
        if self == Series::Time {
            return quote!((|__jet_j: usize| #ident[__jet_j]));
        }
        let (n, p, z) = (self.newest(), self.previous(), self.first());
        quote!(__jet_at!(#ident, #n, #p, #z, __jet_k))
    }
}

/// A lowered value.
#[derive(Clone, Debug)]
pub(crate) enum Val {
    /// A plain scalar expression (evaluated before the loop when not trivial).
    Scalar(TokenStream),
    /// A series.
    Series(Series),
    /// A linear combination of series coefficients: the expression for coefficient
    /// `__jet_k` (sums, differences, scalar multiples). It becomes a buffer only where a
    /// nonlinear rule reads the whole series; outputs read it directly.
    Lazy(TokenStream),
}

/// A lazy value that is affine in one series, `scale · s + offset` (the offset is a
/// constant: it enters coefficient 0 only). A product with it is distributed:
/// `x · (scale · s + offset) = scale · (x · s) + offset · x`, which needs no buffer for the
/// lazy value and keeps its linear operations off the product's path.
#[derive(Clone)]
struct Affine {
    series: Series,
    scale: TokenStream,
    offset: Option<TokenStream>,
}

/// The lowered body.
pub(crate) struct Kernel {
    /// Scalar `let`s evaluated once, before the loop over `k`.
    pub(crate) prelude: Vec<TokenStream>,
    /// Statements computing coefficient `__jet_k` of each intermediate, in order.
    pub(crate) steps: Vec<TokenStream>,
    /// Number of intermediate series.
    pub(crate) temps: usize,
    /// Whether the time series is read.
    pub(crate) uses_time: bool,
    /// The right-hand side's components.
    pub(crate) outputs: Vec<Val>,
}

struct Lowerer<'a> {
    shape: &'a Shape,
    rules: TokenStream,
    kernels: TokenStream,
    env: HashMap<String, Val>,
    shared: HashMap<String, Val>,
    /// The affine form of lazy values that have one, by their tokens.
    affine: HashMap<String, Affine>,
    kernel: Kernel,
    scalars: usize,
    errors: &'a mut Vec<syn::Error>,
}

/// Lowers `func`'s body; errors are recorded and the result is then incomplete.
pub(crate) fn lower(
    func: &syn::ItemFn,
    shape: &Shape,
    krate: &syn::Path,
    errors: &mut Vec<syn::Error>,
) -> Kernel {
    let krate_rules = quote!(#krate::__private::rules);
    let mut lowerer = Lowerer {
        shape,
        rules: krate_rules,
        kernels: quote!(#krate::ode::__kernels),
        env: HashMap::new(),
        shared: HashMap::new(),
        affine: HashMap::new(),
        kernel: Kernel {
            prelude: Vec::new(),
            steps: Vec::new(),
            temps: 0,
            uses_time: false,
            outputs: Vec::new(),
        },
        scalars: 0,
        errors,
    };
    lowerer.block(&func.block);
    lowerer.kernel
}

/// `-(x)` for a scalar expression.
fn negated(x: &TokenStream) -> TokenStream {
    quote!((-(#x)))
}

fn err(errors: &mut Vec<syn::Error>, tokens: impl ToTokens, msg: impl std::fmt::Display) {
    errors.push(syn::Error::new_spanned(tokens, msg));
}

impl Lowerer<'_> {
    fn block(&mut self, block: &syn::Block) {
        let count = block.stmts.len();
        for (i, stmt) in block.stmts.iter().enumerate() {
            let last = i + 1 == count;
            match stmt {
                syn::Stmt::Local(local) => self.local(local),
                syn::Stmt::Expr(expr, None) if last => self.outputs(expr),
                syn::Stmt::Expr(syn::Expr::Return(ret), _) if last => match &ret.expr {
                    Some(expr) => self.outputs(expr),
                    None => err(self.errors, ret, "return the derivative as an array `[f0, f1, ...]`"),
                },
                other => err(
                    self.errors,
                    other,
                    "unsupported statement in a `#[jet::ode]` right-hand side: write `let` bindings \
                     followed by the array of derivatives `[f0, f1, ...]`",
                ),
            }
        }
        if count == 0 || self.kernel.outputs.is_empty() && self.errors.is_empty() {
            err(
                self.errors,
                block,
                "the body must end with the array of derivatives `[f0, f1, ...]`",
            );
        }
    }

    fn local(&mut self, local: &syn::Local) {
        let name = match &local.pat {
            syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => &p.ident,
            syn::Pat::Type(t) => match &*t.pat {
                syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => &p.ident,
                other => {
                    return err(
                        self.errors,
                        other,
                        "bind one value per `let` with a plain name",
                    )
                }
            },
            other => {
                return err(
                    self.errors,
                    other,
                    "bind one value per `let` with a plain name",
                )
            }
        };
        let Some(init) = &local.init else {
            return err(
                self.errors,
                local,
                "give the binding a value: `let x = ...;`",
            );
        };
        if let Some((_, diverge)) = &init.diverge {
            return err(
                self.errors,
                diverge,
                "`let ... else` is not supported in a `#[jet::ode]` right-hand side",
            );
        }
        let Some(value) = self.expr(&init.expr) else {
            return;
        };
        let value = match value {
            Val::Scalar(tokens) => {
                let ty = &self.shape.float;
                self.kernel.prelude.push(quote!(let #name: #ty = #tokens;));
                Val::Scalar(name.to_token_stream())
            }
            series => series,
        };
        self.env.insert(name.to_string(), value);
    }

    fn outputs(&mut self, expr: &syn::Expr) {
        let syn::Expr::Array(array) = expr else {
            return err(
                self.errors,
                expr,
                "end with the array of derivatives `[f0, f1, ...]`",
            );
        };
        if array.elems.len() != self.shape.dim {
            return err(
                self.errors,
                array,
                format!(
                    "the array has {} components; the state has {}",
                    array.elems.len(),
                    self.shape.dim
                ),
            );
        }
        for elem in &array.elems {
            let value = self.expr(elem).unwrap_or(Val::Scalar(quote!(0.0)));
            self.kernel.outputs.push(value);
        }
    }

    /// Lowers an expression; `None` after recording an error.
    fn expr(&mut self, expr: &syn::Expr) -> Option<Val> {
        match expr {
            syn::Expr::Lit(lit) => match &lit.lit {
                syn::Lit::Float(_) | syn::Lit::Int(_) => Some(Val::Scalar(lit.to_token_stream())),
                other => {
                    err(
                        self.errors,
                        other,
                        "only numeric literals can appear in a right-hand side",
                    );
                    None
                }
            },
            syn::Expr::Paren(p) => self.expr(&p.expr),
            syn::Expr::Group(g) => self.expr(&g.expr),
            syn::Expr::Path(path) => self.path(path),
            syn::Expr::Index(index) => self.index(index),
            syn::Expr::Unary(unary) => match unary.op {
                syn::UnOp::Neg(_) => match self.expr(&unary.expr)? {
                    Val::Scalar(s) => Some(self.scalar(quote!(-(#s)))),
                    value => {
                        let c = self.coeff(&value);
                        let affine = self.affine_of(&value).map(|a| Affine {
                            series: a.series,
                            scale: negated(&a.scale),
                            offset: a.offset.as_ref().map(negated),
                        });
                        Some(self.lazy(quote!((-#c)), affine))
                    }
                },
                _ => {
                    err(
                        self.errors,
                        unary,
                        "only unary minus is supported in a `#[jet::ode]` right-hand side",
                    );
                    None
                }
            },
            syn::Expr::Binary(binary) => self.binary(binary),
            syn::Expr::MethodCall(call) => {
                let receiver = self.expr(&call.receiver);
                let args: Vec<Option<Val>> = call.args.iter().map(|a| self.expr(a)).collect();
                let receiver = receiver?;
                let args: Option<Vec<Val>> = args.into_iter().collect();
                self.method(&call.method, receiver, args?, call)
            }
            syn::Expr::Call(call) => self.path_call(call),
            syn::Expr::Cast(cast) => match self.expr(&cast.expr)? {
                Val::Scalar(s) => {
                    let ty = &cast.ty;
                    Some(self.scalar(quote!((#s) as #ty)))
                }
                Val::Series(_) | Val::Lazy(_) => {
                    err(
                        self.errors,
                        cast,
                        "casting a value that depends on the state is not supported; \
                         the right-hand side must stay a smooth float expression",
                    );
                    None
                }
            },
            syn::Expr::If(_) | syn::Expr::Match(_) => {
                err(
                    self.errors,
                    expr,
                    "branches are not supported in a `#[jet::ode]` right-hand side: a Taylor step \
                     needs a smooth right-hand side across the whole step; stop at the switching \
                     surface with a terminal `jet::ode::Event` and continue with the other \
                     right-hand side",
                );
                None
            }
            other => {
                err(
                    self.errors,
                    other,
                    "unsupported expression in a `#[jet::ode]` right-hand side: use float arithmetic \
                     (`+ - * /`, unary `-`), float methods (`x.sin()`, `x.powf(1.5)`, ...), \
                     `y[i]` / `p[i]` with constant `i`, and `let` bindings",
                );
                None
            }
        }
    }

    fn path(&mut self, path: &syn::ExprPath) -> Option<Val> {
        if let Some(ident) = path.path.get_ident() {
            if let Some(v) = self.env.get(&ident.to_string()) {
                return Some(v.clone());
            }
            if *ident == self.shape.time {
                self.kernel.uses_time = true;
                return Some(Val::Series(Series::Time));
            }
            if *ident == self.shape.state {
                err(
                    self.errors,
                    path,
                    format!("index the state with a constant: `{ident}[0]`"),
                );
                return None;
            }
        }
        // A constant in scope (`PI`, `std::f64::consts::E`, a `const`), or the parameter
        // vector used whole (rustc reports misuse).
        Some(Val::Scalar(path.to_token_stream()))
    }

    fn index(&mut self, index: &syn::ExprIndex) -> Option<Val> {
        let base = match &*index.expr {
            syn::Expr::Path(p) => p.path.get_ident().cloned(),
            _ => None,
        };
        let position = match &*index.index {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(n),
                ..
            }) => n.base10_parse::<usize>().ok(),
            _ => None,
        };
        match (base, position) {
            (Some(base), Some(i)) if base == self.shape.state => {
                if i >= self.shape.dim {
                    err(
                        self.errors,
                        index,
                        format!(
                            "index {i} is out of bounds for a state of {}",
                            self.shape.dim
                        ),
                    );
                    return None;
                }
                Some(Val::Series(Series::State(i)))
            }
            (Some(base), _) if base == self.shape.state => {
                err(self.errors, &index.index, "index the state with an integer literal (`y[0]`), so every component is known at compile time");
                None
            }
            (Some(base), _) if self.shape.params.as_ref().is_some_and(|(p, _)| *p == base) => {
                Some(Val::Scalar(index.to_token_stream()))
            }
            _ => match self.expr(&index.expr)? {
                Val::Scalar(_) => Some(Val::Scalar(index.to_token_stream())),
                Val::Series(_) | Val::Lazy(_) => {
                    err(
                        self.errors,
                        index,
                        "only the state `y[i]` and the parameters `p[i]` can be indexed",
                    );
                    None
                }
            },
        }
    }

    fn binary(&mut self, binary: &syn::ExprBinary) -> Option<Val> {
        use syn::BinOp::{Add, Div, Mul, Sub};
        let op = match binary.op {
            Add(_) => "add",
            Sub(_) => "sub",
            Mul(_) => "mul",
            Div(_) => "div",
            _ => {
                let op = &binary.op;
                err(
                    self.errors,
                    op,
                    format!(
                        "`{}` is not supported in a `#[jet::ode]` right-hand side: only `+ - * /` \
                         (comparisons, remainders and logic make it non-smooth)",
                        quote!(#op)
                    ),
                );
                return None;
            }
        };
        let left = self.expr(&binary.left);
        let right = self.expr(&binary.right);
        let (left, right) = (left?, right?);
        if let (Val::Scalar(a), Val::Scalar(b)) = (&left, &right) {
            let op = &binary.op;
            return Some(self.scalar(quote!((#a) #op (#b))));
        }
        Some(match (op, left, right) {
            // Linear: fused into the coefficient expression, no buffer.
            ("add" | "sub", left, right) => {
                let (a, b, sign) = (self.coeff(&left), self.coeff(&right), &binary.op);
                let sub = op == "sub";
                let affine = match (&left, &right) {
                    (x, Val::Scalar(c)) => self.affine_of(x).map(|a| Affine {
                        offset: Some(match (&a.offset, sub) {
                            (Some(o), _) => quote!((#o #sign #c)),
                            (None, false) => quote!((#c)),
                            (None, true) => quote!((-(#c))),
                        }),
                        ..a
                    }),
                    (Val::Scalar(c), y) => self.affine_of(y).map(|a| Affine {
                        series: a.series,
                        scale: if sub {
                            negated(&a.scale)
                        } else {
                            a.scale.clone()
                        },
                        offset: Some(match &a.offset {
                            Some(o) => quote!((#c #sign #o)),
                            None => quote!((#c)),
                        }),
                    }),
                    _ => None,
                };
                self.lazy(quote!((#a #sign #b)), affine)
            }
            ("mul", Val::Scalar(s), x) | ("mul", x, Val::Scalar(s)) => {
                let affine = self.affine_of(&x).map(|a| Affine {
                    series: a.series,
                    scale: {
                        let scale = &a.scale;
                        quote!(((#scale) * (#s)))
                    },
                    offset: a.offset.as_ref().map(|o| quote!(((#o) * (#s)))),
                });
                let x = self.coeff(&x);
                self.lazy(quote!((#s * #x)), affine)
            }
            ("div", x, Val::Scalar(s)) => {
                let x = self.coeff(&x);
                Val::Lazy(quote!((#x / #s)))
            }
            // Nonlinear: a rule over whole series.
            ("div", Val::Scalar(s), y) => {
                let b = self.series(y);
                let o = self.kernels.clone();
                let ba = b.access();
                self.temp(format!("scalar_div {s} {b:?}"), |c, k| {
                    let ca = c.access();
                    quote!(#o::scalar_div(#s, #ba, #ca, #k))
                })
            }
            ("mul", Val::Series(x), Val::Lazy(e)) | ("mul", Val::Lazy(e), Val::Series(x))
                if self.affine.contains_key(&e.to_string()) =>
            {
                let a = self.affine[&e.to_string()].clone();
                let product = self.product(x, a.series);
                let (scale, p) = (&a.scale, self.coeff(&product));
                match &a.offset {
                    Some(offset) => {
                        let x = self.coeff(&Val::Series(x));
                        Val::Lazy(quote!(((#scale) * #p + (#offset) * #x)))
                    }
                    None => Val::Lazy(quote!(((#scale) * #p))),
                }
            }
            ("mul", x, y) => {
                let (a, b) = (self.series(x), self.series(y));
                self.product(a, b)
            }
            (_, x, y) => {
                let (a, b) = (self.series(x), self.series(y));
                let o = self.kernels.clone();
                let (aa, ba) = (a.access(), b.access());
                self.temp(format!("div {a:?} {b:?}"), |c, k| {
                    let ca = c.access();
                    quote!(#o::div(#aa, #ba, #ca, #k))
                })
            }
        })
    }

    /// The product of two series (a square when they are the same).
    fn product(&mut self, a: Series, b: Series) -> Val {
        let o = self.kernels.clone();
        let (aa, ba) = (a.access(), b.access());
        if a == b {
            self.temp(format!("square {a:?}"), |_, k| quote!(#o::square(#aa, #k)))
        } else {
            self.temp(
                format!("mul {a:?} {b:?}"),
                |_, k| quote!(#o::mul(#aa, #ba, #k)),
            )
        }
    }

    /// A lazy value, with its affine form if it has one.
    fn lazy(&mut self, tokens: TokenStream, affine: Option<Affine>) -> Val {
        if let Some(affine) = affine {
            self.affine.insert(tokens.to_string(), affine);
        }
        Val::Lazy(tokens)
    }

    /// The affine form `scale · s + offset` of a series or a lazy value, if it has one.
    fn affine_of(&self, value: &Val) -> Option<Affine> {
        match value {
            Val::Series(s) => Some(Affine {
                series: *s,
                scale: quote!(1.0),
                offset: None,
            }),
            Val::Lazy(e) => self.affine.get(&e.to_string()).cloned(),
            Val::Scalar(_) => None,
        }
    }

    /// `f64::sin(x)`, `T::powf(x, 1.5)`, `Float::atan2(y, x)`: the method form.
    fn path_call(&mut self, call: &syn::ExprCall) -> Option<Val> {
        let syn::Expr::Path(func) = &*call.func else {
            err(
                self.errors,
                &call.func,
                "only float functions like `f64::sin(x)` can be called here",
            );
            return None;
        };
        let method = func.path.segments.last().map(|s| s.ident.clone());
        let (Some(method), true) = (method, func.path.segments.len() >= 2) else {
            err(
                self.errors,
                call,
                "calls of other functions are not supported in a `#[jet::ode]` right-hand side: \
                 inline the function, or write it with float methods",
            );
            return None;
        };
        let mut values = Vec::new();
        for a in &call.args {
            values.push(self.expr(a));
        }
        let mut values: Vec<Val> = values.into_iter().collect::<Option<_>>()?;
        if values.is_empty() {
            // `f64::from(..)`-like constructors, or a zero-argument function: a constant.
            return Some(Val::Scalar(call.to_token_stream()));
        }
        let receiver = values.remove(0);
        self.method(&method, receiver, values, call)
    }

    fn method(
        &mut self,
        method: &syn::Ident,
        receiver: Val,
        args: Vec<Val>,
        span: &dyn ToTokens,
    ) -> Option<Val> {
        let all_scalar =
            matches!(receiver, Val::Scalar(_)) && args.iter().all(|a| matches!(a, Val::Scalar(_)));
        if all_scalar {
            let Val::Scalar(recv) = receiver else {
                return None;
            };
            let args = args.iter().map(|a| match a {
                Val::Scalar(s) => s.clone(),
                Val::Series(_) | Val::Lazy(_) => TokenStream::new(),
            });
            let ty = &self.shape.float;
            return Some(self.scalar(quote!(<#ty>::#method(#recv #(, #args)*))));
        }
        let name = method.to_string();
        let Some(form) = rules::lookup(&name) else {
            err(
                self.errors,
                method,
                format!(
                    "`{name}` has no Taylor rule in the ODE mode; supported: arithmetic, sqrt, cbrt, \
                     exp, exp2, exp_m1, ln, log, log2, log10, ln_1p, powi, powf, sin, cos, tan, \
                     asin, acos, atan, atan2, sinh, cosh, tanh, asinh, acosh, atanh, hypot, \
                     mul_add, erf, abs, signum, min, max, clamp, floor, ceil, round, trunc"
                ),
            );
            return None;
        };
        if args.len() != rules::arity(form) {
            err(
                self.errors,
                span,
                format!(
                    "`{name}` takes {} argument(s) here, found {}",
                    rules::arity(form),
                    args.len()
                ),
            );
            return None;
        }
        let r = self.rules.clone();
        let a = self.series(receiver);
        let ai = a.view();
        let o = self.kernels.clone();
        let aa = a.access();
        Some(match form {
            Form::Unary(rule @ ("exp" | "recip" | "sqrt")) => {
                let f = format_ident!("{}", rule);
                self.temp(format!("{rule} {a:?}"), |c, k| {
                    let ca = c.access();
                    quote!(#o::#f(#aa, #ca, #k))
                })
            }
            Form::Unary(rule) => {
                let f = format_ident!("{}", rule);
                self.temp(format!("{rule} {a:?}"), |c, k| {
                    let cv = c.view();
                    quote!(#r::#f(#ai, #cv, #k))
                })
            }
            Form::Plain(rule) => {
                let f = format_ident!("{}", rule);
                self.temp(format!("{rule} {a:?}"), |_, k| quote!(#r::#f(#ai, #k)))
            }
            Form::Pair { rule, second } => self.pair(rule, second, a),
            Form::Param(rule) => match &args[0] {
                Val::Scalar(s) if rule == "powf" => {
                    self.temp(format!("{rule} {a:?} {s}"), |c, k| {
                        let (ca, cv) = (c.access(), c.view());
                        quote!(#o::powf(#aa, #ca, #k, #s, || #r::powf(#ai, #cv, #k, #s)))
                    })
                }
                Val::Scalar(s) => {
                    let f = format_ident!("{}", rule);
                    self.temp(format!("{rule} {a:?} {s}"), |c, k| {
                        let cv = c.view();
                        quote!(#r::#f(#ai, #cv, #k, #s))
                    })
                }
                b if rule == "powf" => {
                    let b = self.series(b.clone());
                    self.pow_series(a, b)
                }
                Val::Series(_) | Val::Lazy(_) => {
                    err(
                        self.errors,
                        span,
                        format!("the argument of `{name}` must not depend on the state"),
                    );
                    return None;
                }
            },
            Form::Clamp => match (&args[0], &args[1]) {
                (Val::Scalar(lo), Val::Scalar(hi)) => self.temp(
                    format!("clamp {a:?} {lo} {hi}"),
                    |_, k| quote!(#r::clamp(#ai, #lo, #hi, #k)),
                ),
                _ => {
                    err(
                        self.errors,
                        span,
                        "the bounds of `clamp` must not depend on the state",
                    );
                    return None;
                }
            },
            Form::Binary(rule) => {
                let b = self.series(args[0].clone());
                let (f, bi) = (format_ident!("{}", rule), b.view());
                self.temp(
                    format!("{rule} {a:?} {b:?}"),
                    |_, k| quote!(#r::#f(#ai, #bi, #k)),
                )
            }
            Form::SumOfSquares(rule) => {
                let b = self.series(args[0].clone());
                let sa = self.apply(
                    format!("square {a:?}"),
                    |r, x, _, k| quote!(#r::square(#x, #k)),
                    a,
                );
                let sb = self.apply(
                    format!("square {b:?}"),
                    |r, x, _, k| quote!(#r::square(#x, #k)),
                    b,
                );
                let (Val::Series(sa), Val::Series(sb)) = (sa, sb) else {
                    return None;
                };
                let (sai, sbi) = (sa.view(), sb.view());
                let sum = self.temp(
                    format!("add {sa:?} {sb:?}"),
                    |_, k| quote!(#r::add(#sai, #sbi, #k)),
                );
                let Val::Series(s) = sum else { return None };
                let (f, bi, si) = (format_ident!("{}", rule), b.view(), s.view());
                self.temp(format!("{rule} {a:?} {b:?}"), |c, k| {
                    let cv = c.view();
                    quote!(#r::#f(#ai, #bi, #si, #cv, #k))
                })
            }
            Form::MulAdd => {
                let b = self.series(args[0].clone());
                let d = self.series(args[1].clone());
                let (bi, di) = (b.view(), d.view());
                self.temp(format!("mul_add {a:?} {b:?} {d:?}"), |c, k| {
                    let cv = c.view();
                    quote!(#r::mul_add(#ai, #bi, #di, #cv, #k))
                })
            }
        })
    }

    /// `a^b` for a series exponent: `pow(a, b, p, c, k)` with `p = b ln a`.
    fn pow_series(&mut self, a: Series, b: Series) -> Val {
        let r = self.rules.clone();
        let (ai, bi) = (a.view(), b.view());
        let ln = self.temp(format!("ln {a:?}"), |c, k| {
            let cv = c.view();
            quote!(#r::ln(#ai, #cv, #k))
        });
        let Val::Series(l) = ln else { return ln };
        let li = l.view();
        let p = self.temp(
            format!("mul {b:?} {l:?}"),
            |_, k| quote!(#r::mul(#bi, #li, #k)),
        );
        let Val::Series(p) = p else { return p };
        let pi = p.view();
        self.temp(format!("pow {a:?} {b:?}"), |c, k| {
            let cv = c.view();
            quote!(#r::pow(#ai, #bi, #pi, #cv, #k))
        })
    }

    /// A rule producing two series; both are shared under their rule's name.
    fn pair(&mut self, rule: &'static str, second: bool, a: Series) -> Val {
        let key = format!("{rule} {a:?}");
        if let Some(Val::Series(Series::Temp(first))) = self.shared.get(&key) {
            let j = if second { first + 1 } else { *first };
            return Val::Series(Series::Temp(j));
        }
        let (c, d) = (
            Series::Temp(self.kernel.temps),
            Series::Temp(self.kernel.temps + 1),
        );
        self.kernel.temps += 2;
        let f = format_ident!("{}", rule);
        let call = if matches!(rule, "sin_cos" | "sinh_cosh") {
            let (o, aa, ca, da) = (&self.kernels, a.access(), c.access(), d.access());
            quote!(#o::#f(#aa, #ca, #da, __jet_k))
        } else {
            let (r, av, cv, dv) = (&self.rules, a.view(), c.view(), d.view());
            quote!(#r::#f(#av, #cv, #dv, __jet_k))
        };
        let (ci, di, cn, dn, cz, dz) = (
            c.ident(),
            d.ident(),
            c.newest(),
            d.newest(),
            c.first(),
            d.first(),
        );
        self.kernel.steps.push(quote! {
            (#cn, #dn) = #call;
            #ci[__jet_k] = #cn;
            #di[__jet_k] = #dn;
            if __jet_k == 0 {
                #cz = #cn;
                #dz = #dn;
            }
        });
        self.shared.insert(key, Val::Series(c));
        Val::Series(if second { d } else { c })
    }

    /// A scalar: trivial ones inline, others evaluated once before the loop.
    fn scalar(&mut self, tokens: TokenStream) -> Val {
        let name = format_ident!("__jet_c{}", self.scalars);
        self.scalars += 1;
        let ty = &self.shape.float;
        self.kernel.prelude.push(quote!(let #name: #ty = #tokens;));
        Val::Scalar(name.to_token_stream())
    }

    /// A value as a series: a scalar becomes a constant series.
    fn series(&mut self, value: Val) -> Series {
        match value {
            Val::Series(s) => s,
            Val::Lazy(e) => match self.temp(format!("lazy {e}"), |_, _| quote!(#e)) {
                Val::Series(s) => s,
                _ => Series::Time,
            },
            Val::Scalar(s) => {
                let key = format!("constant {s}");
                match self.temp(key, |_, k| quote!(if #k == 0 { #s } else { 0.0 })) {
                    Val::Series(s) => s,
                    _ => Series::Time,
                }
            }
        }
    }

    /// The expression for coefficient `__jet_k` of a value.
    fn coeff(&self, value: &Val) -> TokenStream {
        match value {
            Val::Series(Series::Time) => {
                let s = Series::Time.ident();
                quote!(#s[__jet_k])
            }
            Val::Series(s) => s.newest().to_token_stream(),
            Val::Lazy(e) => e.clone(),
            Val::Scalar(c) => quote!((if __jet_k == 0 { #c } else { 0.0 })),
        }
    }

    /// A new intermediate computed by `statement(c, k)`, or the one already made for `key`.
    fn temp(
        &mut self,
        key: String,
        statement: impl FnOnce(Series, &syn::Ident) -> TokenStream,
    ) -> Val {
        if let Some(existing) = self.shared.get(&key) {
            return existing.clone();
        }
        let c = Series::Temp(self.kernel.temps);
        self.kernel.temps += 1;
        let k = format_ident!("__jet_k");
        let (ci, cn, cz, call) = (c.ident(), c.newest(), c.first(), statement(c, &k));
        self.kernel.steps.push(quote! {
            #cn = #call;
            #ci[#k] = #cn;
            if #k == 0 {
                #cz = #cn;
            }
        });
        self.shared.insert(key, Val::Series(c));
        Val::Series(c)
    }

    /// [`Self::temp`] for a rule applied to one series `a`.
    fn apply(
        &mut self,
        key: String,
        statement: impl FnOnce(&TokenStream, &TokenStream, &TokenStream, &syn::Ident) -> TokenStream,
        a: Series,
    ) -> Val {
        let r = self.rules.clone();
        let ai = a.view();
        self.temp(key, |c, k| statement(&r, &ai, &c.view(), k))
    }
}

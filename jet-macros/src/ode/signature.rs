//! The right-hand side's shape, `fn f(t: T, y: &[T; D] [, p: &[T; P]]) -> [T; D]`, and
//! the attribute's options.

use proc_macro2::TokenStream;
use quote::format_ident;
use syn::ext::IdentExt;
use syn::spanned::Spanned;

/// What the generated code needs to know about the signature.
pub(crate) struct Shape {
    /// The float type `T` (`f64` or `f32`).
    pub(crate) float: syn::Type,
    /// The time parameter's name.
    pub(crate) time: syn::Ident,
    /// The state parameter's name and dimension `D`.
    pub(crate) state: syn::Ident,
    pub(crate) dim: usize,
    /// The parameter vector's name and length, if any.
    pub(crate) params: Option<(syn::Ident, usize)>,
}

/// `name = "..."` and `crate = "..."`.
pub(crate) struct Options {
    pub(crate) name: Option<syn::Ident>,
    pub(crate) krate: syn::Path,
}

const EXPECTED: &str = "expected `fn f(t: f64, y: &[f64; D]) -> [f64; D]`, optionally with a \
                        constant parameter vector `p: &[f64; P]` after `y` (`f32` works too)";

/// Parses `name = "Ident"` and `crate = "path"`.
pub(crate) fn parse_options(args: TokenStream, errors: &mut Vec<syn::Error>) -> Options {
    let mut options = Options {
        name: None,
        krate: syn::parse_quote!(::jet),
    };
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("name") {
            let lit: syn::LitStr = meta.value()?.parse()?;
            options.name = Some(lit.parse().map_err(|_| {
                syn::Error::new(
                    lit.span(),
                    "`name` must be a type name, e.g. `name = \"Pendulum\"`",
                )
            })?);
            Ok(())
        } else if meta.path.is_ident("crate") {
            let lit: syn::LitStr = meta.value()?.parse()?;
            options.krate = lit.parse()?;
            Ok(())
        } else if ["order", "tol", "tolerance"]
            .iter()
            .any(|o| meta.path.is_ident(o))
        {
            Err(meta.error(
                "the order comes from the tolerance given to \
                 `jet::ode::Integrator::new(system, t0, y0, tol)`; `#[jet::ode]` takes only \
                 `name = \"...\"` and `crate = \"...\"`",
            ))
        } else {
            Err(meta.error(
                "unknown `#[jet::ode]` option; expected `name = \"...\"` or `crate = \"...\"`",
            ))
        }
    });
    if let Err(err) = syn::parse::Parser::parse2(parser, args) {
        errors.push(err);
    }
    options
}

/// Reads and checks the signature; `None` (with errors recorded) if it has another shape.
pub(crate) fn read(func: &syn::ItemFn, errors: &mut Vec<syn::Error>) -> Option<Shape> {
    let sig = &func.sig;
    if let Some(asyncness) = sig.asyncness {
        errors.push(syn::Error::new(
            asyncness.span(),
            "`#[jet::ode]` right-hand sides cannot be `async`",
        ));
    }
    if !sig.generics.params.is_empty() {
        errors.push(syn::Error::new_spanned(
            &sig.generics,
            "`#[jet::ode]` right-hand sides cannot be generic; write them over `f64` or `f32`",
        ));
        return None;
    }
    let inputs: Vec<&syn::FnArg> = sig.inputs.iter().collect();
    if inputs.len() != 2 && inputs.len() != 3 {
        errors.push(syn::Error::new(sig.paren_token.span.join(), EXPECTED));
        return None;
    }
    let (time, float) = typed_param(inputs[0], errors)?;
    let float_name = match &float {
        syn::Type::Path(p) if p.path.is_ident("f64") || p.path.is_ident("f32") => {
            p.path.segments[0].ident.to_string()
        }
        other => {
            errors.push(syn::Error::new_spanned(
                other,
                "the time parameter must be `f64` or `f32`",
            ));
            return None;
        }
    };
    let (state, state_ty) = typed_param(inputs[1], errors)?;
    let dim = array_len(&state_ty, &float_name, true, errors)?;
    let params = match inputs.get(2) {
        Some(arg) => {
            let (name, ty) = typed_param(arg, errors)?;
            Some((name, array_len(&ty, &float_name, true, errors)?))
        }
        None => None,
    };
    let ret_dim = match &sig.output {
        syn::ReturnType::Type(_, ty) => array_len(ty, &float_name, false, errors)?,
        syn::ReturnType::Default => {
            errors.push(syn::Error::new(
                sig.ident.span(),
                format!("the right-hand side must return `[{float_name}; {dim}]`"),
            ));
            return None;
        }
    };
    if ret_dim != dim {
        errors.push(syn::Error::new_spanned(
            &sig.output,
            format!("the right-hand side returns {ret_dim} components for a state of {dim}; they must match"),
        ));
        return None;
    }
    if dim == 0 {
        errors.push(syn::Error::new_spanned(
            &state_ty,
            "the state must have at least one component",
        ));
        return None;
    }
    Some(Shape {
        float,
        time,
        state,
        dim,
        params,
    })
}

/// `name: Type` with a plain identifier pattern.
fn typed_param(arg: &syn::FnArg, errors: &mut Vec<syn::Error>) -> Option<(syn::Ident, syn::Type)> {
    match arg {
        syn::FnArg::Typed(pat_type) => match &*pat_type.pat {
            syn::Pat::Ident(ident) => Some((ident.ident.clone(), (*pat_type.ty).clone())),
            syn::Pat::Wild(_) => Some((format_ident!("__jet_unused"), (*pat_type.ty).clone())),
            other => {
                errors.push(syn::Error::new_spanned(
                    other,
                    "name the parameter with a plain identifier",
                ));
                None
            }
        },
        syn::FnArg::Receiver(r) => {
            errors.push(syn::Error::new_spanned(
                r,
                "`#[jet::ode]` applies to free functions, not methods",
            ));
            None
        }
    }
}

/// `&[T; N]` (by reference) or `[T; N]` (returned): N as a literal.
fn array_len(
    ty: &syn::Type,
    float: &str,
    by_ref: bool,
    errors: &mut Vec<syn::Error>,
) -> Option<usize> {
    let inner = match (ty, by_ref) {
        (syn::Type::Reference(r), true) if r.mutability.is_none() => &*r.elem,
        (syn::Type::Array(_), false) => ty,
        _ => return array_expected(ty, float, by_ref, errors),
    };
    let syn::Type::Array(array) = inner else {
        return array_expected(ty, float, by_ref, errors);
    };
    let elem_ok = matches!(&*array.elem, syn::Type::Path(p) if p.path.is_ident(float));
    if !elem_ok {
        errors.push(syn::Error::new_spanned(
            &array.elem,
            format!("the elements must be `{float}`, like the time"),
        ));
        return None;
    }
    match &array.len {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(n),
            ..
        }) => match n.base10_parse::<usize>() {
            Ok(n) => Some(n),
            Err(err) => {
                errors.push(err);
                None
            }
        },
        other => {
            errors.push(syn::Error::new_spanned(
                other,
                "write the array length as an integer literal, e.g. `[f64; 3]`",
            ));
            None
        }
    }
}

/// Records that `ty` should have been `&[T; N]` (state, parameters) or `[T; N]` (result).
fn array_expected(
    ty: &syn::Type,
    float: &str,
    by_ref: bool,
    errors: &mut Vec<syn::Error>,
) -> Option<usize> {
    let (want, what) = if by_ref {
        (
            format!("&[{float}; N]"),
            "the state and the parameters are passed",
        )
    } else {
        (format!("[{float}; N]"), "the derivative is returned")
    };
    errors.push(syn::Error::new_spanned(
        ty,
        format!("{what} as fixed-size arrays, `{want}`, so the dimension is known at compile time; {EXPECTED}"),
    ));
    None
}

/// The default name of the generated system: `UpperCamelCase(fn) + "Ode"` (`pendulum`
/// gives `PendulumOde`), or `GeneratedOde` when that is not an identifier.
pub(crate) fn default_name(func: &syn::Ident) -> syn::Ident {
    let camel: String = func
        .unraw()
        .to_string()
        .split('_')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    let mut name = syn::parse_str::<syn::Ident>(&format!("{camel}Ode"))
        .unwrap_or_else(|_| syn::Ident::new("GeneratedOde", func.span()));
    name.set_span(func.span());
    name
}

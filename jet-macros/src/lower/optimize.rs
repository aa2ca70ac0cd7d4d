//! Local rewrites that change cost, not results.
//!
//! - `x * x` of one binding and `x.powi(2)` become `square` (half the products of `mul`);
//!   the lowering applies them where it builds the call ([`same_binding`]).
//! - `sin` and `cos` of one binding in one block share a single `sin_cos` recurrence
//!   ([`plan_sin_cos`]): when a block (at any depth below it) calls both `b.sin()` and
//!   `b.cos()` on the same binding `b`, and `b` is neither assigned nor re-bound from the
//!   first such call on, the block computes `let (s, c) = sin_cos(b);` right before the
//!   statement holding the first call and uses `s` and `c` for every call. Only method
//!   calls on a plain binding count (`b.sin()`, not `f64::sin(b)` or `(2.0 * b).sin()`).

use std::collections::{HashMap, HashSet};

use syn::visit::{self, Visit};
use syn::{Block, Expr, ExprPath};

/// The single identifier of a plain path expression (`x`), if it is one.
pub(crate) fn single_ident(e: &Expr) -> Option<&syn::Ident> {
    match e {
        Expr::Path(p) => path_ident(p),
        Expr::Paren(p) => single_ident(&p.expr),
        Expr::Group(g) => single_ident(&g.expr),
        _ => None,
    }
}

/// `x` of the path expression `x`.
pub(crate) fn path_ident(p: &ExprPath) -> Option<&syn::Ident> {
    if p.qself.is_some() {
        return None;
    }
    p.path.get_ident()
}

/// Whether `a` and `b` are the same plain name (the caller checks it is one binding).
pub(crate) fn same_binding<'e>(a: &'e Expr, b: &'e Expr) -> Option<&'e syn::Ident> {
    let (x, y) = (single_ident(a)?, single_ident(b)?);
    (x == y).then_some(x)
}

#[derive(Default)]
struct Scan {
    stmt: usize,
    sin: HashMap<String, usize>,
    cos: HashMap<String, usize>,
    assigned: HashSet<String>,
    bound: HashMap<String, Vec<usize>>,
}

impl<'ast> Visit<'ast> for Scan {
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if m.args.is_empty() && m.turbofish.is_none() {
            if let Some(r) = single_ident(&m.receiver) {
                let name = r.to_string();
                let slot = if m.method == "sin" {
                    Some(&mut self.sin)
                } else if m.method == "cos" {
                    Some(&mut self.cos)
                } else {
                    None
                };
                if let Some(map) = slot {
                    map.entry(name).or_insert(self.stmt);
                }
            }
        }
        visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if let Some(i) = single_ident(&a.left) {
            self.assigned.insert(i.to_string());
        }
        visit::visit_expr_assign(self, a);
    }
    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        use syn::BinOp::*;
        if matches!(
            b.op,
            AddAssign(_)
                | SubAssign(_)
                | MulAssign(_)
                | DivAssign(_)
                | RemAssign(_)
                | BitAndAssign(_)
                | BitOrAssign(_)
                | BitXorAssign(_)
                | ShlAssign(_)
                | ShrAssign(_)
        ) {
            if let Some(i) = single_ident(&b.left) {
                self.assigned.insert(i.to_string());
            }
        }
        visit::visit_expr_binary(self, b);
    }
    fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
        if r.mutability.is_some() {
            if let Some(i) = single_ident(&r.expr) {
                self.assigned.insert(i.to_string());
            }
        }
        visit::visit_expr_reference(self, r);
    }
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        self.bound
            .entry(p.ident.to_string())
            .or_default()
            .push(self.stmt);
        visit::visit_pat_ident(self, p);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // A macro may assign anything: names it mentions are treated as assigned.
        let mut stack = vec![m.tokens.clone()];
        while let Some(ts) = stack.pop() {
            for tt in ts {
                match tt {
                    proc_macro2::TokenTree::Ident(i) => {
                        self.assigned.insert(i.to_string());
                    }
                    proc_macro2::TokenTree::Group(g) => stack.push(g.stream()),
                    _ => {}
                }
            }
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// For one block: the names whose `sin` and `cos` share a `sin_cos`, with the index of
/// the statement before which the shared call goes.
pub(crate) fn plan_sin_cos(block: &Block) -> Vec<(usize, String)> {
    let mut scan = Scan::default();
    for (i, stmt) in block.stmts.iter().enumerate() {
        scan.stmt = i;
        scan.visit_stmt(stmt);
    }
    let mut plan: Vec<(usize, String)> = scan
        .sin
        .iter()
        .filter_map(|(name, s)| {
            let c = scan.cos.get(name)?;
            let first = (*s).min(*c);
            let rebound = scan
                .bound
                .get(name)
                .is_some_and(|v| v.iter().any(|j| *j >= first));
            (!rebound && !scan.assigned.contains(name)).then(|| (first, name.clone()))
        })
        .collect();
    plan.sort();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_shared_sin_cos() {
        let b: Block = syn::parse_quote!({
            let a = 1.0;
            let s = x.sin();
            let c = x.cos() + y.sin();
            s * c
        });
        assert_eq!(plan_sin_cos(&b), vec![(1, "x".to_string())]);
        let b: Block = syn::parse_quote!({
            let s = x.sin();
            x = 2.0;
            x.cos()
        });
        assert!(plan_sin_cos(&b).is_empty());
    }
}

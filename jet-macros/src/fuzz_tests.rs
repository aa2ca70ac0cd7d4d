//! The macro never panics: `expand` is fed thousands of generated and mutated inputs
//! (random token trees, truncated / shuffled / spliced real functions, random attribute
//! arguments) under `catch_unwind`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::expand::expand;

/// Deterministic xorshift64* generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let i = self.below(items.len());
        items.get(i)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Real functions exercising most of what the macro lowers.
const CORPUS: &[&str] = &[
    "fn morse(r: f64) -> f64 { let e = (-1.9 * (r - 0.74)).exp(); 4.7 * (1.0 - e) * (1.0 - e) }",
    "fn f<T: Float>(x: T, n: usize) -> T { let mut y = T::zero(); for i in 0..n { y = y + x.sin() * x.cos(); if x > T::one() { return y; } } let z = x * x; if y.is_nan() { y } else { z.powi(2) } }",
    "fn newton(a: f64) -> f64 { let mut y = 1.0; let mut i = 0; while i < 60 { let next = 0.5 * (y + a / y); if (next - y).abs() < 1e-300 { break; } y = next; i += 1; } y }",
    "fn piece(x: f64) -> f64 { if x < 1.0 { x * x * x } else if x > 10.0 { 5.0 } else { let y = 2.0 * x; y - 1.0 } }",
    "fn m(x: f64, y: f64, mode: u8) -> f64 { if x.is_nan() { return 0.0; } let mut acc = 0.0; acc += x.sin() * y; acc -= x.cos(); match mode { 0 => acc, _ => acc * 2.0 } }",
    "fn energy(&self, x: f64) -> f64 { let d = x - self.rest; 0.5 * self.k * d.powi(2) }",
    "fn g(x: f64, y: f64) -> (f64, f64) { let (s, c) = x.sin_cos(); (s * y, c + f64::atan2(y, x)) }",
    "fn h(x: f64) -> f64 { let v = loop { if x > 0.0 { break x.sqrt(); } break 1.0; }; v.mul_add(2.0, x).powf(x).max(0.5).clamp(0.0, 9.0) }",
    "fn k(x: f32, n: i32) -> f32 { let t = x as i32 + n; println!(\"{} {}\", x, t); debug_assert!(x > -1.0); x.ln_1p() * (t as f32) + std::f32::consts::PI }",
    "fn bad(x: f64) -> f64 { let c = |v: f64| v * x; unsafe { c(x) } + x.gamma() + x % 2.0 + twice!(x) }",
    "fn calls(x: f64) -> f64 { let p = inner(x); m::other(p, 2.0) + Self::helper(x) + self.meth(x) + Some(x).unwrap() }",
    "async fn a(x: f64) -> f64 { x.await }",
    "fn lbl(x: f64) -> f64 { let mut s = 0.0; 'outer: for i in 0..3 { for j in 0..3 { if (i + j) as f64 > x { continue 'outer; } s += x / (j as f64 + 1.0); } } -s }",
    "fn c(x: f64) -> f64 { let a: [f64; 2] = [x, 1.0]; let v = vec![x]; let n: i32 = x; let q = S { f: x }; x as f32 as f64 }",
    "fn lets(x: f64) -> f64 { let y; if x > 0.0 { y = x; } else { y = 2.0; } let Some(z) = Some(1.0) else { return y; }; let (a, _) = (y, 3); a * z }",
    "fn lj(x: &[f64]) -> f64 { let n = x.len() / 3; let mut e = 0.0; for i in 0..n { for j in (i + 1)..n { let mut r2 = 0.0; for c in 0..3 { let d = x[3 * i + c] - x[3 * j + c]; r2 += d * d; } let s6 = 1.0 / (r2 * r2 * r2); e += 4.0 * (s6 * s6 - s6); } } e }",
    "fn mlp(w: &[f64], b: &[f64], x: &[f64]) -> Vec<f64> { let d = x.len(); let mut out = Vec::with_capacity(b.len()); for (i, bi) in b.iter().enumerate() { let row = &w[i * d..(i + 1) * d]; let s: f64 = row.iter().zip(x.iter()).map(|(a, v)| a * v).sum(); out.push((s + bi).tanh()); } out }",
    "fn g(x: &[f64; 3], out: &mut [f64]) -> [f64; 2] { let mut buf = [0.0; 3]; for (o, xi) in out.iter_mut().zip(x.iter()) { *o += xi.sin(); } for i in 0..3 { buf[i] = x[i] * 2.0; out[i] -= buf[i]; } let f = x.iter().fold(0.0, |acc, &v| acc + v * v); let p: f64 = x.iter().copied().product(); [f + p, buf[0]] }",
    "fn h(xs: &[[f64; 2]], v: Vec<f64>) -> (Vec<f64>, f64) { let mut acc = vec![0.0; xs.len()]; for (i, row) in xs.iter().enumerate() { acc[i] = row[0] * row[1] + v[i]; if acc[i] > 0.0 { acc[i] = acc[i].sqrt(); } } let t = acc.iter().sum::<f64>(); (acc, t) }",
    "fn b1(x: &[f64], p: *const f64) -> f64 { let m = HashMap::new(); m.insert(1, x[0]); x.iter().filter(|v| **v > 0.0).sum::<f64>() + obj.eval(x[1]) + x[x] }",
    "fn b2(ps: &[P], q: &mut P) -> P { let mut c = P { x: 0.0, ..Default::default() }; for p in ps { c.x += p.x; q.y = p.y; } for (a, (b, c)) in ps.iter().zip(ps.iter().zip(ps)) { } c }",
    "fn b3(x: &[f64]) -> &[f64] { let y = [x[0]; 3]; let z: Vec<[f64; 2]> = vec![[x[0], 1.0]; 2]; for [a, b] in z { } &y[..] }",
    "fn n1(x: &SVector<f64, 3>, m: &SMatrix<f64, 4, 3>, b: &SVector<f64, 4>, w: &SVector<f64, 4>) -> f64 { let h = (m * x + b).map(|v| v.tanh()); w.dot(&h).tanh() + x.norm() * x[0] - x.norm_squared() / x.sum() }",
    "fn n2<T: RealField + Copy>(p: &Vector3<T>, q: &nalgebra::SVector<T, 3>, a: &DMatrix<T>) -> SVector<T, 3> { let c = p.cross(q); let mut acc = Vector3::new(p.x, q.y, T::one()); acc += c; acc -= q.normalize(); if acc.norm() > T::one() { acc * 0.5 } else { 2.0 * acc.component_mul(&c) - W * acc } }",
    "impl<T: Float> Potential<T> for Morse<T> { #[jet(order = 4)] fn energy(&self, r: T) -> T { let e = (-self.a * (r - self.re)).exp(); self.d * self.well(e) } fn name(&self) -> &str { \"m\" } #[jet::jet] fn g(x: f64) -> f64 { Self::h(x) } type A = f64; const K: f64 = 1.0; }",
    "impl Elastic for Spring { fn energy(&self, x: f64) -> f64 { let d = x - self.rest; 0.5 * self.k * d * d } fn label(&self) -> String { format!(\"{}\", self.k) } fn set(&mut self, x: f64) { self.k = x; } }",
    "fn gen(x: f64, c: &[f64]) -> f64 { let mut s = x; for v in C.iter() { s = s + v; s += v * x; s = v.max(s); } for w in self.c.iter().rev() { s = s * x + w; } inner(s, x) * m::other(x) + Self::h(x) + <T>::q(x) }",
    "fn n3(s: f64, t: f64) -> Vector2<f64> { let u = Vector2::new(s, t); let w = vector![1.0, s].map(|c| c * s); let m = Matrix2::from_fn(|i, j| s * (i + j) as f64); let mut out = -(m * u) + w.scale(t); for v in out.iter_mut() { *v = v.sin(); } out.transpose().transpose() + u.fancy() }",
];

const IDENTS: &[&str] = &[
    "x", "y", "z", "f", "fn", "let", "mut", "if", "else", "match", "loop", "while", "for", "in",
    "return", "break", "continue", "unsafe", "async", "await", "move", "self", "Self", "f64",
    "f32", "T", "J", "Float", "sin", "cos", "powi", "powf", "exp", "sqrt", "sin_cos", "order",
    "wrt", "name", "crate", "struct", "impl", "where", "as", "i32", "usize", "Some", "println",
    "assert", "value", "gamma", "clamp", "mul_add", "atan2", "_", "SVector", "SMatrix", "Vector3",
    "DMatrix", "dot", "norm", "map", "cross", "vector",
];

const PUNCTS: &[char] = &[
    '+', '-', '*', '/', '%', '=', '<', '>', '!', '&', '|', '^', ',', ';', ':', '.', '#', '?', '@',
    '~', '$', '\'',
];

fn random_leaf(rng: &mut Rng) -> TokenTree {
    match rng.below(4) {
        0 | 1 => TokenTree::Ident(Ident::new(
            rng.pick(IDENTS).copied().unwrap_or("x"),
            Span::call_site(),
        )),
        2 => {
            let c = rng.pick(PUNCTS).copied().unwrap_or('+');
            let spacing = if rng.chance(30) {
                Spacing::Joint
            } else {
                Spacing::Alone
            };
            TokenTree::Punct(Punct::new(c, spacing))
        }
        _ => TokenTree::Literal(match rng.below(5) {
            0 => Literal::f64_unsuffixed((rng.below(1000) as f64) / 7.0),
            1 => Literal::usize_unsuffixed(rng.below(5)),
            2 => Literal::string("{x} {}"),
            3 => Literal::i32_suffixed(-(rng.below(9) as i32)),
            _ => Literal::f32_suffixed(0.5),
        }),
    }
}

fn random_stream(rng: &mut Rng, depth: usize, len: usize) -> TokenStream {
    let mut out = Vec::new();
    for _ in 0..len {
        if depth > 0 && rng.chance(20) {
            let delim = match rng.below(4) {
                0 => Delimiter::Parenthesis,
                1 => Delimiter::Brace,
                2 => Delimiter::Bracket,
                _ => Delimiter::None,
            };
            let inner_len = rng.below(8);
            out.push(TokenTree::Group(Group::new(
                delim,
                random_stream(rng, depth - 1, inner_len),
            )));
        } else {
            out.push(random_leaf(rng));
        }
    }
    out.into_iter().collect()
}

/// One random edit of a token stream, possibly inside a nested group.
fn mutate(rng: &mut Rng, ts: TokenStream) -> TokenStream {
    let mut tokens: Vec<TokenTree> = ts.into_iter().collect();
    if tokens.is_empty() {
        return random_stream(rng, 2, 3);
    }
    let i = rng.below(tokens.len());
    match rng.below(8) {
        // Descend into a group.
        0 | 1 => {
            if let Some(TokenTree::Group(g)) = tokens.get(i) {
                let mut ng = Group::new(g.delimiter(), mutate(rng, g.stream()));
                ng.set_span(g.span());
                tokens[i] = TokenTree::Group(ng);
            } else {
                tokens[i] = random_leaf(rng);
            }
        }
        2 => tokens.truncate(i),
        3 => {
            tokens.remove(i);
        }
        4 => {
            let t = tokens[i].clone();
            tokens.insert(i, t);
        }
        5 => {
            let j = rng.below(tokens.len());
            tokens.swap(i, j);
        }
        6 => tokens.insert(i, random_leaf(rng)),
        _ => {
            // Shuffle a window.
            let end = (i + 1 + rng.below(6)).min(tokens.len());
            for k in (i + 1..end).rev() {
                let j = i + rng.below(k - i + 1);
                tokens.swap(k, j);
            }
        }
    }
    tokens.into_iter().collect()
}

/// Every expression of the corpus, plus a few unusual ones.
struct ExprPool(Vec<syn::Expr>);

impl<'ast> syn::visit::Visit<'ast> for ExprPool {
    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        self.0.push(e.clone());
        syn::visit::visit_expr(self, e);
    }
}

/// Replaces random subexpressions with expressions from the pool.
struct ExprMutator<'r> {
    rng: &'r mut Rng,
    pool: &'r [syn::Expr],
}

impl syn::visit_mut::VisitMut for ExprMutator<'_> {
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        if self.rng.chance(12) {
            if let Some(new) = self.rng.pick(self.pool) {
                *e = new.clone();
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
}

fn random_args(rng: &mut Rng) -> TokenStream {
    const PIECES: &[&str] = &[
        "order = 3",
        "order = 1",
        "order = 0",
        "order",
        "order = 2.5",
        "order = \"4\"",
        "order = -1",
        "order = 99999999999999999999999999",
        "wrt(x)",
        "wrt(y, x)",
        "wrt(z)",
        "wrt()",
        "wrt = x",
        "wrt(n)",
        "name = \"g2\"",
        "name = \"a b\"",
        "name = x",
        "crate = \"::jet\"",
        "crate = \"1x\"",
        "crate",
        "ordr = 2",
        "structs(P)",
        "structs()",
        "structs = P",
        "structs(P, Q, ::x)",
        "= =",
        ",",
    ];
    if rng.chance(15) {
        let len = rng.below(6);
        return random_stream(rng, 2, len);
    }
    let n = rng.below(4);
    let parts: Vec<&str> = (0..n).filter_map(|_| rng.pick(PIECES).copied()).collect();
    parts.join(", ").parse().unwrap_or_default()
}

/// Expands under `catch_unwind`; returns whether the output reached lowering (it names
/// the `Taylor` trait: a companion or a stub was emitted).
fn run(args: TokenStream, item: TokenStream) -> bool {
    let shown = format!("#[jet({args})] {item}");
    let result = catch_unwind(AssertUnwindSafe(|| expand(args, item)));
    match result {
        Ok(out) => out.to_string().contains("Taylor"),
        Err(_) => panic!("expand panicked on: {shown}"),
    }
}

/// rustc runs proc macros on its main thread, whose stack is 8 MiB; run the same.
fn with_rustc_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .map(|h| h.join());
    assert!(matches!(handle, Ok(Ok(()))), "the fuzz thread failed");
}

#[test]
fn expand_never_panics() {
    with_rustc_stack(fuzz);
}

fn fuzz() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let corpus: Vec<TokenStream> = CORPUS.iter().filter_map(|s| s.parse().ok()).collect();
    assert_eq!(corpus.len(), CORPUS.len());
    let mut fed = 0usize;
    let mut lowered = 0usize;

    // Every corpus function, unmodified, under random arguments.
    for item in &corpus {
        for _ in 0..10 {
            let args = random_args(&mut rng);
            lowered += usize::from(run(args, item.clone()));
            fed += 1;
        }
    }
    // Mutated real functions: 1 to 6 edits each.
    for _ in 0..2500 {
        let Some(base) = rng.pick(&corpus).cloned() else {
            continue;
        };
        let mut item = base;
        for _ in 0..=rng.below(6) {
            item = mutate(&mut rng, item);
        }
        let args = random_args(&mut rng);
        lowered += usize::from(run(args, item));
        fed += 1;
    }
    // Well-formed mutants: subexpressions and statements swapped between functions, so
    // the item still parses and the analysis and lowering see unusual combinations.
    let mut pool = ExprPool(Vec::new());
    for item in &corpus {
        if let Ok(f) = syn::parse2::<syn::ItemFn>(item.clone()) {
            syn::visit::Visit::visit_item_fn(&mut pool, &f);
        }
    }
    for _ in 0..1500 {
        let Some(base) = rng.pick(&corpus).cloned() else {
            continue;
        };
        let Ok(mut f) = syn::parse2::<syn::ItemFn>(base) else {
            continue;
        };
        let mut m = ExprMutator {
            rng: &mut rng,
            pool: &pool.0,
        };
        syn::visit_mut::VisitMut::visit_block_mut(&mut m, &mut f.block);
        let n = f.block.stmts.len();
        if n > 1 && rng.chance(30) {
            let (i, j) = (rng.below(n), rng.below(n));
            f.block.stmts.swap(i, j);
        }
        if n > 0 && rng.chance(20) {
            let i = rng.below(n);
            f.block.stmts.remove(i);
        }
        let item = quote::ToTokens::into_token_stream(f);
        lowered += usize::from(run(random_args(&mut rng), item));
        fed += 1;
    }
    // Random splices: the head of one function, the body of another.
    for _ in 0..300 {
        let (Some(a), Some(b)) = (rng.pick(&corpus).cloned(), rng.pick(&corpus).cloned()) else {
            continue;
        };
        let head: Vec<TokenTree> = a.into_iter().collect();
        let tail: Vec<TokenTree> = b.into_iter().collect();
        let cut_a = rng.below(head.len() + 1);
        let cut_b = rng.below(tail.len() + 1);
        let item: TokenStream = head
            .into_iter()
            .take(cut_a)
            .chain(tail.into_iter().skip(cut_b))
            .collect();
        lowered += usize::from(run(random_args(&mut rng), item));
        fed += 1;
    }
    // Random token trees, bare and behind `fn f(x: f64) -> f64`.
    for _ in 0..700 {
        let len = rng.below(24);
        let body = random_stream(&mut rng, 4, len);
        let item = if rng.chance(50) {
            let b = Group::new(Delimiter::Brace, body);
            let mut head: TokenStream = "fn f(x: f64, y: f64) -> f64".parse().unwrap_or_default();
            head.extend([TokenTree::Group(b)]);
            head
        } else {
            body
        };
        lowered += usize::from(run(random_args(&mut rng), item));
        fed += 1;
    }
    // Deep nesting: the walker's depth limit, not the stack, must stop it (syn's own
    // parser overflows 8 MiB near 800 nested parentheses in a debug build).
    let depths: Vec<usize> = std::env::var("JET_DEPTHS")
        .ok()
        .map(|v| v.split(',').filter_map(|d| d.parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 200, 400, 600]);
    for depth in depths {
        eprintln!("depth {depth}");
        let mut e = "x".to_string();
        for _ in 0..depth {
            e = format!("({e} + 1.0)");
        }
        let item: TokenStream = format!("fn deep(x: f64) -> f64 {{ {e} }}")
            .parse()
            .unwrap_or_default();
        lowered += usize::from(run(TokenStream::new(), item));
        fed += 1;
    }
    assert!(fed >= 1000, "only {fed} inputs");
    // Enough inputs get past parsing to exercise the analysis and the lowering.
    assert!(
        lowered >= 500,
        "only {lowered} of {fed} inputs reached lowering"
    );
    eprintln!("expand_never_panics: {fed} inputs, {lowered} reached lowering");
}

/// Kernels over slices, arrays and `Vec`s that must expand without errors.
const ARRAY_CORPUS: &[&str] = &[
    "fn lj(x: &[f64]) -> f64 { let n = x.len() / 3; let mut e = 0.0; for i in 0..n { for j in (i + 1)..n { let mut r2 = 0.0; for c in 0..3 { let d = x[3 * i + c] - x[3 * j + c]; r2 += d * d; } let s6 = 1.0 / (r2 * r2 * r2); e += 4.0 * (s6 * s6 - s6); } } e }",
    "fn mlp(w: &[f64], b: &[f64], x: &[f64]) -> Vec<f64> { let d = x.len(); let mut out = Vec::with_capacity(b.len()); for (i, bi) in b.iter().enumerate() { let row = &w[i * d..(i + 1) * d]; let s: f64 = row.iter().zip(x.iter()).map(|(a, v)| a * v).sum(); out.push((s + bi).tanh()); } out }",
    "fn g(x: &[f64; 3], out: &mut [f64]) -> [f64; 2] { let mut buf = [0.0; 3]; for (o, xi) in out.iter_mut().zip(x.iter()) { *o += xi.sin(); } for i in 0..3 { buf[i] = x[i] * 2.0; out[i] -= buf[i]; } let f = x.iter().fold(0.0, |acc, &v| acc + v * v); let p: f64 = x.iter().copied().product(); [f + p, buf[0]] }",
    "fn h(xs: &[[f64; 2]], v: Vec<f64>) -> (Vec<f64>, f64) { let mut acc = vec![0.0; xs.len()]; for (i, row) in xs.iter().enumerate() { acc[i] = row[0] * row[1] + v[i]; if acc[i] > 0.0 { acc[i] = acc[i].sqrt(); } } let t = acc.iter().sum::<f64>(); (acc, t) }",
    "fn n1(x: &SVector<f64, 3>, m: &SMatrix<f64, 4, 3>, b: &SVector<f64, 4>, w: &SVector<f64, 4>) -> f64 { let h = (m * x + b).map(|v| v.tanh()); w.dot(&h).tanh() + x.norm() * x[0] - x.norm_squared() / x.sum() }",
    "fn n4(s: f64, t: f64) -> Vector2<f64> { let u = Vector2::new(s, t); let w = vector![1.0, s].map(|c| c * s); let m = Matrix2::from_fn(|i, j| s * (i + j) as f64); let mut out = -(m * u) + w.scale(t); for v in out.iter_mut() { *v = v.sin(); } out.transpose().transpose() }",
];

#[test]
fn array_corpus_expands_without_errors() {
    for src in ARRAY_CORPUS {
        let item: TokenStream = src.parse().unwrap_or_default();
        for args in ["order = 3", ""] {
            let out = expand(args.parse().unwrap_or_default(), item.clone()).to_string();
            assert!(!out.contains("compile_error"), "{src}\n=> {out}");
        }
    }
    let item: TokenStream =
        "fn e(ps: &[P]) -> P { let mut c = P { x: 0.0 }; for p in ps { c.x += p.x; } c }"
            .parse()
            .unwrap_or_default();
    let out = expand("structs(P)".parse().unwrap_or_default(), item).to_string();
    assert!(
        !out.contains("compile_error") && out.contains("PJet"),
        "{out}"
    );
}

#[test]
fn corpus_expands_without_errors_where_valid() {
    // The valid corpus functions produce a companion and no `compile_error!`.
    for src in CORPUS.iter().take(9) {
        let item: TokenStream = src.parse().unwrap_or_default();
        let out = expand("order = 3".parse().unwrap_or_default(), item).to_string();
        assert!(!out.contains("compile_error"), "{src}\n=> {out}");
    }
}

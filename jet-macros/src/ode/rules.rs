//! The ODE mode's table: which incremental rule of `jet::rules` a float method becomes,
//! and in which calling form.

/// How a method's rule is called for coefficient `k` (`a` the receiver's series, `c` the
/// result's, `d` an auxiliary or sibling series).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Form {
    /// `c[k] = rule(a, c, k)`.
    Unary(&'static str),
    /// `c[k] = rule(a, k)`: the rule reads only `a`.
    Plain(&'static str),
    /// `(c[k], d[k]) = rule(a, c, d, k)`; the method's value is `c` (`second = false`) or
    /// `d` (`second = true`). Sibling methods (`sin`/`cos`) share one pass.
    Pair { rule: &'static str, second: bool },
    /// `c[k] = rule(a, c, k, s)` with a plain scalar `s` (`powi`'s `n`, `powf`'s `r`,
    /// `log`'s base).
    Param(&'static str),
    /// `c[k] = rule(a, lo, hi, k)` with plain bounds.
    Clamp,
    /// `c[k] = rule(a, b, k)` on two series (`min`, `max`).
    Binary(&'static str),
    /// `atan2`, `hypot`: a ternary rule whose third input is `a² + b²`.
    SumOfSquares(&'static str),
    /// `mul_add(a, b)`: `self * a + b`.
    MulAdd,
}

/// Methods whose rule is `c[k] = rule(a, c, k)`, named like the method.
const UNARY: &[&str] = &[
    "recip", "sqrt", "cbrt", "exp", "exp2", "exp_m1", "ln", "log2", "log10", "ln_1p",
];

/// Methods whose rule is `c[k] = rule(a, k)`, named like the method.
const PLAIN: &[&str] = &[
    "abs",
    "signum",
    "floor",
    "ceil",
    "round",
    "trunc",
    "to_degrees",
    "to_radians",
];

/// Methods whose rule carries an auxiliary series, named like the method.
const WITH_AUXILIARY: &[&str] = &[
    "tan", "tanh", "asin", "acos", "atan", "asinh", "acosh", "atanh", "erf",
];

/// The rule form of a float method, if the ODE mode supports it.
pub(crate) fn lookup(method: &str) -> Option<Form> {
    let named = |list: &[&'static str]| list.iter().copied().find(|m| *m == method);
    if let Some(rule) = named(UNARY) {
        return Some(Form::Unary(rule));
    }
    if let Some(rule) = named(PLAIN) {
        return Some(Form::Plain(rule));
    }
    if let Some(rule) = named(WITH_AUXILIARY) {
        return Some(Form::Pair {
            rule,
            second: false,
        });
    }
    let form = match method {
        "sin" => Form::Pair {
            rule: "sin_cos",
            second: false,
        },
        "cos" => Form::Pair {
            rule: "sin_cos",
            second: true,
        },
        "sinh" => Form::Pair {
            rule: "sinh_cosh",
            second: false,
        },
        "cosh" => Form::Pair {
            rule: "sinh_cosh",
            second: true,
        },
        "powi" => Form::Param("powi"),
        "powf" => Form::Param("powf"),
        "log" => Form::Param("log"),
        "clamp" => Form::Clamp,
        "min" => Form::Binary("min"),
        "max" => Form::Binary("max"),
        "atan2" => Form::SumOfSquares("atan2"),
        "hypot" => Form::SumOfSquares("hypot"),
        "mul_add" => Form::MulAdd,
        _ => return None,
    };
    Some(form)
}

/// The number of arguments (besides the receiver) a method takes.
pub(crate) fn arity(form: Form) -> usize {
    match form {
        Form::Unary(_) | Form::Plain(_) | Form::Pair { .. } => 0,
        Form::Param(_) | Form::Binary(_) | Form::SumOfSquares(_) => 1,
        Form::Clamp | Form::MulAdd => 2,
    }
}

//! The one table mapping float method / path-call names to `Taylor` methods.
//!
//! A name here is lowered to `<J as Taylor<T>>::name(self, args..)` when its receiver or
//! an argument is active. Every name must be a method of `jet_runtime::Taylor`.

/// How an argument of a rule is passed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Arg {
    /// A jet: inactive arguments are lifted with `constant`.
    Jet,
    /// A plain float (`powf`'s exponent, `log`'s base, `clamp`'s bounds); an active one
    /// switches to the jet form (`pow`, `ln / ln`, `min`/`max`).
    Scalar,
    /// An integer (`powi`'s exponent): must be inactive.
    Int,
}

/// What a float method becomes when it sees an active value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Rule {
    /// A `Taylor` method of the same name returning one jet.
    Method(&'static [Arg]),
    /// A `Taylor` method returning two jets (`sin_cos`).
    Pair,
    /// Reads the primal value only (`is_nan`, `partial_cmp`, `to_bits`, ...).
    Primal,
    /// The value itself (`clone`: jets are `Copy`).
    Identity,
}

const UNARY: &[&str] = &[
    "recip",
    "sqrt",
    "cbrt",
    "exp",
    "exp2",
    "exp_m1",
    "ln",
    "log2",
    "log10",
    "ln_1p",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "sinh",
    "cosh",
    "tanh",
    "asinh",
    "acosh",
    "atanh",
    "erf",
    "abs",
    "signum",
    "floor",
    "ceil",
    "round",
    "trunc",
    "to_degrees",
    "to_radians",
];

const PRIMAL: &[&str] = &[
    "is_nan",
    "is_infinite",
    "is_finite",
    "is_normal",
    "is_subnormal",
    "classify",
    "is_sign_positive",
    "is_sign_negative",
    "to_bits",
    "partial_cmp",
    "total_cmp",
    "integer_decode",
    "to_f32",
    "to_f64",
    "to_i8",
    "to_i16",
    "to_i32",
    "to_i64",
    "to_i128",
    "to_isize",
    "to_u8",
    "to_u16",
    "to_u32",
    "to_u64",
    "to_u128",
    "to_usize",
    "lt",
    "le",
    "gt",
    "ge",
    "eq",
    "ne",
];

/// The rule for a float method name, if the runtime has one.
pub(crate) fn lookup(name: &str) -> Option<Rule> {
    use Arg::{Int, Jet, Scalar};
    if UNARY.contains(&name) {
        return Some(Rule::Method(&[]));
    }
    if PRIMAL.contains(&name) {
        return Some(Rule::Primal);
    }
    Some(match name {
        "atan2" | "hypot" | "min" | "max" => Rule::Method(&[Jet]),
        "mul_add" => Rule::Method(&[Jet, Jet]),
        "powf" | "log" => Rule::Method(&[Scalar]),
        "powi" => Rule::Method(&[Int]),
        "clamp" => Rule::Method(&[Scalar, Scalar]),
        "sin_cos" => Rule::Pair,
        "clone" => Rule::Identity,
        _ => return None,
    })
}

/// Methods of num-traits' `Float` that nalgebra's `RealField` also has: on a plain `T`
/// of a `T: RealField` function, whose companion adds `T: Float`, the method call is
/// ambiguous and is written `<T as Float>::name(..)`.
pub(crate) fn float_trait_method(name: &str) -> bool {
    (UNARY.contains(&name) && name != "erf")
        || matches!(
            name,
            "atan2"
                | "hypot"
                | "min"
                | "max"
                | "mul_add"
                | "powf"
                | "powi"
                | "log"
                | "sin_cos"
                | "is_nan"
                | "is_finite"
                | "is_infinite"
                | "is_sign_positive"
                | "is_sign_negative"
        )
}

/// Names that exist on `f64` but have no Taylor rule: named in the error message.
pub(crate) fn known_unsupported(name: &str) -> bool {
    matches!(
        name,
        "gamma"
            | "ln_gamma"
            | "fract"
            | "rem_euclid"
            | "div_euclid"
            | "copysign"
            | "abs_sub"
            | "round_ties_even"
            | "exp_m1_approx"
    )
}

/// Some supported rules, listed in error messages.
pub(crate) const EXAMPLES: &str = "`exp`, `ln`, `powf`, `sqrt`, `sin`, `atan2`, `erf`";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        for n in UNARY {
            assert_eq!(lookup(n), Some(Rule::Method(&[])));
        }
        assert_eq!(lookup("powi"), Some(Rule::Method(&[Arg::Int])));
        assert_eq!(lookup("gamma"), None);
        assert!(known_unsupported("gamma"));
    }
}

//! Names the macro recognizes: the attribute's options and the float vocabulary.

/// `order = K`: the companion takes `Jet<T, {K + 1}>`.
pub(crate) const ORDER: &str = "order";
/// `wrt(a, b)`: the float parameters that carry jets.
pub(crate) const WRT: &str = "wrt";
/// `name = "..."`: the companion's name.
pub(crate) const NAME: &str = "name";
/// `crate = "..."`: the path of a crate re-exporting `jet`.
pub(crate) const CRATE: &str = "crate";

/// `structs(Particle)`: structs of floats whose `#[jet::jet_struct]` twin carries jets.
pub(crate) const STRUCTS: &str = "structs";

/// Every option, in the order the error messages list them.
pub(crate) const OPTIONS: &[&str] = &[ORDER, WRT, NAME, CRATE, STRUCTS];

/// The suffix of a `#[jet::jet_struct]` twin's name (`Particle` → `ParticleJet`).
pub(crate) const STRUCT_TWIN_SUFFIX: &str = "Jet";

/// How a struct named in `structs(..)` is recorded among the float names (never equal
/// to a type name, so it is not taken for a float).
pub(crate) const STRUCT_MARK: &str = "struct:";

/// The suffix of a companion's default name.
pub(crate) const COMPANION_SUFFIX: &str = "_jet";

/// Primitive float types.
pub(crate) const FLOAT_PRIMITIVES: &[&str] = &["f32", "f64"];

/// Traits whose bound makes a generic parameter a float (`T: Float`).
pub(crate) const FLOAT_TRAITS: &[&str] = &["Float", "Real", "FloatCore"];

/// Macros from `std`/`core` whose arguments are plain expressions: active arguments are
/// read as their primal value (what a `println!` or an `assert!` in the original sees).
pub(crate) const PRIMAL_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "print",
    "println",
    "eprint",
    "eprintln",
    "format",
    "panic",
    "write",
    "writeln",
];

/// Macros that never return.
pub(crate) const DIVERGING_MACROS: &[&str] = &["panic", "unreachable", "todo", "unimplemented"];

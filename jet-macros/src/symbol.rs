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

/// The prefix of the hidden const recording a companion's kind (`__jet_kind_f`), which
/// a generic companion checks before calling it.
pub(crate) const KIND_PREFIX: &str = "__jet_kind_";

/// The suffix of a companion's default name.
pub(crate) const COMPANION_SUFFIX: &str = "_jet";

/// Primitive float types.
pub(crate) const FLOAT_PRIMITIVES: &[&str] = &["f32", "f64"];

/// Traits whose bound makes a generic parameter a float (`T: Float`, nalgebra's
/// `T: RealField`).
pub(crate) const FLOAT_TRAITS: &[&str] = &["Float", "Real", "FloatCore", "RealField"];

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

/// nalgebra's matrix and vector types whose first generic argument is the scalar
/// (`SVector<f64, 3>`, `DMatrix<T>`, `Matrix<T, R, C, S>`); with the sized aliases of
/// [`is_nalgebra_type`] (`Vector3<f64>`, `Matrix2x3<f64>`, `RowVector4<f64>`).
pub(crate) const NALGEBRA_TYPES: &[&str] = &[
    "SVector",
    "SMatrix",
    "DVector",
    "DMatrix",
    "OVector",
    "OMatrix",
    "RowSVector",
    "RowDVector",
    "RowOVector",
    "Matrix",
    "Vector",
    "RowVector",
    "MatrixXx1",
    "MatrixXx2",
    "MatrixXx3",
    "MatrixXx4",
    "MatrixXx5",
    "MatrixXx6",
    "Matrix1xX",
    "Matrix2xX",
    "Matrix3xX",
    "Matrix4xX",
    "Matrix5xX",
    "Matrix6xX",
];

/// Whether `name` is a nalgebra matrix or vector type: [`NALGEBRA_TYPES`], `VectorN`,
/// `RowVectorN`, `MatrixN` and `MatrixNxM` for `N`, `M` in 1..=6.
pub(crate) fn is_nalgebra_type(name: &str) -> bool {
    if NALGEBRA_TYPES.contains(&name) {
        return true;
    }
    let dim = |s: &str| s.len() == 1 && s.chars().all(|c| ('1'..='6').contains(&c));
    if let Some(n) = name
        .strip_prefix("RowVector")
        .or_else(|| name.strip_prefix("Vector"))
    {
        return dim(n);
    }
    match name.strip_prefix("Matrix") {
        Some(n) => match n.split_once('x') {
            Some((r, c)) => dim(r) && dim(c),
            None => dim(n),
        },
        None => false,
    }
}

/// Constructors of nalgebra matrices that `#[jet]` lowers with arguments that carry
/// derivatives (`Vector3::new(a, b, c)`, `SVector::from([a, b, c])`,
/// `SMatrix::from_fn(|i, j| ..)`).
pub(crate) const NALGEBRA_CONSTRUCTORS: &[&str] = &[
    "new",
    "from",
    "from_column_slice",
    "from_row_slice",
    "from_vec",
    "from_fn",
    "from_element",
    "repeat",
    "from_iterator",
];

/// Fields of small nalgebra vectors and matrices (through their `Deref`): `v.x`, `m.m12`.
pub(crate) fn is_nalgebra_field(name: &str) -> bool {
    matches!(name, "x" | "y" | "z" | "w" | "a" | "b")
        || (name.len() == 3
            && name.starts_with('m')
            && name.chars().skip(1).all(|c| ('1'..='6').contains(&c)))
}

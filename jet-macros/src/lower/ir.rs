//! What lowering knows about an expression: its tokens in the companion and its kind.

use proc_macro2::TokenStream;

/// The kind of a value in the companion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Diverges (`return`, `break`, `panic!`): fits any kind.
    Never,
    /// Not a float as far as the macro can tell (integers, bools, unknown types).
    Other,
    /// An inactive float: a plain `T`.
    Float,
    /// A jet.
    Active,
    /// `&x` of an active `x`.
    ActiveRef,
    /// A tuple of kinds.
    Tuple(Vec<Kind>),
    /// A container (slice, array, `Vec`, or a reference to one) whose elements have
    /// this kind: `Array(Active)` holds jets, `Array(Float)` plain floats.
    Array(Box<Kind>),
    /// A nalgebra matrix or vector (`SVector`, `SMatrix`, `DVector`, ..., or a reference to
    /// one) whose entries have this kind: `Matrix(Active)` holds jets.
    Matrix(Box<Kind>),
    /// An iterator whose items have this kind (`x.iter()` of an active `x` yields
    /// `Iter(ActiveRef)`).
    Iter(Box<Kind>),
    /// `&mut J`: an item of `iter_mut()` over jets; `*g` reads it, `*g = ..` writes it.
    ActiveMut,
    /// `&mut T` of a plain float: an item of `iter_mut()` over plain floats.
    FloatMut,
    /// A struct of plain floats named in `structs(..)` (its name).
    Struct(String),
    /// Its `#[jet::jet_struct]` twin holding jets (`ParticleJet<J>`).
    ActiveStruct(String),
}

impl Kind {
    /// Whether the value carries (or contains) a jet.
    pub(crate) fn is_active(&self) -> bool {
        match self {
            Kind::Active | Kind::ActiveRef | Kind::ActiveMut | Kind::ActiveStruct(_) => true,
            Kind::Tuple(ks) => ks.iter().any(Kind::is_active),
            Kind::Array(k) | Kind::Iter(k) | Kind::Matrix(k) => k.is_active(),
            _ => false,
        }
    }

    /// A container's element kind with jets in place of plain floats (what a buffer
    /// becomes when it receives an active value).
    pub(crate) fn activate(&self) -> Kind {
        match self {
            Kind::Float | Kind::Active | Kind::ActiveRef => Kind::Active,
            Kind::FloatMut | Kind::ActiveMut => Kind::ActiveMut,
            Kind::Struct(n) | Kind::ActiveStruct(n) => Kind::ActiveStruct(n.clone()),
            // A container of unknown elements (`Vec::new()`) that receives jets holds jets.
            Kind::Array(k) if matches!(**k, Kind::Other | Kind::Never) => {
                Kind::Array(Box::new(Kind::Active))
            }
            Kind::Array(k) => Kind::Array(Box::new(k.activate())),
            Kind::Matrix(_) => Kind::Matrix(Box::new(Kind::Active)),
            Kind::Iter(k) => Kind::Iter(Box::new(k.activate())),
            Kind::Tuple(ks) => Kind::Tuple(ks.iter().map(Kind::activate).collect()),
            k => k.clone(),
        }
    }

    /// The shape of a binding holding a value of this kind, with plain floats at the
    /// leaves (the inverse of [`activate`](Self::activate)).
    pub(crate) fn deactivate(&self) -> Kind {
        match self {
            Kind::Float | Kind::Active | Kind::ActiveRef => Kind::Float,
            Kind::FloatMut | Kind::ActiveMut => Kind::FloatMut,
            Kind::Struct(n) | Kind::ActiveStruct(n) => Kind::Struct(n.clone()),
            Kind::Array(k) => Kind::Array(Box::new(k.deactivate())),
            Kind::Matrix(_) => Kind::Matrix(Box::new(Kind::Float)),
            Kind::Iter(k) => Kind::Iter(Box::new(k.deactivate())),
            Kind::Tuple(ks) => Kind::Tuple(ks.iter().map(Kind::deactivate).collect()),
            k => k.clone(),
        }
    }

    /// Whether this is a container (or an iterator) kind.
    pub(crate) fn is_container(&self) -> bool {
        matches!(
            self,
            Kind::Array(_)
                | Kind::Iter(_)
                | Kind::Matrix(_)
                | Kind::Struct(_)
                | Kind::ActiveStruct(_)
        )
    }

    /// The least kind both `self` and `other` fit (the kind of an `if` from its branches).
    pub(crate) fn join(&self, other: &Kind) -> Kind {
        match (self, other) {
            (Kind::Never, k) | (k, Kind::Never) => k.clone(),
            (Kind::Tuple(a), Kind::Tuple(b)) if a.len() == b.len() => {
                Kind::Tuple(a.iter().zip(b).map(|(x, y)| x.join(y)).collect())
            }
            (Kind::Tuple(_), _) | (_, Kind::Tuple(_)) => Kind::Other,
            (Kind::Array(a), Kind::Array(b)) => Kind::Array(Box::new(a.join(b))),
            (Kind::Matrix(a), Kind::Matrix(b)) => Kind::Matrix(Box::new(a.join(b))),
            // A value of unknown shape that carries jets (a companion's result) beside a
            // matrix is a matrix of jets.
            (Kind::Matrix(_), Kind::Active) | (Kind::Active, Kind::Matrix(_)) => {
                Kind::Matrix(Box::new(Kind::Active))
            }
            (Kind::Matrix(_), _) | (_, Kind::Matrix(_)) => Kind::Other,
            (Kind::Iter(a), Kind::Iter(b)) => Kind::Iter(Box::new(a.join(b))),
            (Kind::Array(a), Kind::Active) | (Kind::Active, Kind::Array(a)) => {
                Kind::Array(Box::new(a.activate()))
            }
            (Kind::Array(_), _) | (_, Kind::Array(_)) | (Kind::Iter(_), _) | (_, Kind::Iter(_)) => {
                Kind::Other
            }
            (Kind::Struct(a) | Kind::ActiveStruct(a), Kind::Struct(b) | Kind::ActiveStruct(b))
                if a == b =>
            {
                if self.is_active() || other.is_active() {
                    Kind::ActiveStruct(a.clone())
                } else {
                    Kind::Struct(a.clone())
                }
            }
            (Kind::Struct(_) | Kind::ActiveStruct(_), _)
            | (_, Kind::Struct(_) | Kind::ActiveStruct(_)) => Kind::Other,
            (Kind::ActiveMut, _) | (_, Kind::ActiveMut) => Kind::ActiveMut,
            (Kind::FloatMut, _) | (_, Kind::FloatMut) => Kind::FloatMut,
            (Kind::ActiveRef, _) | (_, Kind::ActiveRef) => Kind::ActiveRef,
            (Kind::Active, _) | (_, Kind::Active) => Kind::Active,
            (Kind::Float, _) | (_, Kind::Float) => Kind::Float,
            _ => Kind::Other,
        }
    }

    /// Whether a value of kind `self` must be converted to be used as `want`.
    pub(crate) fn needs_lift_to(&self, want: &Kind) -> bool {
        match (self, want) {
            (Kind::Never, _) => false,
            // A container where a float is wanted (or the reverse) is a type error rustc
            // reports; an active value of unknown shape (a companion's result) may be a
            // container of jets.
            (Kind::Array(_) | Kind::Iter(_), Kind::Active) => false,
            (Kind::Active, Kind::Array(_)) => false,
            // Elements of unknown kind (`Vec::new()`) take the wanted one by inference.
            (Kind::Array(a), Kind::Array(_)) if matches!(**a, Kind::Other | Kind::Never) => false,
            (Kind::Array(a), Kind::Array(b)) => a.needs_lift_to(b),
            (Kind::Matrix(_) | Kind::Active, Kind::Matrix(_)) if self.is_active() => false,
            // A plain matrix (or a value of unknown shape) where a matrix of jets is wanted.
            (Kind::Matrix(_) | Kind::Float | Kind::Other, Kind::Matrix(w)) => w.is_active(),
            (Kind::Matrix(_), Kind::Active) => false,
            (Kind::Struct(_), Kind::ActiveStruct(_)) => true,
            (k, Kind::Active) => !matches!(k, Kind::Active),
            (Kind::Tuple(a), Kind::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).any(|(x, y)| x.needs_lift_to(y))
            }
            _ => false,
        }
    }
}

/// A lowered expression.
pub(crate) struct Lowered {
    pub(crate) tokens: TokenStream,
    pub(crate) kind: Kind,
}

impl Lowered {
    pub(crate) fn new(tokens: TokenStream, kind: Kind) -> Self {
        Self { tokens, kind }
    }
}

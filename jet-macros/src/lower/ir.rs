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
}

impl Kind {
    /// Whether the value carries (or contains) a jet.
    pub(crate) fn is_active(&self) -> bool {
        match self {
            Kind::Active | Kind::ActiveRef => true,
            Kind::Tuple(ks) => ks.iter().any(Kind::is_active),
            _ => false,
        }
    }

    /// The least kind both `self` and `other` fit (the kind of an `if` from its branches).
    pub(crate) fn join(&self, other: &Kind) -> Kind {
        match (self, other) {
            (Kind::Never, k) | (k, Kind::Never) => k.clone(),
            (Kind::Tuple(a), Kind::Tuple(b)) if a.len() == b.len() => {
                Kind::Tuple(a.iter().zip(b).map(|(x, y)| x.join(y)).collect())
            }
            (Kind::Tuple(_), _) | (_, Kind::Tuple(_)) => Kind::Other,
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

//! Stage 1, parse: the attribute's options ([`args`]) and the annotated function with
//! its signature classified ([`item`]).

pub(crate) mod args;
pub(crate) mod item;

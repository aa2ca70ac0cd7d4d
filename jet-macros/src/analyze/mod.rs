//! Stage 2, analyze: scopes ([`scope`]) and the activity fixpoint ([`activity`]).

pub(crate) mod activity;
pub(crate) mod scope;

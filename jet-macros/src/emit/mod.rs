//! Stage 4, emit: the companion ([`companion`]), or on error a stub with the same
//! signature ([`fallback`]) so callers see no secondary errors.

pub(crate) mod companion;
pub(crate) mod fallback;

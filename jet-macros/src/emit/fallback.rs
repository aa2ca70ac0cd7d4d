//! On error: the companion's signature with a body that never runs, so code calling the
//! companion type-checks and the user sees only the errors that matter.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::companion::{attributes, signature};
use crate::lower::Types;
use crate::parse::item::FnInfo;

/// The stub companion.
pub(crate) fn stub(info: &FnInfo<'_>, ty: &Types, jet_param: Option<&Ident>) -> TokenStream {
    let attrs = attributes(info);
    let sig = signature(info, ty, jet_param);
    quote! {
        #attrs
        #[allow(unused_variables, unused_mut, clippy::all)]
        #sig {
            ::core::unimplemented!("`#[jet]` could not compile this companion; see the compile errors")
        }
    }
}

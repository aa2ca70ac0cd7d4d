//! Writes the generated `OdeSystem`: a struct holding the parameters and the
//! intermediates' coefficient buffers, and the coefficient-by-coefficient kernel.

use super::lower::{Kernel, Series, Val};
use super::signature::{default_name, Options, Shape};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

/// Orders whose passes are written out with a literal `k` (the orders
/// `order_from_tolerance` gives for 1e-15 and for machine epsilon in `f64`).
const UNROLLED_ORDERS: &[usize] = &[19, 20];

/// The struct, its constructor and its `OdeSystem` implementation.
pub(crate) fn system(
    func: &syn::ItemFn,
    shape: &Shape,
    kernel: &Kernel,
    options: &Options,
) -> TokenStream {
    let ty = &shape.float;
    let krate = &options.krate;
    let dim = shape.dim;
    let temps = kernel.temps + usize::from(kernel.uses_time);
    let time_series = Series::Time.ident();
    let mut buffers: Vec<syn::Ident> = (0..kernel.temps).map(|j| Series::Temp(j).ident()).collect();
    if kernel.uses_time {
        buffers.push(time_series.clone());
    }
    let states: Vec<syn::Ident> = (0..dim).map(|i| Series::State(i).ident()).collect();
    let k = format_ident!("__jet_k");
    let outputs = kernel.outputs.iter().map(|out| match out {
        Val::Series(Series::Time) => quote!(#time_series[#k]),
        Val::Series(s) => s.newest().to_token_stream(),
        Val::Scalar(e) => quote!((if #k == 0 { #e } else { 0.0 })),
        Val::Lazy(e) => e.clone(),
    });
    // Coefficients `k`, `k - 1` and 0 of every series (states and intermediates) also live
    // in locals (`Series::newest`, `previous`, `first`): expressions and, in the written-out
    // passes, the kernels' accessors (`__jet_at!`) read them there, not from the buffers.
    let temp_series: Vec<Series> = (0..kernel.temps).map(Series::Temp).collect();
    let state_series: Vec<Series> = (0..dim).map(Series::State).collect();
    let newest = |s: &[Series]| s.iter().map(|s| s.newest()).collect::<Vec<_>>();
    let previous = |s: &[Series]| s.iter().map(|s| s.previous()).collect::<Vec<_>>();
    let first = |s: &[Series]| s.iter().map(|s| s.first()).collect::<Vec<_>>();
    let (temp_n, temp_p, temp_z) = (
        newest(&temp_series),
        previous(&temp_series),
        first(&temp_series),
    );
    let (state_n, state_p, state_z) = (
        newest(&state_series),
        previous(&state_series),
        first(&state_series),
    );
    let nexts: Vec<syn::Ident> = (0..dim).map(|i| format_ident!("__jet_next{}", i)).collect();
    let locals = quote! {
        #(
            let mut #state_n: #ty = #states[0];
            let mut #state_p: #ty = 0.0;
            let #state_z: #ty = #state_n;
        )*
        #(
            let mut #temp_n: #ty = 0.0;
            let mut #temp_p: #ty = 0.0;
            let mut #temp_z: #ty = 0.0;
        )*
    };
    let time_init = if kernel.uses_time {
        quote! {
            #time_series[0] = __jet_t;
            #time_series[1] = 1.0;
        }
    } else {
        quote!(let _ = __jet_t;)
    };
    let bind_params = shape.params.as_ref().map(|(p, len)| {
        // A copy: the kernel's stores go through pointers the compiler cannot tell
        // apart from `&self.params`, so it would read the parameters again after each
        // (and a load from the struct, usually on the caller's stack, can collide with
        // the stores' addresses modulo 4096 and wait for them).
        quote! {
            let __jet_params: [#ty; #len] = self.params;
            let #p: &[#ty; #len] = &__jet_params;
        }
    });
    let prelude = &kernel.prelude;
    let steps = &kernel.steps;
    let outputs: Vec<TokenStream> = outputs.collect();
    // One pass: coefficient `k` of every intermediate (each step sets its local and its
    // buffer), then coefficient `k + 1` of the state; the locals move one order on.
    let pass = quote! {
        #( #temp_p = #temp_n; )*
        #(#steps)*
        let __jet_inv = #krate::__private::rules::inverse::<#ty>(#k + 1);
        #( let #nexts = #outputs * __jet_inv; )*
        #(
            #states[#k + 1] = #nexts;
            #state_p = #state_n;
            #state_n = #nexts;
        )*
    };
    // For the orders of the usual double-precision tolerances the passes are written out
    // with a literal `k` over fixed-size arrays, so every rule's inner loop has a constant
    // length and unrolls (as heyoka's JIT does); any other order runs the loop.
    let unrolled = UNROLLED_ORDERS.iter().map(|&order| {
        let n = order + 1;
        let passes = (0..order).map(|step| quote!({ let #k: usize = #step; #pass }));
        quote! {
            #order => {
                if let (Some([#(#states),*]), Some([#(#buffers),*])) = (
                    #krate::ode::split_arrays::<#ty, #dim, #n>(__jet_tc),
                    #krate::ode::split_arrays::<#ty, #temps, #n>(&mut self.buffer),
                ) {
                    #time_init
                    // A series as the kernels read it: coefficients `k`, `k - 1` and 0
                    // from the locals (with `k` a literal, the tests fold away), the others
                    // from the buffer.
                    macro_rules! __jet_at {
                        ($buf:ident, $n:ident, $p:ident, $z:ident, $k:ident) => {
                            |__jet_j: usize| {
                                if __jet_j == $k {
                                    $n
                                } else if __jet_j + 1 == $k {
                                    $p
                                } else if __jet_j == 0 {
                                    $z
                                } else {
                                    $buf[__jet_j]
                                }
                            }
                        };
                    }
                    #locals
                    #(#passes)*
                    return;
                }
            }
        }
    });
    let body = quote! {
        let __jet_n = __jet_order + 1;
        if self.buffer.len() != #temps * __jet_n {
            self.buffer.clear();
            self.buffer.resize(#temps * __jet_n, 0.0);
        }
        #bind_params
        #(#prelude)*
        match __jet_order {
            #(#unrolled)*
            _ => {}
        }
        let [#(#states),*] = #krate::ode::split_series::<#ty, #dim>(__jet_tc, __jet_n);
        let [#(#buffers),*] = #krate::ode::split_series::<#ty, #temps>(&mut self.buffer, __jet_n);
        #time_init
        // With a variable `k` the tests would cost a branch per term: the buffer only.
        macro_rules! __jet_at {
            ($buf:ident, $n:ident, $p:ident, $z:ident, $k:ident) => {
                |__jet_j: usize| $buf[__jet_j]
            };
        }
        #locals
        for #k in 0..__jet_order {
            #pass
        }
    };
    shell(func, shape, options, body)
}

/// The same items with an empty kernel, emitted beside the errors so that code using the
/// system gets no second round of errors.
pub(crate) fn fallback(func: &syn::ItemFn, shape: &Shape, options: &Options) -> TokenStream {
    shell(
        func,
        shape,
        options,
        quote!(let _ = (__jet_t, __jet_order, __jet_tc);),
    )
}

fn shell(func: &syn::ItemFn, shape: &Shape, options: &Options, body: TokenStream) -> TokenStream {
    let name = options
        .name
        .clone()
        .unwrap_or_else(|| default_name(&func.sig.ident));
    let vis = &func.vis;
    let ty = &shape.float;
    let krate = &options.krate;
    let dim = shape.dim;
    let fn_name = &func.sig.ident;
    let doc = format!(
        "The Taylor-coefficient kernel of [`{fn_name}`], generated by `#[jet::ode]`: an \
         [`OdeSystem`]({}::ode::OdeSystem) for `jet::ode::Integrator`.",
        quote!(#krate).to_string().replace(' ', "")
    );
    let (field, constructor) = match &shape.params {
        Some((_, len)) => (
            quote!(params: [#ty; #len],),
            quote! {
                /// The system with the parameter vector `params` (constant during integration).
                #vis fn new(params: [#ty; #len]) -> Self {
                    Self { params, buffer: ::std::vec::Vec::new() }
                }
                /// The parameter vector.
                #vis fn params(&self) -> &[#ty; #len] {
                    &self.params
                }
            },
        ),
        None => (
            TokenStream::new(),
            quote! {
                /// The system (it has no parameters).
                #vis fn new() -> Self {
                    Self { buffer: ::std::vec::Vec::new() }
                }
            },
        ),
    };
    let default = shape.params.is_none().then(|| {
        quote! {
            impl ::core::default::Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        #vis struct #name {
            #field
            /// Coefficient buffers of the intermediates, sized on first use.
            buffer: ::std::vec::Vec<#ty>,
        }

        impl #name {
            #constructor
        }

        #default

        #[allow(unused_variables, unused_assignments, unused_mut, unused_macros, clippy::all)]
        impl #krate::ode::OdeSystem<#ty> for #name {
            fn dim(&self) -> usize {
                #dim
            }

            fn taylor_coefficients(&mut self, __jet_t: #ty, __jet_order: usize, __jet_tc: &mut [#ty]) {
                #body
            }
        }
    }
}

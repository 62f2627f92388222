//! A resource's request body with the read-only fields every resource
//! answers (`id`, `created_at`, `updated_at`) declared once: sent, each is
//! a 422 `is read-only` ([`uome_domain::read_only`]).

#[doc(hidden)]
pub mod __private {
    pub use uome_domain::read_only::ReadOnly;
}

/// Declares a request body struct and appends the common read-only fields:
///
/// ```ignore
/// uome_http::resource_body! {
///     #[derive(Debug, Default, Deserialize, ToSchema)]
///     #[serde(deny_unknown_fields)]
///     pub struct TaxRateBody {
///         #[serde(default)]
///         pub name: Option<String>,
///     }
/// }
/// ```
#[macro_export]
macro_rules! resource_body {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $($(#[$fmeta:meta])* $fvis:vis $field:ident : $ty:ty),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $($(#[$fmeta])* $fvis $field: $ty,)*
            /// Read-only: 422 `is read-only` if sent.
            #[serde(default)]
            #[schema(ignore)]
            pub id: $crate::resource_body::__private::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub created_at: $crate::resource_body::__private::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub updated_at: $crate::resource_body::__private::ReadOnly,
        }
    };
}

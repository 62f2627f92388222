//! Problem answers for `#[utoipa::path(responses(...))]`, defined once.
//!
//! Each type here is a set of `application/problem+json` responses with
//! their descriptions; a route names the sets it can answer beside its own
//! tuples: `responses((status = 200, ...), BusinessAuth, NotFound, Invalid)`.
//! A function declares its own sets with [`problem_responses!`](crate::problem_responses!)
//! when a description repeats across its routes; a problem only one route
//! answers stays a tuple there.

use std::collections::BTreeMap;

use utoipa::ToSchema;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, response::Response};

use crate::problem::{PROBLEM_CONTENT_TYPE, Problem};

#[doc(hidden)]
pub mod __private {
    pub use utoipa::IntoResponses;
    pub use utoipa::openapi::{RefOr, response::Response};
}

/// Declares unit structs whose OpenAPI responses are problem bodies:
///
/// ```ignore
/// uome_http::problem_responses! {
///     /// A contact id that names nothing in the caller's account.
///     pub struct ContactNotFound { 404 => "No such contact in this account" }
/// }
/// ```
#[macro_export]
macro_rules! problem_responses {
    ($($(#[$meta:meta])* $vis:vis struct $name:ident { $($status:literal => $description:literal),+ $(,)? })+) => {
        $(
            $(#[$meta])*
            #[derive(Clone, Copy, Debug)]
            $vis struct $name;

            impl $crate::problem_responses::__private::IntoResponses for $name {
                fn responses() -> ::std::collections::BTreeMap<
                    ::std::string::String,
                    $crate::problem_responses::__private::RefOr<
                        $crate::problem_responses::__private::Response,
                    >,
                > {
                    $crate::problem_responses::problems(&[$(($status, $description)),+])
                }
            }
        )+
    };
}

/// The responses of `(status, description)` pairs, each a [`Problem`] body.
pub fn problems(list: &[(u16, &str)]) -> BTreeMap<String, RefOr<Response>> {
    list.iter()
        .map(|&(status, description)| (status.to_string(), RefOr::T(problem(description))))
        .collect()
}

fn problem(description: &str) -> Response {
    let schema = Ref::from_schema_name(<Problem as ToSchema>::name());
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_CONTENT_TYPE,
            ContentBuilder::new().schema(Some(schema)).build(),
        )
        .build()
}

crate::problem_responses! {
    /// What the [`Business`](crate::Business) extractor refuses.
    pub struct BusinessAuth {
        401 => "No or bad credentials",
        403 => "A portal token",
    }

    /// What the [`Owner`](crate::Owner) extractor refuses.
    pub struct OwnerAuth {
        401 => "No or bad credentials",
        403 => "Not the owner (API clients and portal tokens)",
    }

    /// What the [`PortalClient`](crate::PortalClient) extractor refuses.
    pub struct PortalAuth {
        401 => "No, a revoked or an expired portal token, or its contact was deleted: `invalid_token`",
        403 => "A business token: `forbidden`",
    }

    /// A list's `?limit=` or `?cursor=` (or a filter) refused.
    pub struct BadListQuery { 400 => "`invalid_query` or `invalid_cursor`" }

    /// A body that is not JSON.
    pub struct MalformedJson { 400 => "Malformed JSON" }

    /// An id that names nothing in the caller's account.
    pub struct NotFound { 404 => "Unknown, or another account's" }

    /// A write naming a version that is no longer current.
    pub struct VersionConflict { 409 => "`version_conflict`: changed since read" }

    /// What a bulk upload's body may be refused for, before any row is read.
    pub struct BulkBody {
        400 => "Malformed JSON",
        413 => "`payload_too_large`: more than 5,000 rows or 5 MiB",
        415 => "`unsupported_media_type`: the body must be `application/json`",
    }

    /// A 422 listing every bad field of the request.
    pub struct Invalid { 422 => "Every bad field" }

    /// A portal token asking for a document that is not its contact's (or
    /// is a draft): indistinguishable from an unknown id.
    pub struct PortalNotFound { 404 => "Not one of the token's contact's documents, or a draft" }

    /// An email to a third party before the account's email is verified.
    pub struct EmailUnverified { 403 => "`email_unverified`: verify the account's email first" }

    /// A write naming a contact that is being deleted.
    pub struct ContactBusy { 409 => "`contact_busy`: the contact is being deleted" }

    /// A second one-off reminder within 24 hours.
    pub struct ReminderThrottled {
        429 => "`reminder_throttled`: one reminder per document per 24 h; `Retry-After` says how long to wait",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use utoipa::IntoResponses;

    use super::*;

    #[test]
    fn a_set_is_problem_bodies_under_their_statuses() {
        let responses = serde_json::to_value(BusinessAuth::responses()).unwrap();
        let body = |description: &str| {
            json!({
                "description": description,
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
            })
        };
        assert_eq!(
            responses,
            json!({"401": body("No or bad credentials"), "403": body("A portal token")})
        );
    }
}

//! What every HTTP function of Uome shares.
//!
//! A function's router is a plain `axum::Router<()>` built over an
//! [`AppContext`] state and wrapped by [`stack()`]; Lambda serves it with
//! `lambda_http::run`, the local server mounts it as it is.
//!
//! - [`problem`] / [`error`]: every failure is an [`ApiError`], which becomes
//!   an RFC 9457 `application/problem+json` body (with the request id) in one
//!   place. Port errors convert with `?`.
//! - [`json`]: [`Json`], [`Query`] and [`Path`] extractors whose rejections are
//!   problems (400 `malformed_json`, 415, 413, 422 with the field path,
//!   400 `invalid_query`, 404 for an unparseable id).
//! - [`auth`]: access tokens (HS256 JWT), API-client headers and portal tokens
//!   resolved into a [`Principal`]; extractors [`Business`], [`Owner`],
//!   [`PortalClient`].
//! - [`pagination`]: [`ListParams`], tamper-proof cursors ([`CursorCodec`]),
//!   [`Page`].
//! - [`idempotency`]: `Idempotency-Key` on every `POST`, stored in the table.
//! - [`request_id`]: `x-request-id` echoed or generated.
//! - [`route_table!`]: a function's routes written once, as `api()` (with
//!   their OpenAPI descriptions) and `router()` (without, for its Lambda).
//! - [`stack()`]: all of the above as middleware, plus 404/405 fallbacks and
//!   panics turned into 500 problems.
//! - [`openapi`]: one OpenAPI 3.1 document from every function's parts;
//!   [`problem_responses`]: the problem answers route annotations name
//!   ([`BusinessAuth`](problem_responses::BusinessAuth), ...).
//!
//! ```ignore
//! let ctx = AppContext::new(ports, http_config);
//! let (router, api) = OpenApiRouter::new().routes(routes!(list_contacts)).split_for_parts();
//! let app = uome_http::stack(router.with_state(ctx.clone()), &ctx);
//! ```

pub mod auth;
pub mod body_shape;
pub mod context;
pub mod credentials;
pub mod documents;
pub mod error;
pub mod idempotency;
pub mod json;
pub mod openapi;
pub mod openapi_conventions;
pub mod openapi_decimals;
pub mod pagination;
pub mod problem;
pub mod problem_responses;
pub mod query_filter;
pub mod query_id;
pub mod request_id;
pub mod resource_body;
pub mod route_table;
pub mod stack;
pub mod telemetry;
pub mod uploads;
pub mod version;

pub use auth::{
    Business, Claims, CredentialVerifier, JwtConfig, JwtKeys, Owner, PortalClient, Principal, Role,
};
pub use context::{AppContext, HttpConfig};
pub use credentials::TableCredentials;
pub use error::{ApiError, Code};
pub use json::{Json, JsonBytes, OptionalJson, Path, Query};
pub use pagination::{CursorCodec, ListParams, Page};
pub use problem::{FieldError, PROBLEM_CONTENT_TYPE, Problem};
pub use request_id::RequestId;
pub use stack::{BODY_LIMIT, BULK_BODY_LIMIT, stack};
pub use version::{IfMatch, created, expected_version, versioned};

//! One OpenAPI 3.1 document from every function's routes.
//!
//! Each function builds its router with utoipa-axum's `OpenApiRouter` and
//! gets `(Router, OpenApi)` from `split_for_parts`; the documents are merged
//! here, so the document is generated from the same code that mounts the
//! routes.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Components, InfoBuilder, OpenApi, OpenApiBuilder, OpenApiVersion};
use utoipa::{PartialSchema, ToSchema};

use crate::problem::{FieldError, Problem};

/// Security scheme names, for `#[utoipa::path(security(...))]`:
/// `security((BEARER = []), (CLIENT_ID = [], CLIENT_SECRET = []))` written
/// with the literal names `"bearer"`, `"client_id"`, `"client_secret"`.
pub const BEARER: &str = "bearer";
pub const CLIENT_ID: &str = "client_id";
pub const CLIENT_SECRET: &str = "client_secret";

/// The document title.
pub const TITLE: &str = "Uome API";

/// Merges the parts into one document titled "Uome API", with the security
/// schemes and the `Problem` schema. Where two parts describe the same
/// method on the same path, the first wins.
pub fn document(parts: impl IntoIterator<Item = OpenApi>) -> OpenApi {
    let info = InfoBuilder::new()
        .title(TITLE)
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "Invoicing, quoting, ordering and payments for small businesses. \
             Errors are application/problem+json (RFC 9457).",
        ))
        .build();
    let mut doc = OpenApiBuilder::new().info(info).build();
    doc.openapi = OpenApiVersion::Version31;
    for part in parts {
        doc.merge(part);
    }
    let components = doc.components.get_or_insert_with(Components::default);
    components.add_security_scheme(
        BEARER,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .description(Some(
                    "An access token from /v1/auth/login, or a portal token for /v1/portal routes.",
                ))
                .build(),
        ),
    );
    components.add_security_scheme(
        CLIENT_ID,
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "X-Client-Id",
            "API client id (alias header: api_key); send with X-Client-Secret.",
        ))),
    );
    components.add_security_scheme(
        CLIENT_SECRET,
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "X-Client-Secret",
            "API client secret (alias header: api_secret).",
        ))),
    );
    components.schemas.insert(
        <Problem as ToSchema>::name().into_owned(),
        Problem::schema(),
    );
    components.schemas.insert(
        <FieldError as ToSchema>::name().into_owned(),
        FieldError::schema(),
    );
    doc
}

/// The document as served: [`document`]'s, with the rules every operation
/// shares written in ([`crate::openapi_conventions`]).
pub fn publish(doc: &OpenApi) -> serde_json::Value {
    let mut value = serde_json::to_value(doc).expect("an OpenAPI document serializes");
    crate::openapi_conventions::apply(&mut value);
    value
}

/// Every `(METHOD, path)` the document describes, sorted, e.g.
/// `("GET", "/v1/contacts/{id}")`: compare with the routes a test expects.
pub fn mounted_paths(doc: &OpenApi) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, item) in &doc.paths.paths {
        let standard = [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
            ("OPTIONS", &item.options),
            ("HEAD", &item.head),
            ("PATCH", &item.patch),
            ("TRACE", &item.trace),
            ("QUERY", &item.query),
        ];
        for (method, operation) in standard {
            if operation.is_some() {
                out.push((method.to_owned(), path.clone()));
            }
        }
        for method in item.additional_operations.keys() {
            out.push((method.to_ascii_uppercase(), path.clone()));
        }
    }
    out.sort();
    out
}

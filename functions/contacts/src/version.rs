//! Versions on the wire: `If-Match` in, `ETag` out.

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use http::header::{ETAG, IF_MATCH};
use http::request::Parts;
use http::{HeaderValue, StatusCode};
use serde::Serialize;
use uome_core::contacts::Expected;
use uome_http::{ApiError, FieldError, Json};

/// The `If-Match` header as a version: `3`, `"3"` and `W/"3"` all mean 3;
/// `*` (any version) and no header mean "not given".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IfMatch(pub Option<u64>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        let invalid = || {
            ApiError::bad_request(
                "invalid_if_match",
                "If-Match must be the version number of the contact.",
            )
        };
        let text = value.to_str().map_err(|_| invalid())?.trim();
        if text == "*" {
            return Ok(IfMatch(None));
        }
        let text = text.strip_prefix("W/").unwrap_or(text);
        let text = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(text);
        text.parse::<u64>()
            .map(|v| IfMatch(Some(v)))
            .map_err(|_| invalid())
    }
}

/// The version a write expects from the header, after checking it agrees
/// with the body's `version` when both are given (else 422 on `version`).
pub fn expected(header: IfMatch, body: Option<u64>) -> Result<Expected, ApiError> {
    match (header.0, body) {
        (Some(h), Some(b)) if h != b => Err(ApiError::validation(vec![FieldError::new(
            "version",
            "does not match the If-Match header",
        )])),
        (h, _) => Ok(Expected(h)),
    }
}

/// A JSON body with `ETag: "<version>"`, so `If-Match` can echo it.
pub fn versioned<T: Serialize>(status: StatusCode, version: u64, body: T) -> Response {
    let mut response = (status, Json(body)).into_response();
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{version}\"")) {
        response.headers_mut().insert(ETAG, etag);
    }
    response
}

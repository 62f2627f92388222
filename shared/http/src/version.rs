//! Versions on the wire (API.md §1 concurrency): `If-Match` in, `ETag` out.
//! Every mutable resource carries `version`; a write names the version it
//! expects in `If-Match` or in its body, and every answer carries the
//! version as an `ETag` the client can echo.

use crate::error::ApiError;
use crate::json::Json;
use crate::problem::FieldError;
use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use http::header::{ETAG, IF_MATCH, LOCATION};
use http::request::Parts;
use http::{HeaderValue, StatusCode};
use serde::Serialize;

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
                "If-Match must be the version number of the resource.",
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
        // Digits only: `u64::from_str` would also take `+3`, which the
        // document's pattern (and so every client) does not.
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        text.parse::<u64>()
            .map(|v| IfMatch(Some(v)))
            .map_err(|_| invalid())
    }
}

/// The version a write expects: the header's or the body's; both given and
/// different is a 422 on `version`.
pub fn expected_version(header: IfMatch, body: Option<u64>) -> Result<Option<u64>, ApiError> {
    match (header.0, body) {
        (Some(h), Some(b)) if h != b => Err(ApiError::validation(vec![FieldError::new(
            "version",
            "does not match the If-Match header",
        )])),
        (h, b) => Ok(h.or(b)),
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

/// 201 with `Location` and `ETag`.
pub fn created<T: Serialize>(location: &str, version: u64, body: T) -> Response {
    let mut response = versioned(StatusCode::CREATED, version, body);
    if let Ok(location) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, location);
    }
    response
}

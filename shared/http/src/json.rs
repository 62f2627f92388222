//! Extractors whose rejections are problems: `Json`, `OptionalJson`,
//! `Query`, `Path`.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::StatusCode;
use http::header::CONTENT_TYPE;
use http::request::Parts;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::body_shape::expects_object;
use crate::error::ApiError;
use crate::problem::FieldError;
use crate::query_id::canonical;

/// A JSON body in, or a JSON body out.
///
/// In: 415 `unsupported_media_type` unless the content type is JSON, 413
/// `payload_too_large` past the route's body limit, 400 `malformed_json` for
/// bad syntax, 422 `invalid_body` when the type expects an object and the
/// body is another JSON value (an array, a string, `null`...), 422
/// `validation_failed` naming the field (`lines[2].quantity`) for wrong
/// types, missing or unknown fields.
#[derive(Clone, Copy, Debug, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !has_json_content_type(req.headers()) {
            return Err(ApiError::UnsupportedMediaType);
        }
        parse_body(&body_bytes(req, state).await?).map(Json)
    }
}

/// A JSON body that may be left out (`POST …/send` with no note,
/// `mark-paid` with no date): an empty or all-whitespace body, with any or
/// no content type, is `T::default()`; a body that is there is parsed like
/// [`Json`] (415 unless JSON, 413, 400 malformed, 422 `invalid_body` for a
/// non-object, 422 per field): `[]` is not "no body".
#[derive(Clone, Copy, Debug, Default)]
pub struct OptionalJson<T>(pub T);

impl<T, S> FromRequest<S> for OptionalJson<T>
where
    T: DeserializeOwned + Default,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = has_json_content_type(req.headers());
        let bytes = body_bytes(req, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(T::default()));
        }
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        parse_body(&bytes).map(Self)
    }
}

/// A JSON body as its bytes, for a use case that reads it itself (the
/// bulk uploads parse each row on its own): 415 unless the content type is
/// JSON, 413 past the route's body limit.
#[derive(Clone, Debug, Default)]
pub struct JsonBytes(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for JsonBytes {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !has_json_content_type(req.headers()) {
            return Err(ApiError::UnsupportedMediaType);
        }
        body_bytes(req, state).await.map(JsonBytes)
    }
}

/// The whole body, or the problem of why it could not be read.
async fn body_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    Bytes::from_request(req, state)
        .await
        .map_err(|rejection| match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge(None),
            _ => ApiError::bad_request("unreadable_body", "The request body could not be read."),
        })
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `application/json` or any `application/*+json`, with or without parameters.
pub fn has_json_content_type(headers: &http::HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Parses a request body as [`Json`] does, the object rule included; for
/// handlers that must look at the raw bytes first.
pub fn parse_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') && expects_object::<T>() {
        // What is not JSON at all stays a 400, as for any other body.
        parse_json::<serde::de::IgnoredAny>(bytes)?;
        return Err(ApiError::unprocessable(
            "invalid_body",
            "The request body must be a JSON object.",
            Vec::new(),
        ));
    }
    parse_json(bytes)
}

/// Parses JSON with the error mapping of [`Json`] but without the object
/// rule: for bodies that are not objects (bulk uploads of arrays).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
    // Trailing garbage after the value is a syntax error, as in axum's Json.
    de.end()
        .map_err(|e| ApiError::bad_request("malformed_json", message_of(&e)))?;
    Ok(value)
}

fn json_error(err: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let inner = err.inner();
    match inner.classify() {
        serde_json::error::Category::Data => {
            let message = message_of(inner);
            let field = field_path(err.path(), &message);
            ApiError::validation(vec![FieldError::new(field, friendly(&message))])
        }
        _ => ApiError::bad_request("malformed_json", message_of(inner)),
    }
}

/// serde_json's message without its " at line L column C" suffix.
fn message_of(err: &serde_json::Error) -> String {
    let full = err.to_string();
    match full.rfind(" at line ") {
        Some(at) => full[..at].to_owned(),
        None => full,
    }
}

/// The path of the offending field. serde reports a missing field at its
/// parent, so its name is appended from the message (an unknown field is
/// already the last segment).
fn field_path(path: &serde_path_to_error::Path, message: &str) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => push_key(&mut out, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    if let Some(name) = missing_field(message) {
        push_key(&mut out, name);
    }
    out
}

fn push_key(out: &mut String, key: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(key);
}

/// serde's "missing field `x`" names the field.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

fn friendly(message: &str) -> String {
    if message.starts_with("missing field `") {
        "is required".to_owned()
    } else if message.starts_with("unknown field `") {
        "is not a known field".to_owned()
    } else {
        message.to_owned()
    }
}

/// A query string; a bad one is 400 `invalid_query`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Query(value) = axum::extract::Query::try_from_uri(&parts.uri)?;
        Ok(Query(value))
    }
}

/// Path parameters; one that does not parse (a non-UUID id) is 404
/// `not_found`, since no such resource can exist. So is a UUID in another
/// spelling than the hyphenated one (32 bare digits, braces, `urn:uuid:`),
/// which `Uuid` would accept: one resource, one URL.
#[derive(Clone, Copy, Debug, Default)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let raw = axum::extract::RawPathParams::from_request_parts(parts, state)
            .await
            // A parameter that is not valid UTF-8 names nothing either.
            .map_err(|_| ApiError::NotFound)?;
        if raw.iter().any(|(_, value)| is_other_uuid_spelling(value)) {
            return Err(ApiError::NotFound);
        }
        let axum::extract::Path(value) =
            axum::extract::Path::from_request_parts(parts, state).await?;
        Ok(Path(value))
    }
}

/// A UUID written any way but hyphenated ([`canonical`] refuses it).
fn is_other_uuid_spelling(value: &str) -> bool {
    canonical(value).is_none() && uuid::Uuid::try_parse(value).is_ok()
}

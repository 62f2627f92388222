//! `Idempotency-Key` on every `POST` (API.md §1).
//!
//! The first request with a key claims it in the table (a put that only
//! succeeds when no record exists), runs, and stores its answer; a replay
//! with the same method, path and body gets that answer back and runs
//! nothing. Records live under `IDEMP#<scope>` / `<key>`, where the scope is
//! the caller's account (`public` for unauthenticated requests), and expire
//! after 24 h.
//!
//! Failure modes are chosen so a retry can never cause a second effect:
//! a 5xx releases the claim (the request wrote nothing, by contract); a
//! crash mid-request leaves an `in_progress` claim that expires after
//! [`IN_PROGRESS_TTL_SECS`], answering 409 `idempotency_in_progress` until then.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue, LOCATION};
use http::{Method, StatusCode};
use http_body_util::{BodyExt, Limited};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uome_core::ports::{Condition, Item, Key, TableError};

use crate::auth::{Principal, authenticate, has_credentials, is_public_path};
use crate::context::AppContext;
use crate::error::ApiError;

/// The request header.
pub static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// Set to `true` on a replayed response.
pub static IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

pub const MAX_KEY_LEN: usize = 255;
/// Completed records are kept this long.
pub const RETENTION_SECS: i64 = 24 * 60 * 60;
/// An unfinished claim frees itself after this long (a Lambda's longest run),
/// so a crashed request does not block its key for a day.
pub const IN_PROGRESS_TTL_SECS: i64 = 15 * 60;
/// Largest request body buffered for hashing: the bulk-upload limit. Each
/// route's own, usually smaller, limit still applies in its extractor.
pub const MAX_BUFFERED_BODY: usize = 5 << 20;
/// Largest response body stored for replay, well under DynamoDB's 400 KB
/// item limit once wrapped in JSON.
pub const MAX_STORED_BODY: usize = 300 * 1024;
/// The scope of requests without credentials.
pub const PUBLIC_SCOPE: &str = "public";

/// The table key of one idempotency record, for a use case that wants to
/// write the record in its own transaction.
pub fn record_key(scope: &str, key: &str) -> Key {
    Key::new(format!("IDEMP#{scope}"), key)
}

/// SHA-256 of method, path with query, and body: what "the same request" means.
pub fn request_hash(method: &Method, path_and_query: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(method.as_str().as_bytes());
    hasher.update(b"\n");
    hasher.update(path_and_query.as_bytes());
    hasher.update(b"\n");
    hasher.update(body);
    URL_SAFE_NO_PAD.encode(hasher.finalize())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    InProgress,
    Completed,
}

/// The stored document of an idempotency record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    pub status: RecordStatus,
    pub body_hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<StoredResponse>,
}

/// A response as it will be replayed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredResponse {
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The body as text when it is UTF-8 (JSON almost always is) ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// ... else as standard base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_base64: Option<String>,
    /// The body was too large to keep; a replay cannot reproduce it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub body_dropped: bool,
}

/// The middleware; `stack` installs it with the context as state.
pub async fn middleware(State(ctx): State<AppContext>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let Some(raw_key) = req.headers().get(&IDEMPOTENCY_KEY) else {
        return next.run(req).await;
    };
    match run(ctx, raw_key.clone(), req, next).await {
        Ok(response) | Err(response) => response,
    }
}

async fn run(
    ctx: AppContext,
    raw_key: HeaderValue,
    req: Request,
    next: Next,
) -> Result<Response, Response> {
    let (mut parts, body) = req.into_parts();
    // Authentication first: without good credentials a private route is a
    // 401 whatever the key looks like, so a client learns the real problem.
    if !is_public_path(parts.uri.path()) {
        let principal = authenticate(&ctx, &parts.headers)
            .await
            .map_err(IntoResponse::into_response)?;
        let key = valid_key(&raw_key).map_err(IntoResponse::into_response)?;
        let scope = principal.idempotency_scope();
        // Spares the handler's extractor a second verification.
        parts.extensions.insert::<Principal>(principal);
        return replay_or_run(ctx, key, scope, parts, body, next).await;
    }
    let key = valid_key(&raw_key).map_err(IntoResponse::into_response)?;

    let scope = if has_credentials(&parts.headers) {
        match authenticate(&ctx, &parts.headers).await {
            Ok(principal) => {
                let scope = principal.idempotency_scope();
                // Spares the handler's extractor a second verification.
                parts.extensions.insert::<Principal>(principal);
                scope
            }
            // Bad credentials: the handler refuses the request (writing
            // nothing) unless the route is public, where they do not count.
            Err(ApiError::Unauthorized { .. }) => PUBLIC_SCOPE.to_owned(),
            Err(other) => return Err(other.into_response()),
        }
    } else {
        PUBLIC_SCOPE.to_owned()
    };
    replay_or_run(ctx, key, scope, parts, body, next).await
}

async fn replay_or_run(
    ctx: AppContext,
    key: &str,
    scope: String,
    parts: http::request::Parts,
    body: Body,
    next: Next,
) -> Result<Response, Response> {
    let bytes = read_body(body).await.map_err(IntoResponse::into_response)?;
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let hash = request_hash(&parts.method, &path, &bytes);
    let record_key = record_key(&scope, key);

    if let Some(answer) = claim(&ctx, &record_key, &hash).await? {
        return Ok(answer);
    }

    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    Ok(finish(&ctx, &record_key, &hash, response).await)
}

fn valid_key(raw: &HeaderValue) -> Result<&str, ApiError> {
    let bytes = raw.as_bytes();
    let ok = !bytes.is_empty()
        && bytes.len() <= MAX_KEY_LEN
        && bytes.iter().all(|b| (0x21..=0x7e).contains(b));
    raw.to_str().ok().filter(|_| ok).ok_or_else(|| {
        ApiError::bad_request(
            "invalid_idempotency_key",
            format!("Idempotency-Key must be 1 to {MAX_KEY_LEN} visible ASCII characters."),
        )
    })
}

async fn read_body(body: Body) -> Result<Bytes, ApiError> {
    match Limited::new(body, MAX_BUFFERED_BODY).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.is::<http_body_util::LengthLimitError>() => {
            Err(ApiError::PayloadTooLarge(None))
        }
        Err(_) => Err(ApiError::bad_request(
            "unreadable_body",
            "The request body could not be read.",
        )),
    }
}

/// Claims the key. `Ok(None)`: ours, go ahead. `Ok(Some(r))`: a replay.
/// `Err(r)`: the answer is a problem (reused key, in progress, failure).
async fn claim(ctx: &AppContext, key: &Key, hash: &str) -> Result<Option<Response>, Response> {
    let table = &ctx.ports.table;
    // Two rounds: the record we lost to may expire between put and get.
    for _ in 0..2 {
        let now = ctx.now().timestamp();
        let record = IdempotencyRecord {
            status: RecordStatus::InProgress,
            body_hash: hash.to_owned(),
            response: None,
        };
        let item = Item::new(key.clone(), &record)
            .map_err(|e| ApiError::from(e).into_response())?
            .with_expiry(now + IN_PROGRESS_TTL_SECS);
        match table.put(item, Condition::NotExists).await {
            Ok(()) => return Ok(None),
            Err(TableError::ConditionFailed) => {}
            Err(other) => return Err(ApiError::from(other).into_response()),
        }
        let Some(existing) = table
            .get(key)
            .await
            .map_err(|e| ApiError::from(e).into_response())?
        else {
            continue;
        };
        let existing: IdempotencyRecord = existing
            .parse()
            .map_err(|e| ApiError::from(e).into_response())?;
        if existing.body_hash != hash {
            return Err(ApiError::unprocessable(
                "idempotency_key_reused",
                "This Idempotency-Key was used with a different request.",
                Vec::new(),
            )
            .into_response());
        }
        return match (existing.status, existing.response) {
            (RecordStatus::Completed, Some(stored)) => Ok(Some(replay(stored))),
            _ => Err(in_progress()),
        };
    }
    Err(in_progress())
}

fn in_progress() -> Response {
    ApiError::conflict(
        "idempotency_in_progress",
        "A request with this Idempotency-Key is still being processed; retry shortly.",
    )
    .into_response()
}

fn replay(stored: StoredResponse) -> Response {
    if stored.body_dropped {
        return ApiError::conflict(
            "idempotency_response_unavailable",
            "The request was already processed; its response was too large to keep.",
        )
        .into_response();
    }
    let body = match (stored.body, stored.body_base64) {
        (Some(text), _) => Bytes::from(text),
        (None, Some(b64)) => match STANDARD.decode(b64) {
            Ok(bytes) => Bytes::from(bytes),
            Err(e) => return ApiError::internal(e).into_response(),
        },
        (None, None) => Bytes::new(),
    };
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    // `(status, Bytes)` sets octet-stream; the stored type (or none) wins.
    headers.remove(CONTENT_TYPE);
    if let Some(value) = stored
        .content_type
        .and_then(|v| HeaderValue::from_str(&v).ok())
    {
        headers.insert(CONTENT_TYPE, value);
    }
    if let Some(value) = stored.location.and_then(|v| HeaderValue::from_str(&v).ok()) {
        headers.insert(LOCATION, value);
    }
    headers.insert(
        IDEMPOTENT_REPLAYED.clone(),
        HeaderValue::from_static("true"),
    );
    response
}

/// Transient answers that a retry should run again rather than replay.
fn releases_claim(status: StatusCode) -> bool {
    status.is_server_error()
        || status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
}

async fn finish(ctx: &AppContext, key: &Key, hash: &str, response: Response) -> Response {
    let table = &ctx.ports.table;
    if releases_claim(response.status()) {
        if let Err(e) = table.delete(key, Condition::VersionEquals(1)).await {
            tracing::warn!(error = %e, "could not release idempotency claim");
        }
        return response;
    }

    let (parts, body) = response.into_parts();
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        // The handler has run but its answer is lost: keep the claim (a
        // retry must not run it twice) and report the defect.
        Err(e) => return ApiError::internal(e).into_response(),
    };

    let header = |name| {
        parts
            .headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    let mut stored = StoredResponse {
        status: parts.status.as_u16(),
        content_type: header(CONTENT_TYPE),
        location: header(LOCATION),
        body: None,
        body_base64: None,
        body_dropped: false,
    };
    if bytes.len() > MAX_STORED_BODY {
        stored.body_dropped = true;
    } else {
        match std::str::from_utf8(&bytes) {
            Ok(text) => stored.body = Some(text.to_owned()),
            Err(_) => stored.body_base64 = Some(STANDARD.encode(&bytes)),
        }
    }
    let record = IdempotencyRecord {
        status: RecordStatus::Completed,
        body_hash: hash.to_owned(),
        response: Some(stored),
    };
    let now = ctx.now().timestamp();
    match Item::new(key.clone(), &record) {
        Ok(item) => {
            let item = item.with_version(2).with_expiry(now + RETENTION_SECS);
            if let Err(e) = table.put(item, Condition::VersionEquals(1)).await {
                // The claim stays in progress and expires; a retry meanwhile
                // gets 409 rather than a second effect.
                tracing::warn!(error = %e, "could not store idempotent response");
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not build idempotency record"),
    }
    Response::from_parts(parts, Body::from(bytes))
}

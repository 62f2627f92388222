//! Routes that exist only in the local server (API.md §13): the outbox, the
//! job trigger, and the blob store's presigned upload/download URLs, which
//! stand in for S3 and fire the same object-created processing S3 would.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uome_adapters::embedded::{FsBlobs, OutboxEntry, OutboxMailer};
use uome_core::jobs::ObjectCreated;
use uome_core::ports::{Blobs, Clock};
use uome_http::ApiError;

use crate::job_loop::{JobLoop, RunReport};

/// Largest object the local blob route takes: the import purpose's 50 MiB.
pub const MAX_BLOB_BYTES: usize = 50 << 20;

#[derive(Clone)]
pub struct LocalState {
    pub blobs: Arc<FsBlobs>,
    pub outbox: Arc<OutboxMailer>,
    pub jobs: Arc<JobLoop>,
    pub clock: Arc<dyn Clock>,
    pub on_object_created: Vec<Arc<dyn ObjectCreated>>,
}

pub fn router(state: LocalState) -> Router {
    Router::new()
        .route("/_local/outbox", get(outbox))
        .route("/_local/jobs/run", post(run_jobs))
        .route(
            "/_local/blobs/{*key}",
            put(upload_blob)
                .get(download_blob)
                .layer(DefaultBodyLimit::max(MAX_BLOB_BYTES)),
        )
        .with_state(state)
}

async fn outbox(State(state): State<LocalState>) -> Result<Json<Vec<OutboxEntry>>, ApiError> {
    Ok(Json(state.outbox.list()?))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RunJobs {
    /// The instant the scheduler runs as of; default: now.
    now: Option<DateTime<Utc>>,
}

/// The body is optional (`{}` or nothing means "now"), so it is parsed by
/// hand rather than with the `Json` extractor, which requires one.
async fn run_jobs(
    State(state): State<LocalState>,
    body: Bytes,
) -> Result<Json<RunReport>, ApiError> {
    let request: RunJobs = if body.iter().all(u8::is_ascii_whitespace) {
        RunJobs::default()
    } else {
        uome_http::json::parse_body(&body)?
    };
    let now = request.now.unwrap_or_else(|| state.clock.now());
    Ok(Json(state.jobs.run(now).await))
}

async fn upload_blob(
    State(state): State<LocalState>,
    Path(key): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let content_type = header_str(&headers, header::CONTENT_TYPE);
    let size = body.len() as u64;
    state
        .blobs
        .authorize_sized("PUT", &key, query.as_deref(), content_type, Some(size))
        .map_err(|e| ApiError::forbidden_with("invalid_signature", e.to_string()))?;
    // Objects are written once, like S3's conditional PUT the presigned URL
    // signs (`If-None-Match: *`): bytes already checked are never replaced.
    if state.blobs.head(&key).await?.is_some() {
        return Err(ApiError::Conflict {
            code: "object_exists".into(),
            detail: "This upload's file was sent already; ask for a new upload.".to_string(),
            extra: Default::default(),
        });
    }
    state
        .blobs
        .put(
            &key,
            body.to_vec(),
            content_type.unwrap_or("application/octet-stream"),
        )
        .await?;
    let now = state.clock.now();
    for hook in &state.on_object_created {
        // S3 retries its event on failure; here the upload already landed, so
        // a failing hook is logged rather than failing the client's PUT.
        if let Err(e) = hook.object_created(&key, size, now).await {
            tracing::warn!(%key, error = %e, "object-created processing failed");
        }
    }
    Ok(StatusCode::OK.into_response())
}

async fn download_blob(
    State(state): State<LocalState>,
    Path(key): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    state
        .blobs
        .authorize("GET", &key, query.as_deref(), None)
        .map_err(|e| ApiError::forbidden_with("invalid_signature", e.to_string()))?;
    let meta = state.blobs.head(&key).await?.ok_or(ApiError::NotFound)?;
    let bytes = state.blobs.get(&key).await?.ok_or(ApiError::NotFound)?;
    let content_type = meta
        .content_type
        .unwrap_or_else(|| "application/octet-stream".to_string());
    Ok(([(header::CONTENT_TYPE, content_type)], bytes).into_response())
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

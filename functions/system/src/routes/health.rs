//! `GET /v1/health`.

use axum::Json;
use serde_json::{Value, json};

/// Liveness: answers without auth and without touching any dependency.
#[utoipa::path(
    get,
    path = "/v1/health",
    tag = "system",
    responses((status = 200, description = "The service is up", body = Value, example = json!({"status": "ok"})))
)]
pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

//! `GET /v1/openapi.json`: the document assembled from every function's
//! routes (see [`crate::apis`]).

use std::sync::Arc;

use axum::{Extension, Json};
use serde_json::Value;

/// The OpenAPI document generated from the code.
#[utoipa::path(
    get,
    path = "/v1/openapi.json",
    tag = "system",
    responses((status = 200, description = "OpenAPI 3.1 document", body = Value))
)]
pub async fn openapi_json(Extension(document): Extension<Arc<Value>>) -> Json<Arc<Value>> {
    Json(document)
}

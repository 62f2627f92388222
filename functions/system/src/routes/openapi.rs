//! `GET /v1/openapi.json`: the document assembled from every function's
//! routes (see [`crate::apis`]), served as the JSON text it was given.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;

/// The OpenAPI document's JSON text, which the route serves as it is.
#[derive(Clone, Debug)]
pub struct OpenApiJson(pub Bytes);

impl OpenApiJson {
    /// The text of `document` (the local server's way: generated at start).
    pub fn of(document: &serde_json::Value) -> Self {
        Self(Bytes::from(
            serde_json::to_vec(document).unwrap_or_default(),
        ))
    }
}

/// The OpenAPI document generated from the code.
#[utoipa::path(
    get,
    path = "/v1/openapi.json",
    tag = "system",
    responses((status = 200, description = "OpenAPI 3.1 document", body = serde_json::Value))
)]
pub async fn openapi_json(Extension(document): Extension<Arc<OpenApiJson>>) -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], document.0.clone())
}

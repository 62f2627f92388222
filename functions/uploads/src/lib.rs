//! The `uploads` function (API.md §11): `POST /v1/uploads` hands out a
//! presigned PUT for any purpose; `GET /v1/uploads/{id}` tells what the
//! processing (the `attachments` function) found.
//!
//! This file is the route table. Handlers are in `routes/<resource>.rs`,
//! request and response shapes in `dto/<resource>.rs`; docs/uploads.md has
//! the rules.

pub mod dto;
mod routes;

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(routes::uploads::create_upload))
        .routes(routes!(routes::uploads::get_upload))
}

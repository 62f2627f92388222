//! The `uploads` function (API.md §11): `POST /v1/uploads` hands out a
//! presigned PUT for any purpose; `GET /v1/uploads/{id}` tells what the
//! processing (the `attachments` function) found.
//!
//! This file is the route table. Handlers are in `routes/<resource>.rs`,
//! request and response shapes in `dto/<resource>.rs`; docs/uploads.md has
//! the rules.

pub mod dto;
mod routes;

use axum::extract::DefaultBodyLimit;
use uome_http::{AppContext, BULK_BODY_LIMIT};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    // The bulk routes take 5 MiB bodies; every other route keeps 1 MiB.
    let bulk = OpenApiRouter::new()
        .routes(routes!(routes::bulk::bulk_invoices))
        .routes(routes!(routes::bulk::bulk_customers))
        .layer(DefaultBodyLimit::max(BULK_BODY_LIMIT));
    OpenApiRouter::new()
        .routes(routes!(routes::uploads::create_upload))
        .routes(routes!(routes::uploads::get_upload))
        .merge(bulk)
}

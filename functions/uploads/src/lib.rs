//! The `uploads` function (API.md §11): `POST /v1/uploads` hands out a
//! presigned PUT for any purpose; `GET /v1/uploads/{id}` tells what the
//! processing (the `attachments` function) found.
//!
//! This file is the route table. Handlers are in `routes/<resource>.rs`,
//! request and response shapes in `dto/<resource>.rs`; docs/uploads.md has
//! the rules.

pub mod dto;
mod routes;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use uome_http::{AppContext, BULK_BODY_LIMIT};
use utoipa_axum::router::OpenApiRouter;

uome_http::route_table! {
    fn small_api, fn small_router =>
    (routes::uploads::create_upload),
    (routes::uploads::get_upload),
}

// The bulk routes take 5 MiB bodies; every other route keeps 1 MiB.
uome_http::route_table! {
    fn bulk_api, fn bulk_router =>
    (routes::bulk::bulk_invoices),
    (routes::bulk::bulk_customers),
}

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    small_api().merge(bulk_api().layer(DefaultBodyLimit::max(BULK_BODY_LIMIT)))
}

/// The same routes without their OpenAPI descriptions: what the Lambda
/// serves.
pub fn router() -> Router<AppContext> {
    small_router().merge(bulk_router().layer(DefaultBodyLimit::max(BULK_BODY_LIMIT)))
}

//! The `orders` function (API.md §8 orders, and the ordering part of the
//! client portal, §10): a client orders from the business's catalogue, or
//! the business enters an order for a contact; the business approves it
//! into an issued invoice, or rejects it.
//!
//! This file is the route table. Handlers are thin, in `routes/<resource>.rs`
//! (`orders` for the business, `portal` for the client portal); the use
//! cases live in `uome_core::orders`; request and response shapes in
//! `dto/<resource>.rs`. docs/orders-pos.md has the rules.

pub mod dto;
mod routes;

use routes::{orders, portal};
use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(orders::create_order, orders::list_orders))
        .routes(routes!(orders::get_order))
        .routes(routes!(orders::approve_order))
        .routes(routes!(orders::reject_order))
        .routes(routes!(portal::portal_catalogue))
        .routes(routes!(
            portal::create_portal_order,
            portal::list_portal_orders
        ))
        .routes(routes!(portal::get_portal_order))
        .routes(routes!(portal::remind_portal_order))
}

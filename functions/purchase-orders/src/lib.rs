//! The `purchase-orders` function (API.md §9): orders to suppliers in
//! seed 002's shapes, from draft to a paid bill, with the seed's offset
//! lists, lines and KPIs.
//!
//! This file is the route table. Handlers are thin, in `routes/<resource>.rs`
//! (`purchase_orders` for one order and its actions, `lists` for the seed's
//! lists); the use cases live in `uome_core::purchase_orders`; request and
//! response shapes in `dto/<resource>.rs`. docs/purchase-orders.md has the
//! rules.

pub mod dto;
mod routes;

use routes::{lists, purchase_orders as po};
use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(
            po::create_purchase_order,
            lists::list_purchase_orders
        ))
        .routes(routes!(po::get_purchase_order, po::replace_purchase_order))
        .routes(routes!(po::purchase_order_information))
        .routes(routes!(po::purchase_order_lines))
        .routes(routes!(po::purchase_order_line))
        .routes(routes!(po::issue_purchase_order))
        .routes(routes!(po::receive_purchase_order))
        .routes(routes!(po::bill_purchase_order))
        .routes(routes!(po::pay_purchase_order))
        .routes(routes!(po::cancel_purchase_order))
        .routes(routes!(lists::vendor_purchase_orders))
}

//! The `pos` function (API.md §8 POS): sales at the till, their receipts,
//! refunds and the day's summary.
//!
//! This file is the route table. Handlers are thin, in `routes/<resource>.rs`
//! (`sales`, `summary`); the use cases live in `uome_core::pos`; request
//! and response shapes in `dto/<resource>.rs`. docs/orders-pos.md has the
//! rules.

pub mod dto;
mod routes;

use routes::{sales, summary};
use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(sales::create_sale, sales::list_sales))
        .routes(routes!(sales::get_sale))
        .routes(routes!(sales::sale_receipt))
        .routes(routes!(sales::refund_sale))
        .routes(routes!(summary::day_summary))
}

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

uome_http::route_table! {
    pub fn api, pub fn router =>
    (sales::create_sale, sales::list_sales),
    (sales::get_sale),
    (sales::sale_receipt),
    (sales::refund_sale),
    (summary::day_summary),
}

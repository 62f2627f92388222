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

uome_http::route_table! {
    pub fn api, pub fn router =>
    (po::create_purchase_order, lists::list_purchase_orders),
    (po::get_purchase_order, po::replace_purchase_order),
    (po::purchase_order_information),
    (po::purchase_order_lines),
    (po::purchase_order_line),
    (po::issue_purchase_order),
    (po::receive_purchase_order),
    (po::bill_purchase_order),
    (po::pay_purchase_order),
    (po::cancel_purchase_order),
    (lists::vendor_purchase_orders),
}

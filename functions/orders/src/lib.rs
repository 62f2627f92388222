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

uome_http::route_table! {
    pub fn api, pub fn router =>
    (orders::create_order, orders::list_orders),
    (orders::get_order),
    (orders::approve_order),
    (orders::reject_order),
    (portal::portal_catalogue),
    (portal::create_portal_order, portal::list_portal_orders),
    (portal::get_portal_order),
    (portal::remind_portal_order),
}

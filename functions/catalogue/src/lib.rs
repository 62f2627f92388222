//! The `catalogue` function (API.md §5): items, tax rates, and the
//! reference lists a form needs (currencies, units, payment terms).
//!
//! Handlers are thin (`routes/<resource>.rs`), the use cases live in
//! `uome_core::catalogue`, request and response shapes in
//! `dto/<resource>.rs`.

pub mod dto;
mod routes;

uome_http::route_table! {
    pub fn api, pub fn router =>
    (routes::items::list_items, routes::items::create_item),
    (routes::items::get_item, routes::items::replace_item, routes::items::patch_item, routes::items::delete_item),
    (routes::tax_rates::list_tax_rates, routes::tax_rates::create_tax_rate),
    (routes::tax_rates::get_tax_rate, routes::tax_rates::replace_tax_rate, routes::tax_rates::patch_tax_rate, routes::tax_rates::delete_tax_rate),
    (routes::reference::list_currencies),
    (routes::reference::list_units),
    (routes::reference::list_payment_terms),
}

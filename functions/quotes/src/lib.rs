//! The `quotes` function (API.md §6 and the quote routes of the portal,
//! §10): quotes from draft to approval, their emails and PDFs.
//!
//! This file is the route table. Handlers are thin, in `routes/<resource>.rs`
//! (`quotes` for the business, `portal` for the client portal); the use
//! cases live in `uome_core::quotes`; request and response shapes in
//! `dto/<resource>.rs`. docs/quotes-invoices.md has the rules.

pub mod dto;
mod routes;

use routes::{portal, quotes};

uome_http::route_table! {
    pub fn api, pub fn router =>
    (quotes::create_quote, quotes::list_quotes),
    (quotes::get_quote, quotes::replace_quote, quotes::delete_quote),
    (quotes::send_quote),
    (quotes::approve_quote),
    (quotes::reject_quote),
    (quotes::remind_quote),
    (quotes::quote_pdf),
    (portal::list_portal_quotes),
    (portal::get_portal_quote),
    (portal::approve_portal_quote),
    (portal::reject_portal_quote),
    (portal::portal_quote_pdf),
}

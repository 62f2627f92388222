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
use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(quotes::create_quote, quotes::list_quotes))
        .routes(routes!(
            quotes::get_quote,
            quotes::replace_quote,
            quotes::delete_quote
        ))
        .routes(routes!(quotes::send_quote))
        .routes(routes!(quotes::approve_quote))
        .routes(routes!(quotes::reject_quote))
        .routes(routes!(quotes::remind_quote))
        .routes(routes!(quotes::quote_pdf))
        .routes(routes!(portal::list_portal_quotes))
        .routes(routes!(portal::get_portal_quote))
        .routes(routes!(portal::approve_portal_quote))
        .routes(routes!(portal::reject_portal_quote))
        .routes(routes!(portal::portal_quote_pdf))
}

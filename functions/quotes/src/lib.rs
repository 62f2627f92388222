//! The `quotes` function (API.md §6 and the quote routes of the portal,
//! §10): quotes from draft to approval, their emails and PDFs.
//!
//! Handlers are thin ([`routes`] for the business, [`portal`] for the
//! client portal); the use cases live in `uome_core::quotes`; request and
//! response shapes in [`dto`]. docs/quotes-invoices.md has the rules.

mod body;
pub mod dto;
mod portal;
mod routes;

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(routes::create_quote, routes::list_quotes))
        .routes(routes!(
            routes::get_quote,
            routes::replace_quote,
            routes::delete_quote
        ))
        .routes(routes!(routes::send_quote))
        .routes(routes!(routes::approve_quote))
        .routes(routes!(routes::reject_quote))
        .routes(routes!(routes::remind_quote))
        .routes(routes!(routes::quote_pdf))
        .routes(routes!(portal::list_quotes))
        .routes(routes!(portal::get_quote))
        .routes(routes!(portal::approve_quote))
        .routes(routes!(portal::reject_quote))
        .routes(routes!(portal::quote_pdf))
}

//! The `quotes` function (API.md §6 and the quote routes of the portal,
//! §10): quotes from draft to approval, their emails and PDFs.
//!
//! Handlers are thin; the use cases live in `uome_core::quotes`.
//! docs/quotes-invoices.md has the rules.

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
}

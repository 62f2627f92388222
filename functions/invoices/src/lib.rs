//! The `invoices` function (API.md §7 and the invoice routes of the
//! portal, §10): invoices and their payments, the ledger, recurring
//! invoices and expenses.
//!
//! Handlers are thin; the use cases live in `uome_core::invoices`,
//! `uome_core::ledger`, `uome_core::recurring` and `uome_core::expenses`.
//! docs/quotes-invoices.md has the rules.

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
}

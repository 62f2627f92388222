//! The `invoices` function (API.md §7 and the invoice routes of the
//! portal, §10): invoices and their payments, the ledger, recurring
//! invoices and expenses.
//!
//! Handlers are thin; the use cases live in `uome_core::invoices`,
//! `uome_core::ledger`, `uome_core::recurring` and `uome_core::expenses`.
//! docs/quotes-invoices.md has the rules.

pub mod expenses;
pub mod invoices;
pub mod ledger;
pub mod recurring;

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .merge(expenses::api())
        .routes(utoipa_axum::routes!(ledger::routes::list_transactions))
        .routes(utoipa_axum::routes!(ledger::routes::balances))
        .routes(utoipa_axum::routes!(
            recurring::routes::create_recurring,
            recurring::routes::list_recurring
        ))
        .routes(utoipa_axum::routes!(
            recurring::routes::get_recurring,
            recurring::routes::replace_recurring,
            recurring::routes::delete_recurring
        ))
        .routes(utoipa_axum::routes!(
            invoices::routes::create_invoice,
            invoices::routes::list_invoices
        ))
        .routes(utoipa_axum::routes!(
            invoices::routes::get_invoice,
            invoices::routes::replace_invoice,
            invoices::routes::delete_invoice
        ))
        .routes(utoipa_axum::routes!(invoices::routes::issue_invoice))
        .routes(utoipa_axum::routes!(invoices::routes::send_invoice))
        .routes(utoipa_axum::routes!(invoices::routes::remind_invoice))
        .routes(utoipa_axum::routes!(invoices::routes::request_address))
        .routes(utoipa_axum::routes!(invoices::routes::invoice_pdf))
        .routes(utoipa_axum::routes!(invoices::portal::list_portal_invoices))
        .routes(utoipa_axum::routes!(invoices::portal::get_portal_invoice))
        .routes(utoipa_axum::routes!(invoices::portal::portal_invoice_pdf))
        .routes(utoipa_axum::routes!(
            invoices::payments::record_payment,
            invoices::payments::list_payments
        ))
        .routes(utoipa_axum::routes!(invoices::payments::get_payment))
        .routes(utoipa_axum::routes!(invoices::payments::mark_paid))
        .routes(utoipa_axum::routes!(invoices::cancel::cancel_invoice))
        .routes(utoipa_axum::routes!(invoices::ledger_route::invoice_ledger))
}

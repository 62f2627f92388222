//! The `invoices` function (API.md §7 and the invoice routes of the
//! portal, §10): invoices and their payments, credit notes and payment
//! corrections (§7b), the ledger, recurring invoices and expenses.
//!
//! This file is the route table. Handlers are in `routes/<resource>.rs`,
//! request and response shapes in `dto/<resource>.rs`;
//! docs/quotes-invoices.md has the rules.

pub mod dto;
mod routes;

use routes::{
    cancel, credit_notes, expenses, invoice_ledger, invoices, ledger, payments, portal, recurring,
    reminders,
};
use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(expenses::list_expenses, expenses::create_expense))
        .routes(routes!(
            expenses::get_expense,
            expenses::replace_expense,
            expenses::delete_expense
        ))
        .routes(routes!(expenses::list_invoice_expenses))
        .routes(routes!(ledger::list_transactions))
        .routes(routes!(ledger::balances))
        .routes(routes!(
            recurring::create_recurring,
            recurring::list_recurring
        ))
        .routes(routes!(
            recurring::get_recurring,
            recurring::replace_recurring,
            recurring::delete_recurring
        ))
        .routes(routes!(invoices::create_invoice, invoices::list_invoices))
        .routes(routes!(
            invoices::get_invoice,
            invoices::replace_invoice,
            invoices::delete_invoice
        ))
        .routes(routes!(invoices::issue_invoice))
        .routes(routes!(invoices::send_invoice))
        .routes(routes!(invoices::remind_invoice))
        .routes(routes!(invoices::request_address))
        .routes(routes!(invoices::invoice_pdf))
        .routes(routes!(invoices::invoice_qr_bill))
        .routes(routes!(invoices::invoice_einvoice))
        .routes(routes!(portal::list_portal_invoices))
        .routes(routes!(portal::get_portal_invoice))
        .routes(routes!(portal::portal_invoice_pdf))
        .routes(routes!(payments::record_payment, payments::list_payments))
        .routes(routes!(payments::get_payment))
        .routes(routes!(payments::mark_paid))
        .routes(routes!(cancel::cancel_invoice))
        .routes(routes!(invoice_ledger::invoice_ledger))
        .routes(routes!(reminders::list_invoice_reminders))
        .routes(routes!(payments::reverse_payment))
        .routes(routes!(payments::list_all_payments))
        .routes(routes!(credit_notes::create_credit_note))
        .routes(routes!(credit_notes::list_credit_notes))
        .routes(routes!(credit_notes::get_credit_note))
        .routes(routes!(credit_notes::credit_note_pdf))
        .routes(routes!(credit_notes::credit_note_einvoice))
        .routes(routes!(credit_notes::send_credit_note))
        .routes(routes!(credit_notes::refund_credit))
        .routes(routes!(credit_notes::apply_credit))
}

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

uome_http::route_table! {
    pub fn api, pub fn router =>
    (expenses::list_expenses, expenses::create_expense),
    (expenses::get_expense, expenses::replace_expense, expenses::delete_expense),
    (expenses::list_invoice_expenses),
    (ledger::list_transactions),
    (ledger::balances),
    (recurring::create_recurring, recurring::list_recurring),
    (recurring::get_recurring, recurring::replace_recurring, recurring::delete_recurring),
    (invoices::create_invoice, invoices::list_invoices),
    (invoices::get_invoice, invoices::replace_invoice, invoices::delete_invoice),
    (invoices::issue_invoice),
    (invoices::send_invoice),
    (invoices::remind_invoice),
    (invoices::request_address),
    (invoices::invoice_pdf),
    (invoices::invoice_qr_bill),
    (invoices::invoice_einvoice),
    (portal::list_portal_invoices),
    (portal::get_portal_invoice),
    (portal::portal_invoice_pdf),
    (payments::record_payment, payments::list_payments),
    (payments::get_payment),
    (payments::mark_paid),
    (cancel::cancel_invoice),
    (invoice_ledger::invoice_ledger),
    (reminders::list_invoice_reminders),
    (payments::reverse_payment),
    (payments::list_all_payments),
    (credit_notes::create_credit_note),
    (credit_notes::list_credit_notes),
    (credit_notes::get_credit_note),
    (credit_notes::credit_note_pdf),
    (credit_notes::credit_note_einvoice),
    (credit_notes::send_credit_note),
    (credit_notes::refund_credit),
    (credit_notes::apply_credit),
}

//! Invoices (API.md §7): drafts, issue, send, payments, cancel, reminders,
//! address requests, PDFs, and what a portal client may see (§10).
//!
//! The stored record and the writes that create or change it are in
//! [`record`]; every use case builds on them so an invoice item, its index
//! keys and its ledger postings never disagree. Every write is one batch
//! read and one transaction; every status change goes through
//! `uome_domain::invoice_state` (never a hand-written `if`).
//! docs/quotes-invoices.md has the decisions.

pub mod address_request;
pub mod all_payments;
pub mod cancel;
pub mod create;
pub mod delete;
pub mod document;
pub(crate) mod from_source;
pub mod input;
pub mod issue;
pub mod load;
pub mod payments;
pub mod pdf;
pub mod qr_bill;
pub mod read;
pub mod record;
pub mod remind;
pub mod reverse;
pub mod send;
pub mod update;

pub use address_request::{AddressRequested, request_address};
pub use cancel::{Cancelled, cancel};
pub use create::create_invoice;
pub use delete::delete_invoice;
pub use document::InvoiceAt;
pub use input::InvoiceInput;
pub use issue::issue_invoice;
pub use load::{load_invoice, today};
pub use payments::{
    MAX_PAYMENTS, Payment, PaymentInput, PaymentMethod, Recorded, get_payment, list_payments,
    mark_paid, record_payment,
};
pub use pdf::invoice_pdf;
pub use read::{InvoicePage, get_invoice, list_invoices, parse_status_filter};
pub use record::{
    ImportedInvoice, Invoice, InvoiceSource, PaymentInstructions, issue_ledger_record,
};
pub use remind::remind_invoice;
pub use send::send_invoice;
pub use update::update_invoice;

pub use crate::documents::reminder::REMINDER_INTERVAL_SECS;
pub use crate::documents::{DocumentPdf, Viewer};

//! Invoices (API.md §7): drafts, issue, payments, cancel, reminders.
//!
//! The stored record and the writes that create or change it are in
//! [`record`]; every use case builds on them so an invoice item, its index
//! keys and its ledger postings never disagree.

pub mod record;

pub use record::{Invoice, InvoiceSource, PaymentInstructions, invoice_item, issue_ledger_record};

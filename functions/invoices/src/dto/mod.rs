//! Request and response shapes, one file per resource. `invoice_view` is
//! the one shape of an invoice; `ledger::transaction_view` the one shape
//! of a ledger transaction (also answered by
//! `GET /v1/invoices/{id}/ledger`).

pub mod credit_notes;
pub mod expenses;
pub mod invoice_view;
pub mod invoices;
pub mod ledger;
pub mod payments;
pub mod recurring;
pub mod reminders;

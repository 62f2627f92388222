//! The handlers, one file per resource. Handlers are thin; the use cases
//! live in `uome_core::invoices`, `uome_core::ledger`, `uome_core::recurring`
//! and `uome_core::expenses`.
//!
//! - `invoices`: invoices as documents (API.md §7): create, list, get,
//!   update, delete, issue, send, remind, address requests, PDFs;
//! - `payments`, `cancel`, `invoice_ledger`: payments and mark-paid,
//!   cancelling, and `GET /v1/invoices/{id}/ledger`;
//! - `reminders`: `GET /v1/invoices/{id}/reminders`, the history the
//!   reminders job and the one-off `remind` write (docs/jobs.md);
//! - `portal`: the portal's invoice routes (§10);
//! - `expenses`: `/v1/expenses` CRUD and `GET /v1/invoices/{id}/expenses`
//!   (docs/expenses.md);
//! - `ledger`: the journal and the trial balance (docs/ledger.md);
//! - `recurring`: `/v1/recurring-invoices`, an invoice draft with a
//!   schedule; generation is the `recurring` job's
//!   (docs/recurring-invoices.md).

pub mod cancel;
pub mod credit_notes;
pub mod expenses;
pub mod invoice_ledger;
pub mod invoices;
pub mod ledger;
pub mod payments;
pub mod portal;
pub mod recurring;
pub mod reminders;

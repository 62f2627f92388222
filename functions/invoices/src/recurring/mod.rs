//! The recurring-invoice routes (API.md §7 `/v1/recurring-invoices`):
//! CRUD of an invoice draft with a schedule. The use cases are
//! `uome_core::recurring`; generation is the `recurring` job's.
//! docs/recurring-invoices.md has the rules.

pub mod dto;
pub mod routes;

pub use dto::{RecurringInvoiceList, RecurringInvoiceRequest, RecurringInvoiceView};

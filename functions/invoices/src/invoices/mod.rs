//! Invoices as documents (API.md §7): create, list, get, update, delete,
//! issue, send, remind, address requests, PDFs, and the portal's invoice
//! routes (§10). Payments, mark-paid, cancel and the per-invoice ledger
//! route live beside them in their own modules.

pub mod cancel;
pub mod dto;
pub mod ledger_route;
pub mod payments;
pub mod portal;
pub mod routes;
pub mod view;

pub use view::{InvoiceView, invoice_view};

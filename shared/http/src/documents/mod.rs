//! The request and response shapes every sales document shares (quotes,
//! invoices, recurring invoices): API.md §2 "Line" and "Document totals".
//!
//! Requests are declared with [`document_request!`](crate::document_request),
//! which writes the common fields into each document's own struct: serde's
//! `flatten` would buffer the body and lose the exact text of JSON numbers
//! that `uome_domain::decimal_input` parses. Responses flatten
//! [`DocumentBodyView`] freely (serialization is unaffected).

pub mod approved_invoice;
pub mod credit_line;
pub mod einvoice;
pub mod list_page;
pub mod message;
pub mod pdf;
pub mod reject;
pub mod request;
pub mod view;

pub use approved_invoice::ApprovedInvoiceView;
pub use credit_line::{CreditLineRequest, credit_lines};
pub use einvoice::{EInvoiceQuery, einvoice_response};
pub use list_page::{DocumentView, document_page, expand_lines};
pub use message::MessageBody;
pub use pdf::pdf_response;
pub use reject::RejectBody;
pub use request::{CashDiscountSchema, LineSchema, month_filter, parse_month};
pub use view::{CashDiscountView, DocumentBodyView, LineView, TaxBreakdownView, plain};

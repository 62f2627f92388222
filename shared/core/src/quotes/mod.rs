//! Quotes (API.md §6): drafts, send, approve into an invoice, reject,
//! remind, expiry, PDFs, and what a portal client may see and do.
//!
//! Every write is one batch read and one transaction; every status change
//! goes through `uome_domain::quote_state` (never a hand-written `if`), so
//! the rules of the module docs there are the only ones. A quote past its
//! `valid_until` *reads* as expired ([`QuoteAt::status`]): nothing is
//! written when it expires. docs/quotes-invoices.md has the decisions.

pub mod approve;
pub mod create;
pub mod delete;
pub mod document;
pub mod input;
pub mod pdf;
pub mod read;
pub mod record;
pub mod reject;
pub mod remind;
pub mod send;
pub mod update;

pub use approve::{Approved, approve_quote};
pub use create::create_quote;
pub use delete::delete_quote;
pub use document::QuoteAt;
pub use input::QuoteInput;
pub use pdf::quote_pdf;
pub use read::{QuotePage, get_quote, list_quotes};
pub use record::Quote;
pub use reject::reject_quote;
pub use remind::remind_quote;
pub use send::send_quote;
pub use update::update_quote;

pub use crate::documents::reminder::REMINDER_INTERVAL_SECS;
pub use crate::documents::{DocumentPdf, Viewer};

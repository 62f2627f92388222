//! Quotes (API.md §6): drafts, send, approve into an invoice, reject,
//! remind, expiry, PDFs, and what a portal client may see and do.
//!
//! Every write is one batch read and one transaction; every status change
//! goes through `uome_domain::quote_state` (never a hand-written `if`), so
//! the rules of the module docs there are the only ones. A quote past its
//! `valid_until` *reads* as expired ([`QuoteAt::status`]): nothing is
//! written when it expires. docs/quotes-invoices.md has the decisions.

pub mod approve;
mod change;
pub mod create;
pub mod delete;
pub mod input;
pub mod pdf;
pub mod read;
pub mod record;
pub mod reject;
pub mod remind;
pub mod send;
pub mod update;
pub mod viewer;

pub use approve::{Approved, approve_quote};
pub use create::create_quote;
pub use delete::delete_quote;
pub use input::QuoteInput;
pub use pdf::{QuotePdf, quote_pdf};
pub use read::{QuotePage, get_quote, list_quotes};
pub use record::{Quote, quote_item};
pub use reject::reject_quote;
pub use remind::{REMINDER_INTERVAL_SECS, remind_quote};
pub use send::send_quote;
pub use update::update_quote;
pub use viewer::Viewer;

use chrono::NaiveDate;
use uome_domain::QuoteStatus;

use crate::error::CoreError;

/// A quote with the day it was read on (today in the account's time
/// zone), which decides whether it shows as expired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteAt {
    pub quote: Quote,
    pub today: NaiveDate,
}

impl QuoteAt {
    /// The status the API shows: `expired` past `valid_until`.
    pub fn status(&self) -> QuoteStatus {
        self.quote.status_on(self.today)
    }
}

/// 409 `contact_busy`: the write failed because a delete of the contact is
/// in flight; retrying shortly is fine.
pub(crate) fn contact_busy() -> CoreError {
    CoreError::conflict(
        "contact_busy",
        "The contact is being deleted; try again shortly.",
    )
}

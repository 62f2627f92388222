//! What quotes, invoices and recurring invoices share: the client's draft
//! (contact, currency, dates, texts, lines), its validation against the
//! account's contacts and catalogue, the totals (always the domain's
//! [`compute_totals`](uome_domain::compute_totals), never recomputed here),
//! numbers from per-account counters, and the index keys that list
//! documents by month and by contact.
//!
//! A create is one batch read ([`draft::read_for_draft`]: contact, company,
//! settings, counter and every catalogue item named by a line) and one
//! transaction ([`numbered::transact_numbered`]: counter, document, contact
//! reference, and whatever the caller adds such as ledger postings).
//!
//! A stored kind implements [`Document`] and gets the rest generically:
//! [`load`](load::load) / [`load_at`](load::load_at) by id under the
//! account's partition, [`change`](change::change) (read, apply, write
//! with `VersionEquals`, retry on a lost race), [`list`](list::list) (pages
//! that fill), [`remind`](reminder::remind) (check the recipient, claim,
//! send, release on failure), [`document_pdf`](pdf::document_pdf), and the
//! [`Viewer`] rules of the portal. docs/documents.md has the checklist of
//! how a new kind plugs in.

pub mod at;
pub mod body;
pub mod change;
pub mod custom_fields;
pub mod display;
pub mod document;
pub mod draft;
pub mod list;
pub mod listing;
pub mod load;
pub mod mail;
pub mod notify;
pub mod numbered;
pub mod page_fill;
pub mod pdf;
pub mod recipient;
pub mod reminder;
pub mod render;
pub mod text;
pub mod viewer;

pub use at::At;
pub use body::DocumentBody;
pub use document::{Document, document_item, from_item};
pub use draft::{DraftContext, DraftInput, read_for_draft};
pub use list::DocumentPage;
pub use listing::{DocumentFilter, document_indexes};
pub use numbered::{NumberedOutcome, transact_numbered};
pub use pdf::{DocumentPdf, document_pdf};
pub use recipient::{Recipient, RecipientInput};
pub use viewer::Viewer;

use crate::error::CoreError;
use crate::ports::TableError;

/// How many times a use case re-runs after losing a race on a condition
/// (another writer progressed each time) before it answers 503.
pub const MAX_ATTEMPTS: usize = 50;

/// The error once every attempt lost its race.
pub fn too_much_contention() -> CoreError {
    CoreError::Table(TableError::Contention {
        code: "document_write_contention".into(),
    })
}

/// 409 `version_conflict` for a document written since the caller read it.
pub fn version_conflict(current: u64) -> CoreError {
    CoreError::conflict(
        "version_conflict",
        "The document was changed since you read it; reload it and retry.",
    )
    .with_extra("current_version", current)
}

/// 409 naming the current status: a state machine refused the action.
pub fn transition_refused(err: uome_domain::TransitionError) -> CoreError {
    CoreError::conflict(err.code(), err.to_string()).with_extra("current_status", err.current())
}

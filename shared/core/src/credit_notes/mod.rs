//! Credit notes (API.md §7b): an issued invoice is never edited, it is
//! corrected by a credit note that posts its own ledger entries. A credit
//! note first takes its total off what the invoice still owes; what
//! exceeds that (the invoice was paid) is credit its contact holds, which
//! is paid back ([`refund_credit`]) or settles another of the contact's
//! invoices ([`apply_credit`]). The rules are `uome_domain::credit`'s;
//! docs/credit-notes.md has the whole story.
//!
//! A credit note is a document kind on the shared model (`documents/`):
//! `ACCOUNT#<acc>` / `CREDITNOTE#<id>`, numbered `CRN-0001` by its own
//! counter, listed by date and under its contact, printed and emailed like
//! the others.

mod apply;
mod create;
mod document;
mod read;
mod record;
mod refund;

pub use apply::{ApplyInput, CreditApplied, apply_credit};
pub(crate) use create::{CreditExtras, credit_invoice_with};
pub use create::{CreditNoteInput, credit_invoice};
pub use document::CreditNoteAt;
pub use read::{
    CreditNoteFilter, credit_balance, credit_note_pdf, get_credit_note, list_credit_notes,
    send_credit_note,
};
pub use record::{CreditNote, Refund};
pub use refund::{RefundInput, refund_credit};

//! Automatic reminders and dunning of unpaid invoices (API.md §12).
//!
//! Every open invoice has a due-work [`entry`] filed in the sparse,
//! sharded gsi3 index under the instant its next reminder falls due
//! (midnight of that day in the account's time zone). The writes that
//! open or settle an invoice add or remove the entry in their own
//! transaction; account-wide changes [`reindex`] it. The scheduler reads
//! only what is due, and the reminders job ([`run`]) sends each step at
//! most once and records it in the [`history`]. docs/jobs.md has the
//! whole story.

pub mod context;
pub mod entry;
pub mod history;
pub mod reindex;
pub mod run;

pub use context::DueContext;
pub use entry::{DunningEntry, REMINDERS_DUE_KIND, issued_entry_write, settled_entry_write};
pub use history::{ReminderKind, ReminderRecord, ReminderStatus, history};
pub use reindex::{Scope, reindex, reindex_recurring};
pub use run::{ReminderOutcome, run_reminder};

//! Recurring invoices (API.md §7): an invoice draft plus a schedule
//! (`frequency`, `start_date`, `end_date?`, `last_of_month`) that the
//! `recurring` job (§12) turns into invoices.
//!
//! This module stores them and keeps `next_run_date` right from the
//! start; generating the invoices is the job's. The item carries, only
//! while it is active and has a next run, the due-work index key (gsi3
//! `DUE#recurring#<shard>` / `<next run>#<acc>#<id>`), so the scheduler
//! finds what is due with one Query per shard and never a scan.
//! docs/recurring-invoices.md has the rules.

pub mod create;
pub mod delete;
pub mod generate;
pub mod input;
pub mod list;
pub mod plan;
pub mod record;
pub mod update;

pub use create::create_recurring;
pub use delete::delete_recurring;
pub use generate::{RecurringOutcome, period_invoice_id, run_recurring};
pub use input::RecurringInput;
pub use list::{RecurringFilter, RecurringPage, list_recurring};
pub use plan::{NextRun, next_run};
pub use record::{
    RECURRING_DUE_KIND, RecurringInvoice, due_index_key, load_recurring, recurring_item,
};
pub use update::update_recurring;

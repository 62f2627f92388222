//! The account's double-entry ledger (API.md §7). Postings come from the
//! domain ([`uome_domain::ledger`]); this module stores each transaction as
//! one item, written by the use case **in the same table transaction** as
//! the event that causes it (issue, payment, cancel), and reads them back.

pub mod record;

pub use record::{LedgerRecord, ledger_write};

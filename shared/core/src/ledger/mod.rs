//! The account's double-entry ledger (API.md §7). Postings come from the
//! domain ([`uome_domain::ledger`]); this module stores each transaction as
//! one item, written by the use case **in the same table transaction** as
//! the event that causes it (issue, payment, cancel), and reads them back:
//! a journal page by month or by document ([`list_transactions`],
//! [`for_document`]) and the trial balance per currency ([`balances`]).
//! docs/ledger.md has the rules.

pub mod balances;
pub mod filter;
pub mod list;
pub mod record;

pub use balances::{Balances, balances};
pub use filter::{LedgerFilter, parse_month};
pub use list::{all_transactions, for_document, list_transactions};
pub use record::{LedgerRecord, ledger_write};

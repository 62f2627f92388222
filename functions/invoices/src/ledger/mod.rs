//! The ledger routes (API.md §7 "Ledger"): the journal
//! (`GET /v1/ledger/transactions`) and the trial balance
//! (`GET /v1/ledger/balances`). The use cases are `uome_core::ledger`;
//! docs/ledger.md has the rules. [`transaction_view`] is the one shape of
//! a transaction, also used by `GET /v1/invoices/{id}/ledger`.

pub mod dto;
pub mod routes;

pub use dto::{
    BalanceRow, BalancesView, LedgerEntryView, LedgerTransactionList, LedgerTransactionView,
    transaction_view,
};

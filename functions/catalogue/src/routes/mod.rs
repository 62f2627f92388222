//! The catalogue's thin handlers: extract, call the use case in
//! `uome_core::catalogue`, map the answer.

use uome_domain::AccountId;

pub mod items;
pub mod reference;
pub mod tax_rates;

/// OpenAPI tag of every route here.
pub const TAG: &str = "catalogue";

/// Binds a list's cursors to the account, the list and its filters.
pub fn cursor_scope(account_id: &AccountId, list: &str, filters: &str) -> String {
    format!("{account_id}:{list}:{filters}")
}

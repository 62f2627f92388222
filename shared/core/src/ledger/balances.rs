//! The trial balance (`GET /v1/ledger/balances`), one currency at a time.
//!
//! It is computed from every ledger transaction of the account on each
//! request. A stored running balance was rejected: every issue, payment
//! and cancel of the account would then update one item, serialising all
//! of the account's writes on it (a hot key, and transaction conflicts
//! under concurrent payments). Small-business ledgers are a few thousand
//! rows a year, read one Query page (1 MB, 1,000 rows) at a time.

use uome_domain::AccountId;
use uome_domain::Currency;
use uome_domain::ledger::{TrialBalance, trial_balance};

use crate::account::load_company;
use crate::error::{CoreError, CoreResult};
use crate::ports::Ports;

use super::list::all_transactions;

/// One currency's trial balance and the currencies the ledger has postings in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Balances {
    /// Every account of the chart (zeros included), debit = credit in total.
    pub trial_balance: TrialBalance,
    /// Every currency with at least one posting, in code order (the asked
    /// one need not be among them: its rows are then all zero).
    pub currencies: Vec<Currency>,
}

/// The trial balance in `currency`, or in the company's default currency.
/// Amounts of different currencies are never added together.
pub async fn balances(
    ports: &Ports,
    account_id: &AccountId,
    currency: Option<Currency>,
) -> CoreResult<Balances> {
    let (currency, records) = match currency {
        Some(currency) => (currency, all_transactions(ports, account_id).await?),
        None => {
            let (company, records) = tokio::join!(
                load_company(ports.table.as_ref(), account_id),
                all_transactions(ports, account_id)
            );
            (company?.currency(), records?)
        }
    };
    let mut currencies: Vec<Currency> = records
        .iter()
        .map(|r| &r.transaction)
        .filter(|t| !t.is_empty())
        .map(|t| t.currency())
        .collect();
    currencies.sort_by_key(|c| c.code());
    currencies.dedup();
    let trial_balance = trial_balance(
        currency,
        records
            .iter()
            .map(|r| &r.transaction)
            .filter(|t| t.currency() == currency),
    )
    // Stored transactions are re-checked when read, so this is a defect.
    .map_err(|e| CoreError::internal(format!("trial balance: {e}")))?;
    Ok(Balances {
        trial_balance,
        currencies,
    })
}

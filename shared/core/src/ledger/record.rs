//! One stored ledger transaction.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::LedgerTransaction;

use crate::error::CoreResult;
use crate::keys::{document_date_sk, ledger_by_document_pk, ledger_key};
use crate::ports::{Condition, Index, IndexKey, Item, Write};

/// `ACCOUNT#<acc>` / `LEDGER#<date>#<id>`, in gsi2 under its document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRecord {
    pub id: String,
    /// The business date of the event (issue date, payment date, cancel day).
    pub date: NaiveDate,
    /// `Invoice INV-0001 issued`, `Payment of INV-0001`...
    pub description: String,
    pub document_id: Option<String>,
    #[serde(default)]
    pub document_number: Option<String>,
    pub transaction: LedgerTransaction,
    pub created_at: DateTime<Utc>,
}

/// The put of a ledger transaction, for the event's own transaction.
/// `NotExists`: a ledger entry is written once and never changed; a
/// correction is a new, reversing entry.
pub fn ledger_write(account_id: &AccountId, record: &LedgerRecord) -> CoreResult<Write> {
    let mut item = Item::new(ledger_key(account_id, record.date, &record.id), record)?;
    if let Some(document_id) = &record.document_id {
        item = item.with_index(
            Index::Gsi2,
            IndexKey::new(
                ledger_by_document_pk(account_id, document_id),
                format!(
                    "LEDGER#{}",
                    document_date_sk(record.date, &DocumentId::from(&record.id))
                ),
            ),
        );
    }
    Ok(Write::Put {
        item,
        condition: Condition::NotExists,
    })
}

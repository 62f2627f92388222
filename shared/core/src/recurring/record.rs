//! The stored recurring invoice and its item.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::schedule::Schedule;

use crate::documents::{DocumentBody, document_indexes};
use crate::error::{CoreError, CoreResult};
use crate::keys::{
    DocType, document_key, document_sk, due_pk, due_shard, due_sk, start_of_local_day,
};
use crate::ports::{Index, IndexKey, Item, Table};

/// The `<kind>` of the due-work index partitions (`DUE#recurring#<shard>`).
pub const RECURRING_DUE_KIND: &str = "recurring";

/// `ACCOUNT#<acc>` / `RECURRING#<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecurringInvoice {
    pub id: DocumentId,
    /// The draft every generated invoice copies; `issue_date` is the
    /// schedule's `start_date` (each invoice is dated its own run).
    pub body: DocumentBody,
    pub schedule: Schedule,
    pub active: bool,
    /// Issue and email each generated invoice (else it stays a draft).
    pub auto_send: bool,
    /// Payment terms of the generated invoices; `None`: the contact's,
    /// else the account's, as they are when the invoice is generated.
    #[serde(default)]
    pub due_days: Option<u32>,
    /// `None` while inactive or once the schedule has ended.
    #[serde(default)]
    pub next_run_date: Option<NaiveDate>,
    /// The schedule index ([`Schedule::run_date`]) the schedule resumes
    /// from: the index of `next_run_date` when there is one. Not always
    /// `generated_count`: runs before a past start or missed while
    /// inactive are skipped, never generated late.
    #[serde(default)]
    pub next_run_index: u32,
    #[serde(default)]
    pub generated_count: u32,
    #[serde(default)]
    pub last_invoice_id: Option<String>,
    /// The run date of the last generated invoice: a new schedule never
    /// runs again on or before it.
    #[serde(default)]
    pub last_run_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The item's version (not stored in the data; conditions use it).
    #[serde(skip)]
    pub version: u64,
}

impl RecurringInvoice {
    /// The record in a table item, with the item's version.
    pub fn from_item(item: &Item) -> CoreResult<RecurringInvoice> {
        let mut record: RecurringInvoice = item.parse()?;
        record.version = item.version;
        Ok(record)
    }

    /// The document's sort key, as contact references name it.
    pub fn sk(&self) -> String {
        document_sk(DocType::Recurring, &self.id)
    }
}

/// The gsi3 key of the due-work index, or `None` (not in the index) while
/// inactive or without a next run: filed under the instant the next run's
/// day begins in the account's time zone `tz`. The shard comes from the
/// id alone, so every rewrite keeps the item in the same partition.
pub fn due_index_key(
    account_id: &AccountId,
    record: &RecurringInvoice,
    tz: chrono_tz::Tz,
) -> Option<IndexKey> {
    if !record.active {
        return None;
    }
    let date = record.next_run_date?;
    Some(IndexKey::new(
        due_pk(RECURRING_DUE_KIND, due_shard(&record.id)),
        due_sk(start_of_local_day(date, tz), account_id, &record.id),
    ))
}

/// The record as an item at `version`: gsi1 by start date, gsi2 under its
/// contact, gsi3 (sparse) by next run in the account's time zone `tz`.
pub fn recurring_item(
    account_id: &AccountId,
    record: &RecurringInvoice,
    version: u64,
    tz: chrono_tz::Tz,
) -> CoreResult<Item> {
    let (by_date, by_contact) = document_indexes(
        account_id,
        DocType::Recurring,
        &record.id,
        &record.body.contact_id,
        record.schedule.start_date,
    );
    let mut item = Item::new(
        document_key(account_id, DocType::Recurring, &record.id),
        record,
    )?
    .with_index(Index::Gsi1, by_date)
    .with_index(Index::Gsi2, by_contact)
    .with_version(version);
    if let Some(due) = due_index_key(account_id, record, tz) {
        item = item.with_index(Index::Gsi3, due);
    }
    Ok(item)
}

/// One recurring invoice of the account (404 for anything else).
pub async fn load_recurring(
    table: &dyn Table,
    account_id: &AccountId,
    id: &DocumentId,
) -> CoreResult<RecurringInvoice> {
    if id.is_empty() {
        return Err(CoreError::NotFound);
    }
    match table
        .get(&document_key(account_id, DocType::Recurring, id))
        .await?
    {
        Some(item) => RecurringInvoice::from_item(&item),
        None => Err(CoreError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use crate::keys::{DUE_SHARDS, due_shard};

    #[test]
    fn shards_are_stable_and_spread() {
        // FNV-1a of the empty string is its offset basis, 0x811c9dc5.
        assert_eq!(due_shard(""), 0x811c_9dc5 % DUE_SHARDS);
        let id = "019a1b2c-3d4e-7f00-8123-456789abcdef";
        assert_eq!(due_shard(id), due_shard(id));
        let mut seen = [0u32; DUE_SHARDS as usize];
        for n in 0..800 {
            seen[due_shard(&format!("019a1b2c-3d4e-7f00-8123-{n:012}")) as usize] += 1;
        }
        assert!(seen.iter().all(|&count| count > 50), "{seen:?}");
    }
}

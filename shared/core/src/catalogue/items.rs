//! Item use cases: create, read, update (replace or merge-patch), delete,
//! and the loads the document use cases price their lines with.
//!
//! Every write is one batch read (the item, the counter, the company's
//! default currency, the linked tax rate: whichever are needed) and one
//! transaction, so at most two round trips unless another writer wins a
//! race, in which case the use case re-reads and tries again.

use std::collections::HashMap;
use uome_domain::AccountId;

use chrono::{DateTime, Utc};
use serde_json::json;
use uome_domain::FieldErrors;

use super::draft::{Draft, NumberChoice, Values};
use super::input::ItemChanges;
use super::model::Item;
use super::numbering::{Counter, item_number};
use super::reads::{Fetched, Outcome, reject, still_busy, transact, version_conflict};
use super::text::{guard_text, sort_key};
use crate::error::{CoreError, CoreResult};
use crate::keys::{
    item_counter_key, item_key, item_number_guard_key, items_by_name_pk, items_by_number_pk,
};
use crate::ports::{Condition, Index, IndexKey, Item as TableItem, Key, Ports, Table, Write};

/// Creates racing for the counter each win in turn; this bounds how often
/// one create re-reads before giving up with a retryable 503.
const CREATE_ATTEMPTS: usize = 64;
/// Updates and deletes without a client version retry a lost race this often.
const UPDATE_ATTEMPTS: usize = 5;

/// Creates an item; its number is the next `ITM-` number unless given.
///
/// 422 with every bad field; 409 `duplicate_number` (with `existing_id`)
/// when another item of the account has the given number.
pub async fn create_item(
    ports: &Ports,
    account_id: &AccountId,
    changes: ItemChanges,
) -> CoreResult<Item> {
    let table = ports.table.as_ref();
    let mut static_errors = FieldErrors::new();
    let draft = Draft::resolve(&changes, None, &mut static_errors);
    let id = ports.ids.new_id().to_string();
    let counter_key = item_counter_key(account_id);
    let mut keys = draft.reads(account_id);
    if draft.number == NumberChoice::Auto {
        keys.push(counter_key.clone());
    }

    // Numbers skipped because someone gave them by hand.
    let mut skip = 0;
    for _ in 0..CREATE_ATTEMPTS {
        let fetched = Fetched::read(table, keys.clone()).await?;
        let mut errors = static_errors.clone();
        let values = draft.finish(account_id, &fetched, &mut errors);
        reject(errors)?;

        let mut writes = Vec::with_capacity(4);
        let (number, counter_at) = match &draft.number {
            NumberChoice::Given(number) => (number.clone(), None),
            NumberChoice::Auto => {
                let counter = Counter::from_item(counter_key.clone(), fetched.get(&counter_key));
                let n = counter.candidate(skip);
                writes.push(counter.advance_to(n)?);
                (item_number(n), Some(0))
            }
        };
        let now = ports.clock.now();
        let tax_rate_read = values.tax_rate_read.clone();
        let item = build(id.clone(), number, values, 1, now, now);
        let guard_at = writes.len();
        writes.push(guard_put(account_id, &item)?);
        writes.push(Write::Put {
            item: table_item(account_id, &item)?,
            condition: Condition::NotExists,
        });
        if let Some((key, version)) = tax_rate_read {
            writes.push(Write::Check {
                key,
                condition: Condition::VersionEquals(version),
            });
        }

        match transact(table, writes).await? {
            Outcome::Done => return Ok(item),
            Outcome::Busy => continue,
            Outcome::Failed(failed) => {
                let counter_moved = counter_at.is_some_and(|at| failed.contains(&at));
                if failed.contains(&guard_at) && !counter_moved {
                    match draft.number {
                        // Taken by an item numbered by hand: skip past it.
                        NumberChoice::Auto => skip += 1,
                        NumberChoice::Given(_) => {
                            return Err(duplicate_number(table, account_id, &item.number).await);
                        }
                    }
                }
                // Otherwise the counter or the tax rate moved: read again.
            }
        }
    }
    Err(still_busy())
}

/// One item of the account, or 404.
pub async fn get_item(ports: &Ports, account_id: &AccountId, item_id: &str) -> CoreResult<Item> {
    load_item(ports.table.as_ref(), account_id, item_id).await
}

/// Applies `changes` to an item: a merge-patch as they are, a replace after
/// [`ItemChanges::replacing`]. `expected_version` (If-Match or `version`)
/// must be the current version, else 409 `version_conflict`; without it the
/// change applies to whatever is current.
pub async fn update_item(
    ports: &Ports,
    account_id: &AccountId,
    item_id: &str,
    expected_version: Option<u64>,
    changes: ItemChanges,
) -> CoreResult<Item> {
    let table = ports.table.as_ref();
    let key = item_key(account_id, item_id);
    let mut keys = Draft::predicted_reads(&changes, account_id);
    keys.push(key.clone());

    for _ in 0..UPDATE_ATTEMPTS {
        let mut fetched = Fetched::read(table, keys.clone()).await?;
        let current = fetched
            .get(&key)
            .map(item_from)
            .transpose()?
            .ok_or(CoreError::NotFound)?;
        if expected_version.is_some_and(|v| v != current.version) {
            return Err(version_conflict());
        }
        let mut errors = FieldErrors::new();
        let draft = Draft::resolve(&changes, Some(&current), &mut errors);
        fetched.ensure(table, draft.reads(account_id)).await?;
        let values = draft.finish(account_id, &fetched, &mut errors);
        reject(errors)?;

        let number = match &draft.number {
            NumberChoice::Given(number) => number.clone(),
            NumberChoice::Auto => current.number.clone(),
        };
        let tax_rate_read = values.tax_rate_read.clone();
        let item = build(
            current.id.clone(),
            number,
            values,
            current.version + 1,
            current.created_at,
            ports.clock.now(),
        );
        let mut writes = vec![Write::Put {
            item: table_item(account_id, &item)?,
            condition: Condition::VersionEquals(current.version),
        }];
        let mut guard_at = None;
        if guard_text(&item.number) != guard_text(&current.number) {
            writes.push(Write::Delete {
                key: number_guard_key(account_id, &current.number),
                condition: Condition::None,
            });
            guard_at = Some(writes.len());
            writes.push(guard_put(account_id, &item)?);
        }
        if let Some((key, version)) = tax_rate_read {
            writes.push(Write::Check {
                key,
                condition: Condition::VersionEquals(version),
            });
        }

        match transact(table, writes).await? {
            Outcome::Done => return Ok(item),
            Outcome::Busy => continue,
            Outcome::Failed(failed) => {
                let item_moved = failed.contains(&0);
                if item_moved && expected_version.is_some() {
                    return Err(version_conflict());
                }
                if !item_moved && guard_at.is_some_and(|at| failed.contains(&at)) {
                    return Err(duplicate_number(table, account_id, &item.number).await);
                }
            }
        }
    }
    Err(still_busy())
}

/// Deletes an item and frees its number. Documents keep their copies of
/// its description and price, so deleting never changes a document.
pub async fn delete_item(
    ports: &Ports,
    account_id: &AccountId,
    item_id: &str,
    expected_version: Option<u64>,
) -> CoreResult<()> {
    let table = ports.table.as_ref();
    for _ in 0..UPDATE_ATTEMPTS {
        let current = load_item(table, account_id, item_id).await?;
        if expected_version.is_some_and(|v| v != current.version) {
            return Err(version_conflict());
        }
        let writes = vec![
            Write::Delete {
                key: item_key(account_id, item_id),
                condition: Condition::VersionEquals(current.version),
            },
            Write::Delete {
                key: number_guard_key(account_id, &current.number),
                condition: Condition::None,
            },
        ];
        match transact(table, writes).await? {
            Outcome::Done => return Ok(()),
            Outcome::Busy => continue,
            Outcome::Failed(_) if expected_version.is_some() => return Err(version_conflict()),
            Outcome::Failed(_) => continue,
        }
    }
    Err(still_busy())
}

/// One item of the account, or `NotFound` (unknown, or another account's:
/// the key is under this account's partition, so another account's item
/// is simply not there).
pub async fn load_item(
    table: &dyn Table,
    account_id: &AccountId,
    item_id: &str,
) -> CoreResult<Item> {
    let item = table
        .get(&item_key(account_id, item_id))
        .await?
        .ok_or(CoreError::NotFound)?;
    item_from(&item)
}

/// The items of the account among `item_ids`, by id, in one batch read per
/// 100 ids. An id missing from the map is unknown or another account's: a
/// document line naming it must be refused.
pub async fn load_items<S: AsRef<str> + Sync>(
    table: &dyn Table,
    account_id: &AccountId,
    item_ids: &[S],
) -> CoreResult<HashMap<String, Item>> {
    let keys = item_ids
        .iter()
        .map(|id| item_key(account_id, id.as_ref()))
        .collect();
    let fetched = Fetched::read(table, keys).await?;
    let mut items = HashMap::with_capacity(item_ids.len());
    for id in item_ids {
        if let Some(found) = fetched.get(&item_key(account_id, id.as_ref())) {
            let item = item_from(found)?;
            items.insert(item.id.clone(), item);
        }
    }
    Ok(items)
}

pub(crate) fn item_from(stored: &TableItem) -> CoreResult<Item> {
    let mut item: Item = stored.parse()?;
    item.version = stored.version;
    Ok(item)
}

fn build(
    id: String,
    number: String,
    values: Values,
    version: u64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
) -> Item {
    Item {
        id,
        number,
        item_type: values.item_type,
        name: values.name,
        description: values.description,
        unit: values.unit,
        sales_price: values.sales_price,
        purchase_price: values.purchase_price,
        currency: values.currency,
        tax_rate: values.tax_rate,
        tax_rate_id: values.tax_rate_id,
        family: values.family,
        active: values.active,
        measures: values.measures,
        version,
        created_at,
        updated_at,
    }
}

/// The stored form: gsi1 by name, gsi2 by number, both case-folded.
fn table_item(account_id: &AccountId, item: &Item) -> CoreResult<TableItem> {
    Ok(TableItem::new(item_key(account_id, &item.id), item)?
        .with_version(item.version)
        .with_index(
            Index::Gsi1,
            IndexKey::new(items_by_name_pk(account_id), sort_key(&item.name, &item.id)),
        )
        .with_index(
            Index::Gsi2,
            IndexKey::new(
                items_by_number_pk(account_id),
                sort_key(&item.number, &item.id),
            ),
        ))
}

fn number_guard_key(account_id: &AccountId, number: &str) -> Key {
    item_number_guard_key(account_id, &guard_text(number))
}

fn guard_put(account_id: &AccountId, item: &Item) -> CoreResult<Write> {
    Ok(Write::Put {
        item: TableItem::new(
            number_guard_key(account_id, &item.number),
            &json!({ "item_id": item.id }),
        )?,
        condition: Condition::NotExists,
    })
}

/// 409 `duplicate_number`, naming the item that has it when it can.
async fn duplicate_number(table: &dyn Table, account_id: &AccountId, number: &str) -> CoreError {
    let existing = table
        .get(&number_guard_key(account_id, number))
        .await
        .ok()
        .flatten()
        .and_then(|guard| guard.data.get("item_id")?.as_str().map(str::to_owned));
    let error = CoreError::conflict(
        "duplicate_number",
        format!("Another item already has the number {number}."),
    );
    match existing {
        Some(id) => error.with_extra("existing_id", id),
        None => error,
    }
}

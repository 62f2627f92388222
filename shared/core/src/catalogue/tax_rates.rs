//! Tax rate use cases: named rates (`VAT 20%`) an item can link to.
//!
//! Names are unique per account, case-insensitively, through a
//! `UNIQUE#tax_rate_name#<name>` guard written in the same transaction.
//! Deleting a tax rate is allowed: documents copy the rate into their
//! lines, and items keep the rate they copied (their `tax_rate_id` then
//! names nothing, which an update that keeps it tolerates).

use serde_json::json;
use uome_domain::AccountId;
use uome_domain::validation::check_rate;
use uome_domain::{Decimal, FieldErrors};

use super::input::{Patch, TaxRateChanges};
use super::model::TaxRate;
use super::reads::{Outcome, still_busy, transact, version_conflict};
use super::text::{NAME_MAX, guard_text, required_line, sort_key};
use crate::error::{CoreError, CoreResult};
use crate::keys::{tax_rate_key, tax_rate_name_guard_key, tax_rates_by_name_pk};
use crate::ports::table::MAX_QUERY_LIMIT;
use crate::ports::{
    Condition, Index, IndexKey, Item as TableItem, Key, LastKey, Ports, Query, Table, Write,
};

const ATTEMPTS: usize = 5;

/// One page of tax rates, by name.
#[derive(Clone, Debug, PartialEq)]
pub struct TaxRatePage {
    pub tax_rates: Vec<TaxRate>,
    pub next: Option<LastKey>,
}

/// Creates a tax rate; 409 `duplicate_tax_rate` (with `existing_id`) when
/// the account has one of that name.
pub async fn create_tax_rate(
    ports: &Ports,
    account_id: &AccountId,
    changes: TaxRateChanges,
) -> CoreResult<TaxRate> {
    let (name, rate) = resolve(&changes, None)?;
    let now = ports.clock.now();
    let tax_rate = TaxRate {
        id: ports.ids.new_id().to_string(),
        name,
        rate,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let writes = vec![
        guard_put(account_id, &tax_rate)?,
        Write::Put {
            item: table_item(account_id, &tax_rate)?,
            condition: Condition::NotExists,
        },
    ];
    for _ in 0..ATTEMPTS {
        match transact(ports.table.as_ref(), writes.clone()).await? {
            Outcome::Done => return Ok(tax_rate),
            Outcome::Busy => continue,
            Outcome::Failed(_) => {
                return Err(duplicate(ports.table.as_ref(), account_id, &tax_rate.name).await);
            }
        }
    }
    Err(still_busy())
}

/// One tax rate of the account, or 404.
pub async fn get_tax_rate(ports: &Ports, account_id: &AccountId, id: &str) -> CoreResult<TaxRate> {
    load(ports.table.as_ref(), account_id, id).await
}

/// Applies `changes` (a merge-patch, or a replace after
/// [`TaxRateChanges::replacing`]). Items linked to the rate keep the rate
/// they copied until they are next written with the link.
pub async fn update_tax_rate(
    ports: &Ports,
    account_id: &AccountId,
    id: &str,
    expected_version: Option<u64>,
    changes: TaxRateChanges,
) -> CoreResult<TaxRate> {
    let table = ports.table.as_ref();
    for _ in 0..ATTEMPTS {
        let current = load(table, account_id, id).await?;
        if expected_version.is_some_and(|v| v != current.version) {
            return Err(version_conflict());
        }
        let (name, rate) = resolve(&changes, Some(&current))?;
        let updated = TaxRate {
            name,
            rate,
            version: current.version + 1,
            updated_at: ports.clock.now(),
            ..current.clone()
        };
        let mut writes = vec![Write::Put {
            item: table_item(account_id, &updated)?,
            condition: Condition::VersionEquals(current.version),
        }];
        let renamed = guard_text(&updated.name) != guard_text(&current.name);
        if renamed {
            writes.push(Write::Delete {
                key: guard_key(account_id, &current.name),
                condition: Condition::None,
            });
            writes.push(guard_put(account_id, &updated)?);
        }
        match transact(table, writes).await? {
            Outcome::Done => return Ok(updated),
            Outcome::Busy => continue,
            Outcome::Failed(failed) => {
                if failed.contains(&0) {
                    if expected_version.is_some() {
                        return Err(version_conflict());
                    }
                } else if renamed {
                    return Err(duplicate(table, account_id, &updated.name).await);
                }
            }
        }
    }
    Err(still_busy())
}

/// Deletes a tax rate and frees its name.
pub async fn delete_tax_rate(
    ports: &Ports,
    account_id: &AccountId,
    id: &str,
    expected_version: Option<u64>,
) -> CoreResult<()> {
    let table = ports.table.as_ref();
    for _ in 0..ATTEMPTS {
        let current = load(table, account_id, id).await?;
        if expected_version.is_some_and(|v| v != current.version) {
            return Err(version_conflict());
        }
        let writes = vec![
            Write::Delete {
                key: tax_rate_key(account_id, id),
                condition: Condition::VersionEquals(current.version),
            },
            Write::Delete {
                key: guard_key(account_id, &current.name),
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

/// One page of the account's tax rates by name: one Query.
pub async fn list_tax_rates(
    table: &dyn Table,
    account_id: &AccountId,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<TaxRatePage> {
    let limit = limit.clamp(1, MAX_QUERY_LIMIT);
    let query = Query::partition(tax_rates_by_name_pk(account_id), limit)
        .on(Index::Gsi1)
        .after(start_after);
    let page = table.query(&query).await?;
    let tax_rates = page
        .items
        .iter()
        .map(tax_rate_from)
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(TaxRatePage {
        tax_rates,
        next: page.next,
    })
}

async fn load(table: &dyn Table, account_id: &AccountId, id: &str) -> CoreResult<TaxRate> {
    let stored = table
        .get(&tax_rate_key(account_id, id))
        .await?
        .ok_or(CoreError::NotFound)?;
    tax_rate_from(&stored)
}

fn tax_rate_from(stored: &TableItem) -> CoreResult<TaxRate> {
    let mut tax_rate: TaxRate = stored.parse()?;
    tax_rate.version = stored.version;
    Ok(tax_rate)
}

/// Name and rate after the change, or 422 with every bad field.
fn resolve(changes: &TaxRateChanges, current: Option<&TaxRate>) -> CoreResult<(String, Decimal)> {
    let mut errors = FieldErrors::new();
    let name = required_line::<NAME_MAX>(
        "name",
        changes.name.clone().apply(current.map(|c| c.name.clone())),
        &mut errors,
    );
    let rate = match &changes.rate {
        Patch::Keep if current.is_some() => current.map_or(Decimal::ZERO, |c| c.rate),
        Patch::Keep | Patch::Clear => {
            errors.push("rate", "is required");
            Decimal::ZERO
        }
        Patch::Set(Err(message)) => {
            errors.push("rate", message.clone());
            Decimal::ZERO
        }
        Patch::Set(Ok(rate)) => {
            if let Err(message) = check_rate(*rate) {
                errors.push("rate", message);
            }
            rate.normalize()
        }
    };
    match name {
        Some(name) if errors.is_empty() => Ok((name.into_string(), rate)),
        // A missing or refused name is one of the errors.
        _ => Err(CoreError::Validation(errors.into_vec())),
    }
}

fn table_item(account_id: &AccountId, tax_rate: &TaxRate) -> CoreResult<TableItem> {
    Ok(
        TableItem::new(tax_rate_key(account_id, &tax_rate.id), tax_rate)?
            .with_version(tax_rate.version)
            .with_index(
                Index::Gsi1,
                IndexKey::new(
                    tax_rates_by_name_pk(account_id),
                    sort_key(&tax_rate.name, &tax_rate.id),
                ),
            ),
    )
}

fn guard_key(account_id: &AccountId, name: &str) -> Key {
    tax_rate_name_guard_key(account_id, &guard_text(name))
}

fn guard_put(account_id: &AccountId, tax_rate: &TaxRate) -> CoreResult<Write> {
    Ok(Write::Put {
        item: TableItem::new(
            guard_key(account_id, &tax_rate.name),
            &json!({ "tax_rate_id": tax_rate.id }),
        )?,
        condition: Condition::NotExists,
    })
}

/// 409 `duplicate_tax_rate`, naming the tax rate that has the name.
async fn duplicate(table: &dyn Table, account_id: &AccountId, name: &str) -> CoreError {
    let existing = table
        .get(&guard_key(account_id, name))
        .await
        .ok()
        .flatten()
        .and_then(|guard| guard.data.get("tax_rate_id")?.as_str().map(str::to_owned));
    let error = CoreError::conflict(
        "duplicate_tax_rate",
        format!("Another tax rate is already named {name}."),
    );
    match existing {
        Some(id) => error.with_extra("existing_id", id),
        None => error,
    }
}

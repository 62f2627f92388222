//! Re-filing an account's open invoices after a change that moves their
//! reminders: the reminder settings, the time zone, or one contact's
//! `automatic_dunning`.
//!
//! Why not in the transaction of the change itself: an account may have
//! more open invoices than one transaction holds (100 items). So the
//! change commits first and its entries are re-filed right after, by
//! conditional puts; the request answers only once every entry is filed,
//! so a failure here is a 5xx whose retry files the rest. Re-filing
//! computes from current state, so running it twice changes nothing, and
//! the reminder job files any entry it finds misfiled.

use uome_domain::{AccountId, ContactId};

use super::context::DueContext;
use super::entry::DunningEntry;
use crate::error::CoreResult;
use crate::keys::{DUNNING_ENTRY_PREFIX, DocType, account_pk};
use crate::pages::Pages;
use crate::ports::{Condition, Item, Query, SortKey, Table};
use crate::recurring::{RecurringInvoice, recurring_item};

/// Which entries a change concerns.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    /// Every open invoice of the account.
    Account,
    /// The open invoices of one contact, whose `automatic_dunning` is now
    /// this.
    Contact(&'a ContactId, bool),
}

/// Re-files the entries in `scope`; answers how many moved.
pub async fn reindex(
    table: &dyn Table,
    account_id: &AccountId,
    scope: Scope<'_>,
) -> CoreResult<usize> {
    let ctx = DueContext::load(table, account_id).await?;
    let query = Query::partition(account_pk(account_id), 1000)
        .sk(SortKey::BeginsWith(DUNNING_ENTRY_PREFIX.to_string()));
    refile(table, query, |item| {
        let mut entry = DunningEntry::from_item(item)?;
        if let Scope::Contact(contact_id, on) = scope {
            if &entry.contact_id != contact_id {
                return Ok(None);
            }
            entry.automatic_dunning = on;
        }
        let next = entry.item(account_id, &ctx, entry.version + 1)?;
        let changed = next.gsi3 != item.gsi3 || next.data != item.data;
        Ok(changed.then_some((next, entry.version)))
    })
    .await
}

/// Re-files the account's recurring invoices under their next run in the
/// time zone `tz` (after a time-zone change); answers how many moved.
pub async fn reindex_recurring(
    table: &dyn Table,
    account_id: &AccountId,
    tz: chrono_tz::Tz,
) -> CoreResult<usize> {
    let prefix = format!("{}#", DocType::Recurring.tag());
    let query = Query::partition(account_pk(account_id), 1000).sk(SortKey::BeginsWith(prefix));
    refile(table, query, |item| {
        let record = RecurringInvoice::from_item(item)?;
        // Same version: only the index key moves, and a concurrent edit
        // (which files it itself) wins.
        let next = recurring_item(account_id, &record, record.version, tz)?;
        Ok((next.gsi3 != item.gsi3).then_some((next, record.version)))
    })
    .await
}

/// Puts `replace(item)`'s new item, conditional on the version it names,
/// for every item the query finds; answers how many were rewritten. An
/// item written meanwhile (the reminder job, a payment, an edit) was
/// written from the current state: its filing stands.
async fn refile(
    table: &dyn Table,
    query: Query,
    replace: impl Fn(&Item) -> CoreResult<Option<(Item, u64)>>,
) -> CoreResult<usize> {
    let mut pages = Pages::new(table, query);
    let mut moved = 0;
    while let Some(items) = pages.next().await? {
        for item in &items {
            let Some((next, version)) = replace(item)? else {
                continue;
            };
            match table.put(next, Condition::VersionEquals(version)).await {
                Ok(()) => moved += 1,
                Err(e) if e.is_conflict() => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(moved)
}

//! The email guard's life after a forced duplicate.
//!
//! `UNIQUE#contact_email#<email>` names ONE contact: the one whose create
//! (or update) first claimed the email. `?force=true` lets further contacts
//! share the email without claiming the guard. When the holder lets go of
//! the email (deleted, or its email changed), the guard passes to another
//! contact that still has the email, found through gsi2, so a later
//! unforced create still sees the duplicate; with no such contact the guard
//! is deleted. Both writes are conditional on the guard's version, inside
//! the releasing transaction.

use super::store::{from_item, guard_holder, guard_item};
use crate::error::CoreResult;
use crate::keys::{contact_email_guard_key, contacts_by_email_pk, normalise_email};
use crate::ports::{Condition, Index, Query, SortKey, Table, Write};
use uome_domain::AccountId;
use uome_domain::ContactId;

/// Other holders looked at when passing the guard on (one is enough; a few
/// more in case the first rows are this contact).
const HOLDERS_PAGE: u32 = 5;

/// The write (if any) that releases `contact_id`'s hold on the email guard.
pub async fn release_email(
    table: &dyn Table,
    account_id: &AccountId,
    contact_id: &ContactId,
    email_key: &str,
) -> CoreResult<Option<Write>> {
    let guard_key = contact_email_guard_key(account_id, email_key);
    let holders_query = Query::partition(contacts_by_email_pk(account_id), HOLDERS_PAGE)
        .on(Index::Gsi2)
        .sk(SortKey::BeginsWith(format!("{email_key}#")));
    let (guard, holders) = tokio::join!(table.get(&guard_key), table.query(&holders_query));
    let Some(guard) = guard? else {
        return Ok(None);
    };
    if guard_holder(&guard)? != *contact_id {
        return Ok(None);
    }
    let mut next = None;
    for item in &holders?.items {
        let other = from_item(item)?;
        if other.id != *contact_id
            && other.email.as_deref().map(normalise_email).as_deref() == Some(email_key)
        {
            next = Some(other.id);
            break;
        }
    }
    Ok(Some(match next {
        Some(other) => Write::Put {
            item: guard_item(guard_key, &other)?.with_version(guard.version + 1),
            condition: Condition::VersionEquals(guard.version),
        },
        None => Write::Delete {
            key: guard_key,
            condition: Condition::VersionEquals(guard.version),
        },
    }))
}

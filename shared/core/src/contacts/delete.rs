//! Deleting a contact: refused (409 `contact_in_use`) while any document
//! references it, race-free with document creation (see [`super::references`]).
//!
//! Round trips: (1) read the contact while taking the delete lock,
//! (2) look for a reference row while reading the email guard, (3) one
//! transaction deleting the contact, its search rows, its guards and the
//! lock; then its portal token is revoked.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;
use uome_domain::ContactId;

use super::guards::release_email;
use super::model::Contact;
use super::references::DELETE_LOCK_SECS;
use super::references::contact_busy;
use super::store::{email_key, load_contact, number_key, stale_term_deletes};
use super::update::Expected;
use super::{MAX_ATTEMPTS, too_much_contention, version_conflict};
use crate::error::{CoreError, CoreResult};
use crate::keys::{
    account_pk, contact_delete_lock_key, contact_key, contact_number_guard_key,
    contact_reference_prefix,
};
use crate::ports::{Condition, Item, Ports, Query, SortKey, TableError, Write};

#[derive(Clone, Debug, Serialize, Deserialize)]
struct LockRecord {
    since: DateTime<Utc>,
}

enum Outcome {
    Deleted,
    /// Lost a race on a condition: unlock and start again.
    Retry,
}

pub async fn delete_contact(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
    expected: Expected,
) -> CoreResult<()> {
    if contact_id.is_empty() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let lock_key = contact_delete_lock_key(account_id, contact_id);
    for _ in 0..MAX_ATTEMPTS {
        let now = ports.clock.now();
        let lock = Item::new(lock_key.clone(), &LockRecord { since: now })?
            .with_expiry(now.timestamp() + DELETE_LOCK_SECS);
        let take_lock = vec![
            Write::Put {
                item: lock,
                condition: Condition::NotExists,
            },
            Write::Check {
                key: contact_key(account_id, contact_id),
                condition: Condition::Exists,
            },
        ];
        let (current, locked) = tokio::join!(
            load_contact(table, account_id, contact_id),
            table.transact(take_lock)
        );
        match locked {
            Ok(()) => {}
            Err(TableError::TransactionCancelled { failed }) if failed.contains(&1) => {
                return Err(CoreError::NotFound);
            }
            Err(TableError::TransactionCancelled { .. }) => {
                return Err(contact_busy());
            }
            Err(TableError::Contention { .. }) => continue,
            Err(other) => return Err(other.into()),
        }
        // The lock is ours from here: every way out but success releases it
        // (success deletes it in the same transaction as the contact).
        let outcome = match current {
            Ok(contact) => delete_locked(ports, account_id, &contact, expected).await,
            Err(e) => Err(e),
        };
        match outcome {
            Ok(Outcome::Deleted) => {
                if let Err(e) = crate::portal::revoke(ports, account_id, contact_id).await {
                    // The contact is gone, so portal routes answer 404 for
                    // the token anyway; it also expires on its own.
                    tracing::warn!(error = %e, "portal token of a deleted contact not revoked");
                }
                return Ok(());
            }
            Ok(Outcome::Retry) => {
                table.delete(&lock_key, Condition::None).await?;
            }
            Err(e) => {
                if let Err(unlock) = table.delete(&lock_key, Condition::None).await {
                    tracing::warn!(error = %unlock, "contact delete lock not released; it expires");
                }
                return Err(e);
            }
        }
    }
    Err(too_much_contention())
}

async fn delete_locked(
    ports: &Ports,
    account_id: &AccountId,
    contact: &Contact,
    expected: Expected,
) -> CoreResult<Outcome> {
    let table = ports.table.as_ref();
    if expected.0.is_some_and(|v| v != contact.version) {
        return Err(version_conflict(contact.version));
    }
    let references = Query::partition(account_pk(account_id), 1)
        .sk(SortKey::BeginsWith(contact_reference_prefix(&contact.id)));
    let (references, released) = tokio::join!(table.query(&references), async {
        match email_key(contact) {
            Some(email) => release_email(table, account_id, &contact.id, &email).await,
            None => Ok(None),
        }
    });
    if !references?.items.is_empty() {
        return Err(CoreError::conflict(
            "contact_in_use",
            "Documents reference this contact; archive it instead.",
        ));
    }
    let mut writes = vec![
        Write::Delete {
            key: contact_key(account_id, &contact.id),
            condition: Condition::VersionEquals(contact.version),
        },
        Write::Delete {
            key: contact_number_guard_key(account_id, &number_key(&contact.number)),
            condition: Condition::None,
        },
        Write::Delete {
            key: contact_delete_lock_key(account_id, &contact.id),
            condition: Condition::None,
        },
    ];
    writes.extend(released?);
    writes.extend(stale_term_deletes(account_id, contact, None));
    match table.transact(writes).await {
        Ok(()) => Ok(Outcome::Deleted),
        Err(TableError::TransactionCancelled { failed }) if failed.contains(&0) => {
            if expected.0.is_some() {
                let now = load_contact(table, account_id, &contact.id).await?;
                Err(version_conflict(now.version))
            } else {
                Ok(Outcome::Retry)
            }
        }
        Err(TableError::TransactionCancelled { .. }) | Err(TableError::Contention { .. }) => {
            Ok(Outcome::Retry)
        }
        Err(other) => Err(other.into()),
    }
}

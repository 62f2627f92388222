//! Documents that reference a contact, so the contact cannot be deleted
//! under them (409 `contact_in_use`).
//!
//! A document (quote, invoice, order, purchase order, expense...) that
//! names a contact adds, **in the transaction that creates it**:
//!
//! ```ignore
//! writes.extend(contacts::reference_checks(acc, contact_id));   // 2 checks
//! writes.push(contacts::reference_write(acc, contact_id, &format!("INVOICE#{id}")));
//! ```
//!
//! and the transaction that hard-deletes it (or moves it to another
//! contact) adds [`release_reference_write`]. A cancelled transaction at
//! the check positions means the contact is gone (answer 404 / 422 on
//! `contact_id`) or a delete of it is in flight (409; retrying is fine).
//!
//! Why both a row per document and the checks: a delete takes a
//! short-lived lock (`CONTACTLOCK#<contact>`, TTL [`DELETE_LOCK_SECS`]),
//! then looks for reference rows (one Query, limit 1), then deletes. A
//! document transaction that commits before the lock leaves a row the
//! delete finds; one that comes after the lock fails its lock check; one
//! that comes after the delete fails its contact check. So a contact with
//! documents is never deleted, and no document points at a deleted contact.
//! Rows (not a counter) keep document writes free of read-modify-write on a
//! shared item and let bulk imports write them in batches.

use serde::{Deserialize, Serialize};
use serde_json::json;
use uome_domain::AccountId;
use uome_domain::ContactId;

use crate::error::CoreError;
use crate::keys::{contact_delete_lock_key, contact_key, contact_reference_key};
use crate::ports::{Condition, Item, Write};

/// How long a delete's lock lives if the delete dies half way.
pub const DELETE_LOCK_SECS: i64 = 30;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceRecord {
    pub contact_id: ContactId,
    /// The referencing document's sort key, e.g. `INVOICE#<id>`.
    pub document: String,
}

/// The row saying `document_key` (the document's sort key, e.g.
/// `INVOICE#<id>`) references the contact. Unconditional, so writing it
/// twice is harmless.
pub fn reference_write(
    account_id: &AccountId,
    contact_id: &ContactId,
    document_key: &str,
) -> Write {
    // Built directly (not through `Item::new`): a JSON object of two strings
    // cannot fail to serialise, so this needs no error path.
    let item = Item {
        key: contact_reference_key(account_id, contact_id, document_key),
        gsi1: None,
        gsi2: None,
        gsi3: None,
        version: 1,
        expires_at: None,
        data: json!({ "contact_id": contact_id, "document": document_key }),
    };
    Write::Put {
        item,
        condition: Condition::None,
    }
}

/// Removes the row of [`reference_write`]. Unconditional and idempotent.
pub fn release_reference_write(
    account_id: &AccountId,
    contact_id: &ContactId,
    document_key: &str,
) -> Write {
    Write::Delete {
        key: contact_reference_key(account_id, contact_id, document_key),
        condition: Condition::None,
    }
}

/// Adds to a new document's transaction what makes it reference the
/// contact: the two [`reference_checks`] and the [`reference_write`].
/// Answers the position of the lock check: a transaction cancelled there
/// is [`contact_busy`]; at the other check, the contact is gone. A
/// document of nobody (a POS sale to a walk-in customer, and its credit
/// notes) references nothing: `usize::MAX`, a position no write has.
pub fn add_reference(
    writes: &mut Vec<Write>,
    account_id: &AccountId,
    contact_id: &ContactId,
    document_key: &str,
) -> usize {
    if contact_id.is_empty() {
        return usize::MAX;
    }
    let lock_at = writes.len() + 1;
    writes.extend(reference_checks(account_id, contact_id));
    writes.push(reference_write(account_id, contact_id, document_key));
    lock_at
}

/// Adds to a document's update what moves its reference from `old` to
/// `new` (the new contact's checks and row, the old row's release), or
/// nothing when the contact stays. Answers the lock check's position, if
/// one was added.
pub fn move_reference(
    writes: &mut Vec<Write>,
    account_id: &AccountId,
    old: &ContactId,
    new: &ContactId,
    document_key: &str,
) -> Option<usize> {
    if old == new {
        return None;
    }
    let lock_at = add_reference(writes, account_id, new, document_key);
    writes.push(release_reference_write(account_id, old, document_key));
    Some(lock_at)
}

/// 409 `contact_busy`: the write failed because a delete of the contact is
/// in flight; retrying shortly is fine.
pub fn contact_busy() -> CoreError {
    CoreError::conflict(
        "contact_busy",
        "The contact is being deleted; try again shortly.",
    )
}

/// The two checks a referencing document's transaction carries: the
/// contact exists, and no delete of it is in flight.
pub fn reference_checks(account_id: &AccountId, contact_id: &ContactId) -> [Write; 2] {
    [
        Write::Check {
            key: contact_key(account_id, contact_id),
            condition: Condition::Exists,
        },
        Write::Check {
            key: contact_delete_lock_key(account_id, contact_id),
            condition: Condition::NotExists,
        },
    ]
}

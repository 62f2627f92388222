//! Deleting a recurring invoice: the record goes, with its contact
//! reference and (being the item's attributes) its due-index entry. The
//! invoices it generated stay: they are documents of their own.

use super::record::load_recurring;
use crate::contacts::release_reference_write;
use crate::documents::{MAX_ATTEMPTS, too_much_contention, version_conflict};
use crate::error::CoreResult;
use crate::keys::{DocType, document_key};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};
use uome_domain::AccountId;
use uome_domain::DocumentId;

/// Deletes it (404 if it is not the account's); `expected`, when given,
/// must be the current version (else 409 `version_conflict`).
pub async fn delete_recurring(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    expected: Option<u64>,
) -> CoreResult<()> {
    let table = ports.table.as_ref();
    for _ in 0..MAX_ATTEMPTS {
        let current = load_recurring(table, account_id, id).await?;
        if expected.is_some_and(|v| v != current.version) {
            return Err(version_conflict(current.version));
        }
        let writes = vec![
            Write::Delete {
                key: document_key(account_id, DocType::Recurring, id),
                condition: Condition::VersionEquals(current.version),
            },
            release_reference_write(account_id, &current.body.contact_id, &current.sk()),
        ];
        match transact(table, writes).await? {
            Outcome::Done => return Ok(()),
            // Changed or deleted since the read: the re-read decides.
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

//! A change of one document that needs no other item: read, apply, write
//! back with `VersionEquals`; a lost race reads again and re-applies, so
//! the rules are always checked against the document as it now is.

use chrono::{DateTime, NaiveDate, Utc};
use uome_domain::AccountId;
use uome_domain::DocumentId;

use super::at::At;
use super::document::{Document, document_item};
use super::load::load_at;
use super::viewer::Viewer;
use super::{MAX_ATTEMPTS, too_much_contention};
use crate::error::CoreResult;
use crate::ports::{Condition, Ports, TableError};

/// Applies `apply(document, today, now)` and stores the result at the next
/// version. `first` is a read the caller already made (tried first, so
/// the common case costs no second read). `apply` refusing (an `Err`)
/// writes nothing.
pub async fn change<D, F>(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
    mut first: Option<At<D>>,
    mut apply: F,
) -> CoreResult<At<D>>
where
    D: Document,
    F: FnMut(&mut D, NaiveDate, DateTime<Utc>) -> CoreResult<()>,
{
    for _ in 0..MAX_ATTEMPTS {
        let at = match first.take() {
            Some(at) => at,
            None => load_at::<D>(ports, account_id, id, viewer).await?,
        };
        let now = ports.clock.now();
        let old = at.document.version();
        let mut document = at.document;
        apply(&mut document, at.today, now)?;
        document.set_updated_at(now);
        document.set_version(old + 1);
        let item = document_item(account_id, &document, old + 1)?;
        match ports.table.put(item, Condition::VersionEquals(old)).await {
            Ok(()) => {
                return Ok(At {
                    document,
                    today: at.today,
                });
            }
            // Changed (or deleted) since read: read again; a deleted
            // document then answers 404.
            Err(TableError::ConditionFailed | TableError::Contention { .. }) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    Err(too_much_contention())
}

//! Reading and changing one purchase order: every change writes the order
//! on the version read, its summary, and whatever the action adds (ledger
//! postings) in one transaction; a lost race reads again and re-applies.

use chrono::{DateTime, NaiveDate, Utc};
use uome_domain::{AccountId, DocumentId};

use super::document::PurchaseOrderAt;
use super::record::PurchaseOrder;
use super::summary::summary_write;
use crate::documents::load::load_at;
use crate::documents::{At, MAX_ATTEMPTS, Viewer, document_item, too_much_contention};
use crate::error::{CoreError, CoreResult};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};

/// The order `id`: 404 for an id that is not one of the account's.
pub async fn load_purchase_order(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
) -> CoreResult<PurchaseOrderAt> {
    if uuid::Uuid::try_parse(id).is_err() {
        return Err(CoreError::NotFound);
    }
    load_at::<PurchaseOrder>(ports, account_id, id, Viewer::Business).await
}

/// Applies `apply(order, today, now)` (which answers the writes to add)
/// and stores the order at the next version with its summary. `apply`
/// refusing writes nothing.
pub(crate) async fn change_purchase_order<F>(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    user_id: &str,
    mut apply: F,
) -> CoreResult<PurchaseOrderAt>
where
    F: FnMut(&mut PurchaseOrder, NaiveDate, DateTime<Utc>) -> CoreResult<Vec<Write>>,
{
    for _ in 0..MAX_ATTEMPTS {
        let at = load_purchase_order(ports, account_id, id).await?;
        let now = ports.clock.now();
        let old = at.document.version;
        let mut po = at.document;
        let added = apply(&mut po, at.today, now)?;
        po.updated_at = now;
        po.last_updated_by = user_id.to_string();
        po.version = old + 1;
        let mut writes = vec![
            Write::Put {
                item: document_item(account_id, &po, po.version)?,
                condition: Condition::VersionEquals(old),
            },
            summary_write(account_id, &po)?,
        ];
        writes.extend(added);
        match transact(ports.table.as_ref(), writes).await? {
            Outcome::Done => {
                return Ok(At {
                    document: po,
                    today: at.today,
                });
            }
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

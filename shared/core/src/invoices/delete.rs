//! `DELETE /v1/invoices/{id}`: drafts only (an issued invoice is part of
//! the books: cancel it instead). One read and one transaction: the
//! invoice with `VersionEquals` and its contact reference. The number is
//! not given back: the counter never goes back, so numbers are never
//! reused (a deleted draft leaves a gap).

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::InvoiceAction;
use uome_domain::invoice_state::check;

use super::load::load_invoice;
use crate::contacts::release_reference_write;
use crate::documents::Document;
use crate::documents::{MAX_ATTEMPTS, too_much_contention, transition_refused, version_conflict};
use crate::error::CoreResult;
use crate::keys::{DocType, document_key};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};

/// Deletes the draft `id`; `expected` as for updates.
pub async fn delete_invoice(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    expected: Option<u64>,
) -> CoreResult<()> {
    let table = ports.table.as_ref();
    for _ in 0..MAX_ATTEMPTS {
        let stored = load_invoice(table, account_id, id).await?;
        if expected.is_some_and(|v| v != stored.version) {
            return Err(version_conflict(stored.version));
        }
        check(stored.status, InvoiceAction::Delete, stored.amount_paid)
            .map_err(transition_refused)?;
        let writes = vec![
            Write::Delete {
                key: document_key(account_id, DocType::Invoice, &stored.id),
                condition: Condition::VersionEquals(stored.version),
            },
            release_reference_write(account_id, &stored.body.contact_id, &stored.sk()),
        ];
        match transact(table, writes).await? {
            Outcome::Done => return Ok(()),
            // Changed or deleted since read: the re-read decides (404, 409).
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

//! `DELETE /v1/quotes/{id}`: drafts only. One read and one transaction
//! (the quote with `VersionEquals`, and its contact reference, so the
//! contact may be deleted once nothing else names it). The number is not
//! given back: the counter never goes down.

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::QuoteAction;
use uome_domain::quote_state::check;

use super::record::Quote;
use crate::contacts::release_reference_write;
use crate::documents::load::load_at;
use crate::documents::{
    Document, MAX_ATTEMPTS, Viewer, too_much_contention, transition_refused, version_conflict,
};
use crate::error::CoreResult;
use crate::keys::{DocType, document_key};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};

/// Deletes a draft quote; `expected` (optional) is the version read.
pub async fn delete_quote(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    expected: Option<u64>,
) -> CoreResult<()> {
    for _ in 0..MAX_ATTEMPTS {
        let at = load_at::<Quote>(ports, account_id, id, Viewer::Business).await?;
        let quote = &at.document;
        if let Some(expected) = expected
            && expected != quote.version
        {
            return Err(version_conflict(quote.version));
        }
        check(
            quote.status,
            QuoteAction::Delete,
            at.today,
            quote.valid_until,
        )
        .map_err(transition_refused)?;
        let writes = vec![
            Write::Delete {
                key: document_key(account_id, DocType::Quote, &quote.id),
                condition: Condition::VersionEquals(quote.version),
            },
            release_reference_write(account_id, &quote.body.contact_id, &quote.sk()),
        ];
        match transact(ports.table.as_ref(), writes).await? {
            Outcome::Done => return Ok(()),
            // Changed since read: the re-read decides (404, 409 or retry).
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

//! `PUT /v1/quotes/{id}`: a full replace of the client's fields, while the
//! quote is a draft or sent (an expired one included: a new `valid_until`
//! revives it). One batch read (the draft's data plus the quote) and one
//! transaction (the quote with `VersionEquals`, and when the contact
//! changes, the old reference released and the new one checked and
//! written).

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::QuoteAction;
use uome_domain::quote_state::transition;

use super::QuoteAt;
use super::input::{QuoteInput, prepare};
use super::record::Quote;
use crate::contacts::{contact_busy, move_reference};
use crate::documents::{
    At, Document, MAX_ATTEMPTS, document_item, from_item, read_for_draft, too_much_contention,
    transition_refused, version_conflict,
};
use crate::error::{CoreError, CoreResult};
use crate::keys::{DocType, document_key};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};

/// Replaces the quote's fields. `expected` is the version the client read
/// (`If-Match` or `version`): another one is a 409 `version_conflict`.
/// Without it the write still never overwrites a change it did not see:
/// it re-reads and re-applies. An absent `issue_date` keeps the quote's.
pub async fn update_quote(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    mut input: QuoteInput,
    expected: Option<u64>,
) -> CoreResult<QuoteAt> {
    if id.trim().is_empty() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let key = document_key(account_id, DocType::Quote, id);
    for _ in 0..MAX_ATTEMPTS {
        let ctx = read_for_draft(
            table,
            account_id,
            DocType::Quote,
            &input.draft,
            vec![key.clone()],
        )
        .await?;
        let stored: Quote = from_item(ctx.fetched.get(&key).ok_or(CoreError::NotFound)?)?;
        if let Some(expected) = expected
            && expected != stored.version
        {
            return Err(version_conflict(stored.version));
        }
        let now = ports.clock.now();
        let today = ctx.today(now);
        let status = transition(stored.status, QuoteAction::Edit, today, stored.valid_until)
            .map_err(transition_refused)?;
        if input.draft.issue_date.is_none() {
            input.draft.issue_date = Some(stored.body.issue_date);
        }
        let (prepared, valid_until) = prepare(&ctx, input.clone(), today)?;
        let quote = Quote {
            status,
            body: prepared.body,
            valid_until,
            payment_terms_days: prepared.contact.as_ref().and_then(|c| c.payment_terms_days),
            updated_at: now,
            version: stored.version + 1,
            ..stored.clone()
        };
        let mut writes = vec![Write::Put {
            item: document_item(account_id, &quote, quote.version)?,
            condition: Condition::VersionEquals(stored.version),
        }];
        let (old_contact, new_contact) = (&stored.body.contact_id, &quote.body.contact_id);
        let lock_at = move_reference(
            &mut writes,
            account_id,
            old_contact,
            new_contact,
            &quote.sk(),
        );
        match transact(table, writes).await? {
            Outcome::Done => {
                return Ok(At {
                    document: quote,
                    today,
                });
            }
            Outcome::Failed(failed) if lock_at.is_some_and(|at| failed.contains(&at)) => {
                return Err(contact_busy());
            }
            // The quote changed (the re-read decides: 409 with a version,
            // else re-applied) or the new contact vanished (422 on re-read).
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

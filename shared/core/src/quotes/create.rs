//! Creating a quote: one batch read ([`read_for_draft`]: company, settings,
//! counter, contact, catalogue items) and one transaction (counter, quote,
//! the two contact checks, the contact reference). A lost race for the
//! number retries inside [`transact_numbered`]; a contact deleted in
//! between re-reads and answers the 422 of an unknown contact.

use super::QuoteAt;
use super::input::{QuoteInput, prepare};
use super::record::Quote;
use crate::contacts::{add_reference, contact_busy};
use crate::documents::{
    At, Document, MAX_ATTEMPTS, NumberedOutcome, document_item, read_for_draft,
    too_much_contention, transact_numbered,
};
use crate::error::{CoreError, CoreResult};
use crate::keys::{DocType, document_counter_key};
use crate::ports::{Condition, Ports, Write};
use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::QuoteStatus;

/// Position of the quote's put among the writes after the counter.
const QUOTE_PUT: usize = 0;

/// Creates a draft quote numbered `<quote_prefix><n>` (`QUO-0001`).
pub async fn create_quote(
    ports: &Ports,
    account_id: &AccountId,
    input: QuoteInput,
) -> CoreResult<QuoteAt> {
    let table = ports.table.as_ref();
    let id = DocumentId::from(ports.ids.new_id());
    let counter_key = document_counter_key(account_id, DocType::Quote);
    for _ in 0..MAX_ATTEMPTS {
        let ctx =
            read_for_draft(table, account_id, DocType::Quote, &input.draft, Vec::new()).await?;
        let now = ports.clock.now();
        let today = ctx.today(now);
        let (prepared, valid_until) = prepare(&ctx, input.clone(), today)?;
        let mut quote = Quote {
            id: id.clone(),
            number: String::new(),
            status: QuoteStatus::Draft,
            body: prepared.body,
            valid_until,
            payment_terms_days: prepared.contact.as_ref().and_then(|c| c.payment_terms_days),
            invoice_id: None,
            rejection_reason: None,
            sent_at: None,
            approved_at: None,
            rejected_at: None,
            last_reminded_at: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let numbering = &ctx.settings.numbering;
        let mut lock_at = usize::MAX;
        let outcome = transact_numbered(
            table,
            &counter_key,
            ctx.counter_item(),
            |n| numbering.format(&numbering.quote_prefix, n),
            |number| {
                let mut numbered = quote.clone();
                numbered.number = number.to_string();
                let mut writes = vec![Write::Put {
                    item: document_item(account_id, &numbered, 1)?,
                    condition: Condition::NotExists,
                }];
                let contact_id = &numbered.body.contact_id;
                lock_at = add_reference(&mut writes, account_id, contact_id, &numbered.sk());
                Ok(writes)
            },
        )
        .await?;
        match outcome {
            NumberedOutcome::Done { number, .. } => {
                quote.number = number;
                return Ok(At {
                    document: quote,
                    today,
                });
            }
            NumberedOutcome::Failed(failed) if failed.contains(&QUOTE_PUT) => {
                return Err(CoreError::internal("a new quote id is already taken"));
            }
            NumberedOutcome::Failed(failed) if failed.contains(&lock_at) => {
                return Err(contact_busy());
            }
            // The contact vanished since it was read: the re-read answers
            // the 422 of an unknown contact.
            NumberedOutcome::Failed(_) => continue,
        }
    }
    Err(too_much_contention())
}

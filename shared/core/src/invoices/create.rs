//! Creating an invoice: one batch read ([`read_for_draft`]: company,
//! settings, counter, contact, catalogue items, bank details) and one
//! transaction (counter, invoice, the two contact checks, the contact
//! reference and, for `status: issued`, the ledger's issue transaction).
//! A lost race for the number retries inside [`transact_numbered`]; a
//! contact deleted in between re-reads and answers the 422 of an unknown
//! contact.

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::FieldErrors;

use super::document::InvoiceAt;
use super::input::{InvoiceInput, draft_extra_keys, prepare};
use super::issue::{apply_issue, issue_writes};
use super::record::{Invoice, InvoiceSource};
use crate::contacts::{add_reference, contact_busy};
use crate::documents::{
    At, Document, MAX_ATTEMPTS, NumberedOutcome, document_item, read_for_draft,
    too_much_contention, transact_numbered,
};
use crate::dunning::DueContext;
use crate::error::{CoreError, CoreResult};
use crate::keys::{DocType, document_counter_key};
use crate::ports::{Condition, Ports, Write};

/// Positions of the writes after the counter.
const INVOICE_PUT: usize = 0;

/// What `status` on create asks for: `draft` (default) or `issued`; any
/// other value is a field error collected with the rest.
fn wants_issue(status: Option<&str>, errors: &mut FieldErrors) -> bool {
    match status.map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("draft") => false,
        Some("issued") => true,
        Some(_) => {
            errors.push("status", "must be draft or issued");
            false
        }
    }
}

/// Creates an invoice numbered `<invoice_prefix><n>` (`INV-0001`), a draft
/// or, with `status: issued`, issued with its ledger posting.
pub async fn create_invoice(
    ports: &Ports,
    account_id: &AccountId,
    input: InvoiceInput,
    status: Option<&str>,
) -> CoreResult<InvoiceAt> {
    let table = ports.table.as_ref();
    let id = DocumentId::from(ports.ids.new_id());
    let counter_key = document_counter_key(account_id, DocType::Invoice);
    for _ in 0..MAX_ATTEMPTS {
        let ctx = read_for_draft(
            table,
            account_id,
            DocType::Invoice,
            &input.draft,
            draft_extra_keys(account_id),
        )
        .await?;
        let now = ports.clock.now();
        let today = ctx.today(now);
        let mut errors = FieldErrors::new();
        let issue = wants_issue(status, &mut errors);
        let (prepared, terms) = prepare(&ctx, input.clone(), today, errors)?;
        let dunning_on = prepared
            .contact
            .as_ref()
            .is_none_or(|c| c.automatic_dunning);
        let due_ctx = DueContext::new(&ctx.settings, &ctx.company);
        let mut invoice = Invoice {
            delivery_date: terms.delivery_date,
            ..Invoice::new_draft(
                id.clone(),
                prepared.body,
                terms.due_date,
                InvoiceSource::Api,
                None,
                now,
            )
        };
        if issue {
            apply_issue(&mut invoice, now)?;
        }
        let numbering = &ctx.settings.numbering;
        let mut written = invoice.clone();
        let mut lock_at = usize::MAX;
        let outcome = transact_numbered(
            table,
            &counter_key,
            ctx.counter_item(),
            |n| numbering.format(&numbering.invoice_prefix, n),
            |number| {
                let mut numbered = invoice.clone();
                numbered.number = number.to_string();
                numbered.payment_instructions =
                    Some(terms.instructions(number, &numbered.id, numbered.body.currency()));
                let mut writes = vec![Write::Put {
                    item: document_item(account_id, &numbered, 1)?,
                    condition: Condition::NotExists,
                }];
                let contact_id = &numbered.body.contact_id;
                lock_at = add_reference(&mut writes, account_id, contact_id, &numbered.sk());
                if issue {
                    writes.extend(issue_writes(
                        ports, account_id, &numbered, dunning_on, &due_ctx, now,
                    )?);
                }
                written = numbered;
                Ok(writes)
            },
        )
        .await?;
        match outcome {
            NumberedOutcome::Done { .. } => {
                return Ok(At {
                    document: written,
                    today,
                });
            }
            NumberedOutcome::Failed(failed) if failed.contains(&INVOICE_PUT) => {
                return Err(CoreError::internal("a new invoice id is already taken"));
            }
            NumberedOutcome::Failed(failed) if failed.contains(&lock_at) => {
                return Err(contact_busy());
            }
            // The contact vanished since it was read (or a fresh ledger id
            // collided): the re-read answers the 422 of an unknown contact.
            NumberedOutcome::Failed(_) => continue,
        }
    }
    Err(too_much_contention())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_on_create() {
        let mut errors = FieldErrors::new();
        assert!(!wants_issue(None, &mut errors));
        assert!(!wants_issue(Some("draft"), &mut errors));
        assert!(wants_issue(Some(" issued "), &mut errors));
        assert!(errors.is_empty());
        assert!(!wants_issue(Some("paid"), &mut errors));
        assert_eq!(errors.len(), 1);
    }
}

//! `PUT /v1/invoices/{id}`: a full replace of a draft (issued invoices are
//! fixed: 409). One batch read (the draft's dependencies plus the invoice
//! itself) and one transaction (the invoice with `VersionEquals`, plus the
//! contact references when the contact changes). Number, source and
//! creation time are kept, and so is the issue date when the replace
//! leaves it out; other absent optional fields take their defaults again
//! (due date from the issue date, payment instructions from the account's
//! bank and the number).

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::FieldErrors;
use uome_domain::InvoiceAction;
use uome_domain::invoice_state::check;

use super::document::InvoiceAt;
use super::input::{InvoiceInput, draft_extra_keys, prepare};
use super::record::Invoice;
use crate::contacts::{contact_busy, move_reference};
use crate::documents::{
    At, Document, MAX_ATTEMPTS, document_item, from_item, read_for_draft, too_much_contention,
    transition_refused, version_conflict,
};
use crate::error::{CoreError, CoreResult};
use crate::keys::{DocType, document_key};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};

/// Replaces the draft `id`. `expected`: the version the client read
/// (`If-Match` or `version`); `None` replaces whatever is stored.
pub async fn update_invoice(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    input: InvoiceInput,
    expected: Option<u64>,
) -> CoreResult<InvoiceAt> {
    if id.trim().is_empty() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let invoice_key = document_key(account_id, DocType::Invoice, id);
    for _ in 0..MAX_ATTEMPTS {
        let mut extra = draft_extra_keys(account_id);
        extra.push(invoice_key.clone());
        let ctx = read_for_draft(table, account_id, DocType::Invoice, &input.draft, extra).await?;
        let stored = match ctx.fetched.get(&invoice_key) {
            Some(item) => from_item::<Invoice>(item)?,
            None => return Err(CoreError::NotFound),
        };
        if expected.is_some_and(|v| v != stored.version) {
            return Err(version_conflict(stored.version));
        }
        check(stored.status, InvoiceAction::Edit, stored.amount_paid)
            .map_err(transition_refused)?;
        let now = ports.clock.now();
        let today = ctx.today(now);
        let mut input = input.clone();
        // An absent issue date keeps the draft's: a replace that leaves it
        // out should not silently move the invoice to today.
        input.draft.issue_date = input.draft.issue_date.or(Some(stored.body.issue_date));
        let (prepared, terms) = prepare(&ctx, input, today, FieldErrors::new())?;
        let instructions = terms.instructions(&stored.number, &stored.id, prepared.body.currency());
        let replaced = Invoice {
            body: prepared.body,
            due_date: terms.due_date,
            delivery_date: terms.delivery_date,
            payment_instructions: Some(instructions),
            updated_at: now,
            version: stored.version + 1,
            ..stored.clone()
        };
        let mut writes = vec![Write::Put {
            item: document_item(account_id, &replaced, replaced.version)?,
            condition: Condition::VersionEquals(stored.version),
        }];
        let (old_contact, new_contact) = (&stored.body.contact_id, &replaced.body.contact_id);
        let lock_at = move_reference(
            &mut writes,
            account_id,
            old_contact,
            new_contact,
            &replaced.sk(),
        );
        match transact(table, writes).await? {
            Outcome::Done => {
                return Ok(At {
                    document: replaced,
                    today,
                });
            }
            Outcome::Failed(failed) if lock_at.is_some_and(|at| failed.contains(&at)) => {
                return Err(contact_busy());
            }
            // The invoice changed since read (the re-read answers the
            // version conflict, or re-applies a replace without one), or
            // the new contact vanished (the re-read answers its 422).
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

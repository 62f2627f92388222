//! `POST /v1/credit-notes/{id}/refund`: pays open credit back. One
//! transaction: the credit note (its refund added) on the version read and
//! the ledger's refund (Dr 1100 / Cr 1000). Two refunds racing: the loser
//! re-reads and is judged on the credit still open, so refunds never add
//! up to more than the credit.

use chrono::NaiveDate;
use uome_domain::credit::check_use_of_credit;
use uome_domain::ledger::refund_postings;
use uome_domain::{AccountId, Decimal, DocumentId, DomainError};

use super::document::CreditNoteAt;
use super::record::{CreditNote, MAX_REFUNDS, Refund};
use crate::documents::load::load_at;
use crate::documents::{At, MAX_ATTEMPTS, Viewer, document_item, too_much_contention};
use crate::error::{CoreError, CoreResult};
use crate::invoices::payments::check_method_and_reference;
use crate::ledger::{LedgerRecord, ledger_write};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};

/// What a client asks to pay back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefundInput {
    /// Default: all the open credit.
    pub amount: Option<Decimal>,
    /// Required: how the money went back.
    pub method: String,
    /// Default today; not before the credit note, not in the future.
    pub date: Option<NaiveDate>,
    pub reference: Option<String>,
}

/// Refunds open credit of the credit note `id`: 404 unknown; 422 for every
/// bad field (`amount` over the open credit or ≤ 0, `method`, `date`).
pub async fn refund_credit(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    input: RefundInput,
) -> CoreResult<CreditNoteAt> {
    let table = ports.table.as_ref();
    let refund_id = ports.ids.new_id().to_string();
    let ledger_id = ports.ids.new_id().to_string();
    for _ in 0..MAX_ATTEMPTS {
        let at = load_at::<CreditNote>(ports, account_id, id, Viewer::Business).await?;
        let note = at.document;
        let currency = note.body.currency();
        let checked = check_method_and_reference(&input.method, input.reference.as_deref());
        let (method, reference, mut errors) = (checked.method, checked.reference, checked.errors);
        let date = input.date.unwrap_or(at.today);
        if date < note.body.issue_date {
            errors.push(
                "date",
                format!(
                    "must not be before the credit note's date ({})",
                    note.body.issue_date
                ),
            );
        } else if date > at.today {
            errors.push(
                "date",
                format!("must not be in the future (today is {})", at.today),
            );
        }
        let open = note.open_credit();
        let amount = match check_use_of_credit(input.amount, open, open, None, currency) {
            Ok(amount) => Some(amount),
            Err(DomainError::Validation(found)) => {
                errors.extend(found);
                None
            }
            Err(other) => return Err(other.into()),
        };
        errors.into_result()?;
        let (Some(amount), Some(method)) = (amount, method) else {
            return Err(CoreError::internal("refund checks passed without a value"));
        };
        if note.refunds.len() >= MAX_REFUNDS {
            return Err(CoreError::conflict(
                "too_many_refunds",
                format!("A credit note takes at most {MAX_REFUNDS} refunds."),
            ));
        }
        let now = ports.clock.now();
        let mut after = note.clone();
        after.refunded += amount;
        after.refunds.push(Refund {
            id: refund_id.clone(),
            amount,
            date,
            method,
            reference,
            ledger_id: ledger_id.clone(),
            created_at: now,
        });
        after.updated_at = now;
        after.version = note.version + 1;
        let transaction = refund_postings(amount, currency)
            .map_err(|e| CoreError::internal(format!("refund postings: {e}")))?;
        let writes = vec![
            Write::Put {
                item: document_item(account_id, &after, after.version)?,
                condition: Condition::VersionEquals(note.version),
            },
            ledger_write(
                account_id,
                &LedgerRecord {
                    id: ledger_id.clone(),
                    date,
                    description: format!("Refund of credit note {}", note.number),
                    document_id: Some(note.id.to_string()),
                    document_number: Some(note.number.clone()),
                    transaction,
                    created_at: now,
                },
            )?,
        ];
        match transact(table, writes).await? {
            Outcome::Done => {
                return Ok(At {
                    document: after,
                    today: at.today,
                });
            }
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

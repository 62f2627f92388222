//! Cancelling an invoice (API.md §7): status `cancelled` with a reason,
//! and — when it was issued — the exact reversal of its issue posting,
//! in the same transaction as the status change.
//!
//! Refused with 409 `payments_exist` once any payment stands (a payment
//! cannot be undone here) and `invoice_cancelled` when already cancelled.
//! A draft, or a zero-total invoice (paid at issue without any payment),
//! cancels without postings: it never posted anything.

use chrono::{DateTime, NaiveDate, Utc};
use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::ledger::{TransactionKind, reversal};
use uome_domain::validation::check_text;
use uome_domain::{FieldErrors, InvoiceAction, InvoiceStatus, invoice_state};

use crate::documents::{MAX_ATTEMPTS, too_much_contention, transition_refused};
use crate::error::{CoreError, CoreResult};
use crate::ledger::{LedgerRecord, for_document, ledger_write};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};

use super::payments::read_invoice_and_company;
use super::record::{Invoice, issue_ledger_record};
use crate::documents::document_item;
use crate::dunning::settled_entry_write;

/// The reason: required, trimmed, at most 2,000 characters (422 on
/// `reason` otherwise).
pub(crate) fn check_reason(reason: Option<String>) -> CoreResult<String> {
    let mut errors = FieldErrors::new();
    let reason = reason.map(|r| r.trim().to_string()).unwrap_or_default();
    if reason.is_empty() {
        errors.push("reason", "is required");
    } else {
        errors.check("reason", check_text(&reason));
    }
    errors.into_result()?;
    Ok(reason)
}

/// A cancelled invoice and "today" in the account's time zone (the date
/// of its reversal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cancelled {
    pub invoice: Invoice,
    pub today: NaiveDate,
}

/// Cancels the invoice: 422 without a reason, 404 unknown, 409
/// `payments_exist` / `invoice_cancelled`. Answers the cancelled invoice.
pub async fn cancel(
    ports: &Ports,
    account_id: &AccountId,
    invoice_id: &DocumentId,
    reason: Option<String>,
) -> CoreResult<Cancelled> {
    let reason = check_reason(reason)?;
    let table = ports.table.as_ref();
    // Ledger ids stay the same across attempts: a lost attempt wrote nothing.
    let mut ledger_ids: Vec<String> = Vec::new();
    for _ in 0..MAX_ATTEMPTS {
        // The invoice (+ company for "today") and its ledger rows side by
        // side: one round trip. Both are read again after a lost race, so
        // an issue that slipped in between is reversed too.
        let (read, posted) = tokio::join!(
            read_invoice_and_company(table, account_id, invoice_id),
            for_document(ports, account_id, invoice_id)
        );
        let (invoice, company) = read?;
        let posted = posted?;
        invoice_state::check(invoice.status, InvoiceAction::Cancel, invoice.amount_paid)
            .map_err(transition_refused)?;
        invoice_state::check_no_credit(
            invoice.status,
            InvoiceAction::Cancel,
            invoice.credit.credited_amount,
        )
        .map_err(transition_refused)?;
        let now = ports.clock.now();
        let today = company.today(now);
        let reversals = reversals(&invoice, &posted, today, now, |i| {
            while ledger_ids.len() <= i {
                ledger_ids.push(ports.ids.new_id().to_string());
            }
            ledger_ids[i].clone()
        })?;
        let mut cancelled = invoice.clone();
        cancelled.status = InvoiceStatus::Cancelled;
        cancelled.cancelled_at = Some(now);
        cancelled.cancel_reason = Some(reason.clone());
        cancelled.updated_at = now;
        let mut writes = vec![Write::Put {
            item: document_item(account_id, &cancelled, invoice.version + 1)?,
            condition: Condition::VersionEquals(invoice.version),
        }];
        for record in &reversals {
            writes.push(ledger_write(account_id, record)?);
        }
        writes.push(settled_entry_write(account_id, &invoice.id));
        match transact(table, writes).await? {
            Outcome::Done => {
                cancelled.version = invoice.version + 1;
                return Ok(Cancelled {
                    invoice: cancelled,
                    today,
                });
            }
            Outcome::Failed(positions) if positions.iter().any(|&p| p != 0) => {
                return Err(CoreError::internal(format!(
                    "cancel transaction failed at {positions:?}"
                )));
            }
            // The invoice changed since it was read: read both again.
            Outcome::Failed(_) | Outcome::Busy => {}
        }
    }
    Err(too_much_contention())
}

/// The reversing transactions a cancel posts, dated `today`: the exact
/// reversal of every stored issue transaction of the invoice. An invoice
/// that is posted (issued at some point) but whose issue row is missing —
/// data written before the ledger existed, say — gets the reversal of the
/// issue posting re-derived from its totals, so the books still net to
/// zero. A draft posts nothing.
fn reversals(
    invoice: &Invoice,
    posted: &[LedgerRecord],
    today: NaiveDate,
    now: DateTime<Utc>,
    mut ledger_id: impl FnMut(usize) -> String,
) -> CoreResult<Vec<LedgerRecord>> {
    if !invoice.status.is_posted() {
        return Ok(Vec::new());
    }
    let mut issues: Vec<LedgerRecord> = posted
        .iter()
        .filter(|r| r.transaction.kind() == TransactionKind::Issue)
        .cloned()
        .collect();
    if issues.is_empty() {
        // `None` for a zero invoice: nothing was posted, nothing to reverse.
        issues.extend(issue_ledger_record(invoice, String::new(), now)?);
    }
    Ok(issues
        .iter()
        .enumerate()
        .map(|(i, issue)| LedgerRecord {
            id: ledger_id(i),
            date: today,
            description: format!("Invoice {} cancelled", invoice.number),
            document_id: Some(invoice.id.to_string()),
            document_number: Some(invoice.number.clone()),
            transaction: reversal(&issue.transaction),
            created_at: now,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_bounded() {
        let field = |r: Option<String>| match check_reason(r) {
            Err(CoreError::Domain(e)) => e.field_errors()[0].clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(None).message, "is required");
        assert_eq!(field(Some("  ".into())).field, "reason");
        assert_eq!(
            field(Some("x".repeat(2001))).message,
            "must be at most 2000 characters"
        );
        assert_eq!(check_reason(Some(" dup ".into())).unwrap(), "dup");
        assert!(check_reason(Some("x".repeat(2000))).is_ok());
    }
}

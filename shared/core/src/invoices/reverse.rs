//! `POST /v1/invoices/{id}/payments/{payment_id}/reverse` (API.md §7b): a
//! wrong payment stands reversed. One transaction: the payment (marked
//! reversed) and the invoice (paid that much less, its status restored)
//! each on the version read, the payment's exact reverse posting, the
//! reminders entry again while money is owed, and, for credit a credit
//! note applied, that credit note's credit open again. A second reverse
//! is a 409 `payment_reversed`; an invoice with credit notes refuses it
//! (`credit_notes_exist`): their credit already counts the payment.

use chrono::NaiveDate;
use uome_domain::invoice_state::{check, check_no_credit, check_not_reversed};
use uome_domain::ledger::{credit_applied_postings, payment_postings, reversal};
use uome_domain::{AccountId, DocumentId, InvoiceAction, LedgerTransaction};

use super::cancel::check_reason;
use super::issue::Filing;
use super::payments::{Payment, PaymentMethod, payment_item};
use super::record::Invoice;
use crate::account::company::Company;
use crate::credit_notes::CreditNote;
use crate::documents::{
    MAX_ATTEMPTS, document_item, from_item, too_much_contention, transition_refused,
};
use crate::dunning::issued_entry_write;
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{DocType, company_key, document_key, payment_key};
use crate::ledger::{LedgerRecord, ledger_write};
use crate::ports::{Condition, Ports, Write};
use crate::stored::parse_or_default;
use crate::transact::{Outcome, transact};

/// A reversed payment and the invoice after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reversed {
    pub payment: Payment,
    pub invoice: Invoice,
    pub today: NaiveDate,
}

/// The posting the payment made.
fn posting_of(payment: &Payment) -> CoreResult<LedgerTransaction> {
    let posted = match payment.method {
        PaymentMethod::CreditNote => credit_applied_postings(payment.amount, payment.currency),
        _ => payment_postings(payment.amount, payment.currency),
    };
    posted.map_err(|e| CoreError::internal(format!("payment postings: {e}")))
}

pub async fn reverse_payment(
    ports: &Ports,
    account_id: &AccountId,
    invoice_id: &DocumentId,
    payment_id: &str,
    reason: Option<String>,
) -> CoreResult<Reversed> {
    if uuid::Uuid::try_parse(invoice_id).is_err() || uuid::Uuid::try_parse(payment_id).is_err() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let invoice_key = document_key(account_id, DocType::Invoice, invoice_id);
    let payment_key = payment_key(account_id, invoice_id, payment_id);
    let ledger_id = ports.ids.new_id().to_string();
    for _ in 0..MAX_ATTEMPTS {
        let fetched = Fetched::read(
            table,
            vec![
                invoice_key.clone(),
                payment_key.clone(),
                company_key(account_id),
            ],
        )
        .await?;
        let invoice: Invoice = from_item(fetched.get(&invoice_key).ok_or(CoreError::NotFound)?)?;
        let payment_item_read = fetched.get(&payment_key).ok_or(CoreError::NotFound)?;
        let payment: Payment = payment_item_read.parse()?;
        let company: Company = parse_or_default(fetched.get(&company_key(account_id)))?;
        let reason = check_reason(reason.clone())?;
        check_not_reversed(!payment.stands()).map_err(transition_refused)?;
        check(
            invoice.status,
            InvoiceAction::ReversePayment,
            invoice.amount_paid,
        )
        .map_err(transition_refused)?;
        check_no_credit(
            invoice.status,
            InvoiceAction::ReversePayment,
            invoice.credit.credited_amount,
        )
        .map_err(transition_refused)?;

        let now = ports.clock.now();
        let today = company.today(now);
        let mut after = invoice.clone();
        after.amount_paid -= payment.amount;
        after.status = after.settled_status();
        if after.status.is_open() {
            after.paid_at = None;
        }
        after.updated_at = now;
        after.version = invoice.version + 1;
        let mut reversed = payment.clone();
        reversed.reversed_at = Some(now);
        reversed.reversal_reason = Some(reason.clone());
        reversed.reversal_ledger_id = Some(ledger_id.clone());

        let mut writes = vec![
            Write::Put {
                item: document_item(account_id, &after, after.version)?,
                condition: Condition::VersionEquals(invoice.version),
            },
            Write::Put {
                item: payment_item(account_id, &reversed, payment_item_read.version + 1)?,
                condition: Condition::VersionEquals(payment_item_read.version),
            },
            ledger_write(
                account_id,
                &LedgerRecord {
                    id: ledger_id.clone(),
                    date: today.max(payment.date),
                    description: format!("Payment of {} reversed: {reason}", invoice.number),
                    document_id: Some(invoice.id.to_string()),
                    document_number: Some(invoice.number.clone()),
                    transaction: reversal(&posting_of(&payment)?),
                    created_at: now,
                },
            )?,
        ];
        if let Some(note_id) = payment.credit_note_id.as_deref() {
            let key = document_key(account_id, DocType::CreditNote, &DocumentId::from(note_id));
            let item = table
                .get(&key)
                .await?
                .ok_or_else(|| CoreError::internal("an applied credit note is gone"))?;
            let mut note: CreditNote = from_item(&item)?;
            note.applied -= payment.amount;
            note.updated_at = now;
            writes.push(Write::Put {
                item: document_item(account_id, &note, item.version + 1)?,
                condition: Condition::VersionEquals(item.version),
            });
        }
        if after.status.is_open() {
            let filing = Filing::read(ports, account_id, &after.body.contact_id).await?;
            writes.extend(issued_entry_write(
                account_id,
                &after,
                filing.automatic_dunning,
                &filing.ctx,
            )?);
        }
        match transact(table, writes).await? {
            Outcome::Done => {
                return Ok(Reversed {
                    payment: reversed,
                    invoice: after,
                    today,
                });
            }
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

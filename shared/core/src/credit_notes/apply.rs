//! `POST /v1/credit-notes/{id}/apply`: open credit settles another issued
//! invoice of the same contact and currency. One transaction: the credit
//! note (`applied` up) and the invoice (paid more, its status) each on the
//! version read, the payment (`method: credit_note`) and the ledger's
//! Dr 1100 / Cr 1100. Racing applications are each judged again on the
//! credit still open and what the invoice still owes.

use uome_domain::credit::check_use_of_credit;
use uome_domain::invoice_state::check;
use uome_domain::ledger::credit_applied_postings;
use uome_domain::{AccountId, Decimal, DocumentId, DomainError, FieldError, InvoiceAction};

use super::document::CreditNoteAt;
use super::record::CreditNote;
use crate::account::company::Company;
use crate::documents::{
    At, MAX_ATTEMPTS, document_item, from_item, too_much_contention, transition_refused,
};
use crate::dunning::settled_entry_write;
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::invoices::Invoice;
use crate::invoices::payments::{Payment, PaymentMethod, payment_item};
use crate::keys::{DocType, company_key, document_key};
use crate::ledger::{LedgerRecord, ledger_write};
use crate::ports::{Condition, Ports, Write};
use crate::stored::parse_or_default;
use crate::transact::{Outcome, transact};

/// Which invoice to settle, and how much (default: as much as both allow).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApplyInput {
    pub invoice_id: String,
    pub amount: Option<Decimal>,
}

/// What an application wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditApplied {
    pub credit_note: CreditNoteAt,
    pub payment: Payment,
    pub invoice: Invoice,
}

fn field(field: &str, message: impl Into<String>) -> CoreError {
    CoreError::Validation(vec![FieldError::new(field, message)])
}

/// Applies open credit of the credit note `id` to another invoice: 404
/// unknown credit note; 422 on `invoice_id` (unknown, another contact's,
/// another currency) or `amount`; 409 when that invoice takes no payments.
pub async fn apply_credit(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    input: ApplyInput,
) -> CoreResult<CreditApplied> {
    if uuid::Uuid::try_parse(id).is_err() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let target_id = DocumentId::from(input.invoice_id.trim());
    let note_key = document_key(account_id, DocType::CreditNote, id);
    let payment_id = ports.ids.new_id().to_string();
    let ledger_id = ports.ids.new_id().to_string();
    for _ in 0..MAX_ATTEMPTS {
        let mut keys = vec![note_key.clone(), company_key(account_id)];
        let target_key = uuid::Uuid::try_parse(&target_id)
            .ok()
            .map(|_| document_key(account_id, DocType::Invoice, &target_id));
        keys.extend(target_key.clone());
        let fetched = Fetched::read(table, keys).await?;
        let note: CreditNote = from_item(fetched.get(&note_key).ok_or(CoreError::NotFound)?)?;
        let company: Company = parse_or_default(fetched.get(&company_key(account_id)))?;
        let Some(item) = target_key.as_ref().and_then(|k| fetched.get(k)) else {
            return Err(field("invoice_id", "no such invoice"));
        };
        let invoice: Invoice = from_item(item)?;
        if invoice.body.contact_id != note.body.contact_id {
            return Err(field(
                "invoice_id",
                "belongs to another contact than the credit note",
            ));
        }
        let currency = note.body.currency();
        if invoice.body.currency() != currency {
            return Err(field(
                "invoice_id",
                format!(
                    "is in {}, the credit in {currency}",
                    invoice.body.currency()
                ),
            ));
        }
        check(invoice.status, InvoiceAction::Pay, invoice.amount_paid)
            .map_err(transition_refused)?;
        let due = invoice.amount_due()?;
        let open = note.open_credit();
        let amount =
            match check_use_of_credit(input.amount, open.min(due), open, Some(due), currency) {
                Ok(amount) => amount,
                Err(DomainError::Validation(errors)) => return Err(CoreError::Validation(errors)),
                Err(other) => return Err(other.into()),
            };

        let now = ports.clock.now();
        let today = company.today(now);
        let payment = Payment {
            id: payment_id.clone(),
            invoice_id: invoice.id.to_string(),
            amount,
            currency,
            date: today.max(invoice.body.issue_date),
            method: PaymentMethod::CreditNote,
            reference: Some(note.number.clone()),
            ledger_id: ledger_id.clone(),
            created_at: now,
            contact_id: Some(invoice.body.contact_id.to_string()),
            invoice_number: Some(invoice.number.clone()),
            credit_note_id: Some(note.id.to_string()),
            reversed_at: None,
            reversal_reason: None,
            reversal_ledger_id: None,
        };
        let mut paid = invoice.clone();
        paid.amount_paid += amount;
        paid.payment_count += 1;
        paid.status = paid.settled_status();
        if !paid.status.is_open() && paid.paid_at.is_none() {
            paid.paid_at = Some(now);
        }
        paid.updated_at = now;
        paid.version = invoice.version + 1;
        let mut used = note.clone();
        used.applied += amount;
        used.updated_at = now;
        used.version = note.version + 1;
        let transaction = credit_applied_postings(amount, currency)
            .map_err(|e| CoreError::internal(format!("credit postings: {e}")))?;
        let mut writes = vec![
            Write::Put {
                item: document_item(account_id, &used, used.version)?,
                condition: Condition::VersionEquals(note.version),
            },
            Write::Put {
                item: document_item(account_id, &paid, paid.version)?,
                condition: Condition::VersionEquals(invoice.version),
            },
            Write::Put {
                item: payment_item(account_id, &payment, 1)?,
                condition: Condition::NotExists,
            },
            ledger_write(
                account_id,
                &LedgerRecord {
                    id: ledger_id.clone(),
                    date: payment.date,
                    description: format!(
                        "Credit note {} applied to invoice {}",
                        note.number, invoice.number
                    ),
                    document_id: Some(invoice.id.to_string()),
                    document_number: Some(invoice.number.clone()),
                    transaction,
                    created_at: now,
                },
            )?,
        ];
        if !paid.status.is_open() {
            writes.push(settled_entry_write(account_id, &invoice.id));
        }
        match transact(table, writes).await? {
            Outcome::Done => {
                return Ok(CreditApplied {
                    credit_note: At {
                        document: used,
                        today,
                    },
                    payment,
                    invoice: paid,
                });
            }
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

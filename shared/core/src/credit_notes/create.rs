//! `POST /v1/invoices/{id}/credit-notes`: one batch read (the invoice, the
//! company, the settings, the credit-note counter) and one transaction:
//! the counter, the invoice (what is credited, its amount due and status)
//! on the version read, the credit note, its contact reference, the ledger's
//! credit posting (Dr 4000 / Dr 2200 / Cr 1100) and, when the invoice is
//! settled by it, its reminders entry out. Ten credit notes racing for the
//! same line: each loser re-reads the invoice and is judged on what is left,
//! so a line is never credited past its quantity.

use chrono::{DateTime, NaiveDate, Utc};
use uome_domain::credit::{CreditLine, credit_lines, last_credit_totals, split_credit};
use uome_domain::invoice_state::check;
use uome_domain::ledger::credit_postings;
use uome_domain::{
    AccountId, DocumentId, DocumentInput, DomainError, FieldErrors, InvoiceAction, compute_totals,
    format_amount,
};

use super::document::CreditNoteAt;
use super::record::CreditNote;
use crate::account::company::Company;
use crate::account::settings::Settings;
use crate::contacts::{add_reference, contact_busy};
use crate::documents::text::{MAX_LONG_CHARS, optional_text};
use crate::documents::{
    At, Document, DocumentBody, MAX_ATTEMPTS, NumberedOutcome, document_item, from_item,
    too_much_contention, transact_numbered, transition_refused,
};
use crate::dunning::settled_entry_write;
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::invoices::Invoice;
use crate::keys::{DocType, company_key, document_counter_key, document_key, settings_key};
use crate::ledger::{LedgerRecord, ledger_write};
use crate::ports::{Condition, Key, Ports, Write};
use crate::stored::parse_or_default;

/// What a client asks to credit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreditNoteInput {
    /// Required.
    pub reason: Option<String>,
    /// `None`: every line still uncredited, at what is left of it.
    pub lines: Option<Vec<CreditLine>>,
    /// Default today; not before the invoice's issue date.
    pub issue_date: Option<NaiveDate>,
}

/// Positions of the writes after the counter.
const INVOICE_PUT: usize = 0;

/// What a caller adds to a credit note's one transaction: the POS pays the
/// credit back at once (`pos::refund`). Its keys are read in the credit
/// note's batch read; once the note is numbered, [`CreditExtras::complete`]
/// may change it (its refund) and answers the writes to add. A failed
/// condition on an added write re-reads everything and decides again.
pub(crate) trait CreditExtras: Sync {
    /// More keys for the batch read.
    fn keys(&self) -> Vec<Key>;
    /// Checks what was read before anything is decided (404, 409, 422).
    fn check(&self, fetched: &Fetched, invoice: &Invoice) -> CoreResult<()>;
    /// Completes the numbered note and answers the writes to add.
    fn complete(
        &self,
        fetched: &Fetched,
        note: &mut CreditNote,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Write>>;
}

/// A credit note and nothing more.
struct NoExtras;

impl CreditExtras for NoExtras {
    fn keys(&self) -> Vec<Key> {
        Vec::new()
    }
    fn check(&self, _: &Fetched, _: &Invoice) -> CoreResult<()> {
        Ok(())
    }
    fn complete(
        &self,
        _: &Fetched,
        _: &mut CreditNote,
        _: NaiveDate,
        _: DateTime<Utc>,
    ) -> CoreResult<Vec<Write>> {
        Ok(Vec::new())
    }
}

/// Credits the invoice `invoice_id`. Refusals: 404 unknown invoice; 409
/// `invoice_not_issued`, `invoice_cancelled`, `invoice_credited`; 422 for
/// every bad field (`reason`, `issue_date`, `lines[i].…`, or crediting more
/// than was invoiced).
pub async fn credit_invoice(
    ports: &Ports,
    account_id: &AccountId,
    invoice_id: &DocumentId,
    input: CreditNoteInput,
) -> CoreResult<CreditNoteAt> {
    credit_invoice_with(ports, account_id, invoice_id, input, &NoExtras).await
}

/// [`credit_invoice`] with `extras` in its transaction.
pub(crate) async fn credit_invoice_with(
    ports: &Ports,
    account_id: &AccountId,
    invoice_id: &DocumentId,
    input: CreditNoteInput,
    extras: &dyn CreditExtras,
) -> CoreResult<CreditNoteAt> {
    if uuid::Uuid::try_parse(invoice_id).is_err() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let id = DocumentId::from(ports.ids.new_id());
    let ledger_id = ports.ids.new_id().to_string();
    let invoice_key = document_key(account_id, DocType::Invoice, invoice_id);
    let counter_key = document_counter_key(account_id, DocType::CreditNote);
    for _ in 0..MAX_ATTEMPTS {
        let mut keys = vec![
            invoice_key.clone(),
            company_key(account_id),
            settings_key(account_id),
            counter_key.clone(),
        ];
        keys.extend(extras.keys());
        let fetched = Fetched::read(table, keys).await?;
        let invoice: Invoice = from_item(fetched.get(&invoice_key).ok_or(CoreError::NotFound)?)?;
        extras.check(&fetched, &invoice)?;
        let company: Company = parse_or_default(fetched.get(&company_key(account_id)))?;
        let settings: Settings = parse_or_default(fetched.get(&settings_key(account_id)))?;
        check(invoice.status, InvoiceAction::Credit, invoice.amount_paid)
            .map_err(transition_refused)?;

        let now = ports.clock.now();
        let today = company.today(now);
        let mut errors = FieldErrors::new();
        let reason = optional_text("reason", input.reason.clone(), MAX_LONG_CHARS, &mut errors);
        // `optional_text` answers `None` only for a blank reason.
        if reason.is_none() {
            errors.push("reason", "is required");
        }
        let issue_date = input.issue_date.unwrap_or(today);
        if issue_date < invoice.body.issue_date {
            errors.push(
                "issue_date",
                format!(
                    "must not be before the invoice's issue date ({})",
                    invoice.body.issue_date
                ),
            );
        }
        let credited = match credit_lines(
            &invoice.body.input.lines,
            &invoice.credit.by_line(),
            input.lines.as_deref(),
        ) {
            Ok(credited) => Some(credited),
            Err(DomainError::Validation(found)) => {
                errors.extend(found);
                None
            }
            Err(other) => return Err(other.into()),
        };
        errors.clone().into_result()?;
        let (Some(reason), Some(credited)) = (reason, credited) else {
            return Err(CoreError::internal("credit checks passed without a value"));
        };

        let currency = invoice.body.currency();
        let document = DocumentInput {
            lines: credited.lines,
            cash_discounts: Vec::new(),
            ..invoice.body.input.clone()
        };
        let mut totals = compute_totals(&document)?;
        if credited.complete {
            // Partial credits were each rounded on their own: the last one
            // takes exactly what they left, so together they are the
            // invoice to the minor unit.
            totals = last_credit_totals(
                &invoice.body.totals,
                &invoice.credit.totals,
                totals,
                document.prices_include_tax,
            );
        }
        let credited_amount = invoice.credit.credited_amount + totals.total;
        if credited_amount > invoice.body.total() {
            return Err(CoreError::invalid_field(
                "lines",
                format!(
                    "would credit {} {currency}, more than is left to credit ({} {currency})",
                    format_amount(totals.total, currency),
                    format_amount(
                        invoice.body.total() - invoice.credit.credited_amount,
                        currency
                    )
                ),
            ));
        }
        let split = split_credit(totals.total, invoice.amount_due()?);

        let mut after = invoice.clone();
        after.credit.credited_amount = credited_amount;
        after.credit.credited_to_due += split.to_due;
        after.credit.credit_note_ids.push(id.to_string());
        after.credit.set_lines(&credited.credited);
        after.credit.complete = credited.complete;
        after.credit.totals.add(&totals);
        after.status = after.settled_status();
        after.updated_at = now;
        after.version = invoice.version + 1;

        let note = CreditNote {
            id: id.clone(),
            number: String::new(),
            body: DocumentBody {
                issue_date,
                reference: Some(format!("Invoice {}", invoice.number)),
                notes: Some(reason.clone()),
                input: document,
                totals,
                attachment_ids: Vec::new(),
                ..invoice.body.clone()
            },
            invoice_id: invoice.id.clone(),
            invoice_number: invoice.number.clone(),
            reason,
            credited_to_due: split.to_due,
            excess: split.excess,
            refunded: uome_domain::Decimal::ZERO,
            applied: uome_domain::Decimal::ZERO,
            refunds: Vec::new(),
            sent_at: None,
            last_reminded_at: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let numbering = &settings.numbering;
        let mut written = note.clone();
        let mut lock_at = usize::MAX;
        let mut extras_from = usize::MAX;
        let outcome = transact_numbered(
            table,
            &counter_key,
            fetched.get(&counter_key).cloned(),
            |n| numbering.format(&numbering.credit_note_prefix, n),
            |number| {
                let mut numbered = note.clone();
                numbered.number = number.to_string();
                let added = extras.complete(&fetched, &mut numbered, today, now)?;
                let mut writes = vec![
                    Write::Put {
                        item: document_item(account_id, &after, after.version)?,
                        condition: Condition::VersionEquals(invoice.version),
                    },
                    Write::Put {
                        item: document_item(account_id, &numbered, 1)?,
                        condition: Condition::NotExists,
                    },
                ];
                lock_at = add_reference(
                    &mut writes,
                    account_id,
                    &numbered.body.contact_id,
                    &numbered.sk(),
                );
                let transaction =
                    credit_postings(numbered.body.total(), numbered.body.tax_amount(), currency)
                        .map_err(|e| CoreError::internal(format!("credit postings: {e}")))?;
                if !transaction.is_empty() {
                    writes.push(ledger_write(
                        account_id,
                        &LedgerRecord {
                            id: ledger_id.clone(),
                            date: issue_date,
                            description: format!(
                                "Credit note {number} for invoice {}",
                                invoice.number
                            ),
                            document_id: Some(numbered.id.to_string()),
                            document_number: Some(number.to_string()),
                            transaction,
                            created_at: now,
                        },
                    )?);
                }
                if !after.status.is_open() {
                    writes.push(settled_entry_write(account_id, &invoice.id));
                }
                extras_from = writes.len();
                writes.extend(added);
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
            NumberedOutcome::Failed(failed) if failed.contains(&lock_at) => {
                return Err(contact_busy());
            }
            // The invoice changed since it was read (another credit note,
            // a payment): read again and judge again.
            NumberedOutcome::Failed(failed)
                if failed.contains(&INVOICE_PUT)
                    || failed.is_empty()
                    || failed.iter().any(|&at| at >= extras_from) =>
            {
                continue;
            }
            NumberedOutcome::Failed(failed) => {
                return Err(CoreError::internal(format!(
                    "credit note transaction failed at {failed:?}"
                )));
            }
        }
    }
    Err(too_much_contention())
}

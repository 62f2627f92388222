//! An invoice made from another document — an approved quote (a draft), an
//! approved order (issued) — written in **one** transaction with that
//! document's new state: the invoice counter, the source on the version
//! read, the invoice, its contact reference and, when it is issued, its
//! ledger posting and reminders entry. So there is never an approved
//! source without its invoice, nor two invoices for one approval.

use chrono::{DateTime, Days, NaiveDate, Utc};
use uome_domain::{AccountId, DocumentId};

use super::issue::{apply_issue, issue_writes};
use super::record::{Invoice, InvoiceSource, PaymentInstructions};
use crate::account::settings::Settings;
use crate::contacts::{add_reference, contact_busy};
use crate::documents::{Document, DocumentBody, NumberedOutcome, document_item, transact_numbered};
use crate::dunning::DueContext;
use crate::error::{CoreError, CoreResult};
use crate::keys::{DocType, document_counter_key};
use crate::ports::{Condition, Item, Ports, Write};

/// A new invoice of `source`'s body, issued today and due after
/// `terms_days`, a draft still.
pub(crate) fn invoice_of(
    body: &DocumentBody,
    invoice_id: &DocumentId,
    source: (InvoiceSource, &DocumentId),
    today: NaiveDate,
    terms_days: u32,
    now: DateTime<Utc>,
) -> CoreResult<Invoice> {
    let due_date = today
        .checked_add_days(Days::new(u64::from(terms_days)))
        .and_then(uome_domain::date::in_range)
        .ok_or_else(|| {
            CoreError::invalid_field(
                "due_date",
                "today plus the payment terms is past 9999-12-31",
            )
        })?;
    Ok(Invoice::new_draft(
        invoice_id.clone(),
        DocumentBody {
            issue_date: today,
            ..body.clone()
        },
        due_date,
        source.0,
        Some(source.1.to_string()),
        now,
    ))
}

/// Issue it too: the reminders' context and whether the contact is dunned,
/// and the account's IBAN for the payment instructions.
pub(crate) struct Issuing<'a> {
    pub due_ctx: &'a DueContext,
    pub automatic_dunning: bool,
    pub iban: Option<String>,
}

/// How the write ended.
pub(crate) enum Sourced {
    /// Written: the invoice as numbered.
    Done(Box<Invoice>),
    /// The source changed since it was read: read it again and decide again.
    SourceChanged,
}

/// Writes `source` (its new state, expected at `read_version`) and
/// `invoice`, numbered next by the account's invoice counter (first read:
/// `counter_item`), issued (as of its `created_at`) when `issuing` says so.
pub(crate) async fn write_with_invoice<D: Document>(
    ports: &Ports,
    account_id: &AccountId,
    settings: &Settings,
    counter_item: Option<Item>,
    (source, read_version): (&D, u64),
    invoice: Invoice,
    issuing: Option<Issuing<'_>>,
) -> CoreResult<Sourced> {
    // The invoice was made a moment ago, as of its `created_at`.
    let now = invoice.created_at;
    const SOURCE_PUT: usize = 0;
    const INVOICE_PUT: usize = 1;
    let mut invoice = invoice;
    if issuing.is_some() {
        apply_issue(&mut invoice, now)?;
    }
    let numbering = &settings.numbering;
    let mut written = invoice.clone();
    let mut lock_at = usize::MAX;
    let outcome = transact_numbered(
        ports.table.as_ref(),
        &document_counter_key(account_id, DocType::Invoice),
        counter_item,
        |n| numbering.format(&numbering.invoice_prefix, n),
        |number| {
            let mut numbered = invoice.clone();
            numbered.number = number.to_string();
            if let Some(issuing) = &issuing {
                numbered.payment_instructions = Some(PaymentInstructions::for_invoice(
                    issuing.iban.clone(),
                    number,
                    &numbered.id,
                    numbered.body.currency(),
                ));
            }
            let mut writes = vec![
                Write::Put {
                    item: document_item(account_id, source, source.version())?,
                    condition: Condition::VersionEquals(read_version),
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
            if let Some(issuing) = &issuing {
                writes.extend(issue_writes(
                    ports,
                    account_id,
                    &numbered,
                    issuing.automatic_dunning,
                    issuing.due_ctx,
                    now,
                )?);
            }
            written = numbered;
            Ok(writes)
        },
    )
    .await?;
    match outcome {
        NumberedOutcome::Done { .. } => Ok(Sourced::Done(Box::new(written))),
        NumberedOutcome::Failed(failed) if failed.contains(&SOURCE_PUT) => {
            Ok(Sourced::SourceChanged)
        }
        NumberedOutcome::Failed(failed) if failed.contains(&INVOICE_PUT) => {
            Err(CoreError::internal("a new invoice id is already taken"))
        }
        NumberedOutcome::Failed(failed) if failed.contains(&lock_at) => Err(contact_busy()),
        NumberedOutcome::Failed(failed) if failed.contains(&(lock_at - 1)) => {
            // The source's own reference keeps its contact from being
            // deleted, so this means data written before references.
            Err(CoreError::conflict(
                "contact_missing",
                "The contact no longer exists; no invoice can be made for it.",
            ))
        }
        // A fresh ledger id collided, or an unnamed position: try again.
        NumberedOutcome::Failed(_) => Ok(Sourced::SourceChanged),
    }
}

//! The recurring job (API.md §12): each due period of one recurring
//! invoice becomes an invoice, **exactly once**.
//!
//! The period's invoice id is derived from (recurring invoice, period
//! date) — a UUID v5 — and written with `NotExists`, in one transaction
//! with the invoice number's counter, the advance of `next_run_date`
//! (conditional on the recurring invoice's version), the contact
//! reference and, when `auto_send`, the issue posting and the reminders'
//! entry. A redelivered message, or two workers at once, find the period
//! done: one transaction wins, the other re-reads and finds nothing due.
//!
//! Missed periods (the scheduler did not run for a while) are each
//! created once, dated their own period, oldest first. With `auto_send`
//! each is issued in that transaction and emailed after it; the email is
//! claimed (`sent_at` written) before it is sent, so it goes at most once.

use chrono::Days;
use uome_domain::{AccountId, DocumentId};

use super::plan::next_run;
use super::record::{RecurringInvoice, recurring_item};
use crate::contacts::add_reference;
use crate::documents::change::change;
use crate::documents::load::load_for_print;
use crate::documents::mail::{DocumentEmail, check_document_email, send_document_email};
use crate::documents::{
    Document, DraftInput, MAX_ATTEMPTS, NumberedOutcome, Viewer, document_item, read_for_draft,
    too_much_contention, transact_numbered,
};
use crate::dunning::DueContext;
use crate::error::{CoreError, CoreResult};
use crate::invoices::input::account_iban;
use crate::invoices::issue::{apply_issue, issue_writes};
use crate::invoices::{Invoice, InvoiceSource, PaymentInstructions};
use crate::keys::{DocType, bank_key, document_counter_key, document_key};
use crate::ports::{Condition, Ports, Write};
use crate::service::ServiceConfig;

/// Periods one run creates at most; a recurring invoice further behind
/// (years of weekly runs missed) continues on the next run.
pub const MAX_PERIODS_PER_RUN: usize = 60;

/// Namespace of the period invoice ids (a fixed random UUID).
const PERIOD_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x6f1c_2a4e_93d7_4b1e_8c55_0e2f_7a9b_31d4);

/// The id of the invoice of `recurring`'s period on `date`: the same
/// every time it is computed, so the period can only be written once.
pub fn period_invoice_id(recurring: &DocumentId, date: chrono::NaiveDate) -> DocumentId {
    let name = format!("{recurring}:{date}");
    DocumentId::from(uuid::Uuid::new_v5(&PERIOD_NAMESPACE, name.as_bytes()))
}

/// What one run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecurringOutcome {
    pub invoices_created: usize,
    pub emails_sent: usize,
}

/// Creates every due period of the recurring invoice as of
/// `ports.clock.now()`.
pub async fn run_recurring(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    recurring_id: &DocumentId,
) -> CoreResult<RecurringOutcome> {
    let mut outcome = RecurringOutcome::default();
    let table = ports.table.as_ref();
    let key = document_key(account_id, DocType::Recurring, recurring_id);
    let counter_key = document_counter_key(account_id, DocType::Invoice);
    let mut attempts = 0;
    while outcome.invoices_created < MAX_PERIODS_PER_RUN {
        attempts += 1;
        if attempts > MAX_PERIODS_PER_RUN + MAX_ATTEMPTS {
            return Err(too_much_contention());
        }
        // The contact is the recurring invoice's: read it first, then
        // everything a new invoice needs in one batch.
        let Some(item) = table.get(&key).await? else {
            return Ok(outcome);
        };
        let contact_id = RecurringInvoice::from_item(&item)?.body.contact_id;
        let draft = DraftInput {
            contact_id,
            ..DraftInput::default()
        };
        let ctx = read_for_draft(
            table,
            account_id,
            DocType::Invoice,
            &draft,
            vec![key.clone(), bank_key(account_id)],
        )
        .await?;
        let Some(item) = ctx.fetched.get(&key) else {
            return Ok(outcome);
        };
        let record = RecurringInvoice::from_item(item)?;
        if outcome.invoices_created == 0 {
            // A redelivery after a crash between creating an auto-sent
            // invoice and its email: send it now (its claim keeps it once).
            if let Some(last) = record
                .last_invoice_id
                .as_deref()
                .filter(|_| record.auto_send)
            {
                outcome.emails_sent +=
                    send_generated(ports, service, account_id, &DocumentId::from(last)).await?;
            }
        }
        let now = ports.clock.now();
        let today = ctx.today(now);
        let Some(date) = record
            .next_run_date
            .filter(|d| record.active && *d <= today)
        else {
            return Ok(outcome);
        };
        let Some(contact) = ctx.contact(&record.body.contact_id)? else {
            return Err(CoreError::internal(
                "a recurring invoice's contact is missing",
            ));
        };

        let id = period_invoice_id(&record.id, date);
        let days = record
            .due_days
            .or(contact.payment_terms_days)
            .unwrap_or(ctx.settings.default_payment_terms_days);
        let due_date = date
            .checked_add_days(Days::new(u64::from(days)))
            .and_then(uome_domain::date::in_range)
            .unwrap_or(date);
        let mut body = record.body.clone();
        body.issue_date = date;
        body.contact_name = contact.display_name.clone();
        // Each period's invoice is addressed as the contact is now.
        body.recipient.snapshot(&contact);
        let mut invoice = Invoice::new_draft(
            id.clone(),
            body,
            due_date,
            InvoiceSource::Recurring,
            Some(record.id.to_string()),
            now,
        );
        // A negative recurring total cannot be issued: it stays a draft
        // for the business to look at rather than failing every run.
        let issue = record.auto_send && apply_issue(&mut invoice, now).is_ok();

        let mut advanced = record.clone();
        let following = date
            .succ_opt()
            .and_then(|floor| next_run(&record.schedule, record.next_run_index + 1, floor));
        advanced.next_run_index = following.map_or(record.next_run_index + 1, |run| run.index);
        advanced.next_run_date = following.map(|run| run.date);
        advanced.generated_count = record.generated_count + 1;
        advanced.last_invoice_id = Some(id.to_string());
        advanced.last_run_date = Some(date);
        advanced.updated_at = now;

        let iban = account_iban(&ctx)?;
        let due_ctx = DueContext::new(&ctx.settings, &ctx.company);
        let tz = ctx.company.tz();
        let numbering = &ctx.settings.numbering;
        let mut written = invoice.clone();
        let result = transact_numbered(
            table,
            &counter_key,
            ctx.counter_item(),
            |n| numbering.format(&numbering.invoice_prefix, n),
            |number| {
                let mut numbered = invoice.clone();
                numbered.number = number.to_string();
                numbered.payment_instructions = Some(PaymentInstructions::for_invoice(
                    iban.clone(),
                    number,
                    &numbered.id,
                    numbered.body.currency(),
                ));
                let mut writes = vec![
                    Write::Put {
                        item: document_item(account_id, &numbered, 1)?,
                        condition: Condition::NotExists,
                    },
                    Write::Put {
                        item: recurring_item(account_id, &advanced, record.version + 1, tz)?,
                        condition: Condition::VersionEquals(record.version),
                    },
                ];
                add_reference(
                    &mut writes,
                    account_id,
                    &numbered.body.contact_id,
                    &numbered.sk(),
                );
                if issue {
                    writes.extend(issue_writes(
                        ports,
                        account_id,
                        &numbered,
                        contact.automatic_dunning,
                        &due_ctx,
                        now,
                    )?);
                }
                written = numbered;
                Ok(writes)
            },
        )
        .await?;
        match result {
            NumberedOutcome::Done { .. } => {
                outcome.invoices_created += 1;
                tracing::info!(account_id = %account_id, recurring_id = %recurring_id,
                    invoice_id = %written.id, period = %date, "recurring invoice created");
                if issue {
                    outcome.emails_sent +=
                        send_generated(ports, service, account_id, &written.id).await?;
                }
            }
            // The period exists (another worker made it) or the recurring
            // invoice changed: read again and decide again.
            NumberedOutcome::Failed(_) => continue,
        }
    }
    Ok(outcome)
}

/// Emails a generated invoice that is issued and not sent yet; answers 1
/// when it went out. `sent_at` is claimed first, so a crash after the
/// claim loses the email rather than sending it twice; a mail server that
/// refuses it releases the claim and fails the job for a retry. An email
/// that can never go out (no address, account not verified) is logged
/// and left: the invoice stays issued and unsent for the business to see.
async fn send_generated(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    id: &DocumentId,
) -> CoreResult<usize> {
    let (at, render) =
        match load_for_print::<Invoice>(ports, account_id, id, Viewer::Business).await {
            Ok(found) => found,
            Err(CoreError::NotFound) => return Ok(0),
            Err(e) => return Err(e),
        };
    let invoice = &at.document;
    if invoice.sent_at.is_some() || !crate::dunning::entry::is_open(invoice.status) {
        return Ok(0);
    }
    if let Err(e) = check_document_email(
        ports,
        account_id,
        DocumentEmail::Send,
        &invoice.body,
        &render,
        None,
    )
    .await
    {
        if e.is_retryable() {
            return Err(e);
        }
        tracing::warn!(account_id = %account_id, invoice_id = %id, error = %e,
            "recurring invoice issued but not emailed");
        return Ok(0);
    }
    let mut claimed_now = false;
    let claimed = change(
        ports,
        account_id,
        id,
        Viewer::Business,
        Some(at),
        |inv: &mut Invoice, _, now| {
            claimed_now = inv.sent_at.is_none();
            if claimed_now {
                inv.sent_at = Some(now);
            }
            Ok(())
        },
    )
    .await?;
    if !claimed_now {
        return Ok(0);
    }
    let meta = Invoice::meta(&claimed)?;
    let body = claimed.document.body.clone();
    match send_document_email(
        ports,
        service,
        account_id,
        DocumentEmail::Send,
        &meta,
        &body,
        &render,
        None,
    )
    .await
    {
        Ok(_) => Ok(1),
        Err(e) => {
            let released = change(
                ports,
                account_id,
                id,
                Viewer::Business,
                Some(claimed),
                |inv: &mut Invoice, _, _| {
                    inv.sent_at = None;
                    Ok(())
                },
            )
            .await;
            if let Err(release) = released {
                tracing::warn!(account_id = %account_id, invoice_id = %id, error = %release,
                    "failed email's sent_at claim not released");
            }
            Err(e)
        }
    }
}

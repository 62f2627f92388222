//! `POST /v1/quotes/{id}/approve` (and the portal's): the quote becomes
//! `approved` and a **draft** invoice is created from it (`source: quote`,
//! `source_id`: the quote), in one transaction: the quote with
//! `VersionEquals`, the invoice counter, the invoice, the contact checks and
//! the contact's reference to the invoice. The business then issues or
//! sends the invoice.
//!
//! One batch read (quote, company, settings, invoice counter) and one
//! transaction. A lost race on the quote re-reads it: if it is now
//! approved the answer is 409 `already_approved` naming the invoice, so
//! two approvals can never make two invoices.

use chrono::{Days, NaiveDate};
use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::quote_state::transition;
use uome_domain::{QuoteAction, TransitionError};

use super::QuoteAt;
use super::record::Quote;
use crate::account::company::Company;
use crate::account::settings::Settings;
use crate::contacts::{add_reference, contact_busy};
use crate::documents::{
    At, Document, DocumentBody, MAX_ATTEMPTS, NumberedOutcome, Viewer, document_item, from_item,
    too_much_contention, transact_numbered, transition_refused,
};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::invoices::record::{Invoice, InvoiceSource};
use crate::keys::{DocType, company_key, document_counter_key, document_key, settings_key};
use crate::ports::{Condition, Ports, Write};
use crate::stored::parse_or_default;

/// Positions of the writes after the invoice counter.
const QUOTE_PUT: usize = 0;
const INVOICE_PUT: usize = 1;

/// The approved quote and the invoice it became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approved {
    pub quote: QuoteAt,
    pub invoice: Invoice,
}

/// Approves the quote as `viewer` (the business, or the quote's client on
/// the portal). Refusals: 404 (not visible), 409 `already_approved` with
/// `invoice_id`, 409 `quote_expired`, 409 `invalid_status`.
pub async fn approve_quote(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<Approved> {
    if id.trim().is_empty() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let quote_key = document_key(account_id, DocType::Quote, id);
    let counter_key = document_counter_key(account_id, DocType::Invoice);
    let invoice_id = DocumentId::from(ports.ids.new_id());
    for _ in 0..MAX_ATTEMPTS {
        let mut fetched = Fetched::read(
            table,
            vec![
                quote_key.clone(),
                company_key(account_id),
                settings_key(account_id),
                counter_key.clone(),
            ],
        )
        .await?;
        let stored: Quote = from_item(&fetched.take(&quote_key).ok_or(CoreError::NotFound)?)?;
        viewer.check(&stored)?;
        let company: Company = parse_or_default(fetched.take(&company_key(account_id)))?;
        let settings: Settings = parse_or_default(fetched.take(&settings_key(account_id)))?;
        let now = ports.clock.now();
        let today = company.today(now);
        let status = transition(
            stored.status,
            QuoteAction::Approve,
            today,
            stored.valid_until,
        )
        .map_err(|e| refused(e, &stored))?;

        let terms = stored
            .payment_terms_days
            .unwrap_or(settings.default_payment_terms_days);
        let mut invoice = draft_invoice(&stored, &invoice_id, today, terms, now)?;
        let quote = Quote {
            status,
            invoice_id: Some(invoice_id.to_string()),
            approved_at: Some(now),
            updated_at: now,
            version: stored.version + 1,
            ..stored.clone()
        };
        let numbering = &settings.numbering;
        let mut lock_at = usize::MAX;
        let outcome = transact_numbered(
            table,
            &counter_key,
            fetched.take(&counter_key),
            |n| numbering.format(&numbering.invoice_prefix, n),
            |number| {
                let numbered = Invoice {
                    number: number.to_string(),
                    ..invoice.clone()
                };
                let mut writes = vec![
                    Write::Put {
                        item: document_item(account_id, &quote, quote.version)?,
                        condition: Condition::VersionEquals(stored.version),
                    },
                    Write::Put {
                        item: document_item(account_id, &numbered, 1)?,
                        condition: Condition::NotExists,
                    },
                ];
                let contact_id = &numbered.body.contact_id;
                lock_at = add_reference(&mut writes, account_id, contact_id, &numbered.sk());
                Ok(writes)
            },
        )
        .await?;
        match outcome {
            NumberedOutcome::Done { number, .. } => {
                invoice.number = number;
                return Ok(Approved {
                    quote: At {
                        document: quote,
                        today,
                    },
                    invoice,
                });
            }
            // Changed since read: the re-read decides (already approved,
            // rejected, edited...).
            NumberedOutcome::Failed(failed) if failed.contains(&QUOTE_PUT) => continue,
            NumberedOutcome::Failed(failed) if failed.contains(&INVOICE_PUT) => {
                return Err(CoreError::internal("a new invoice id is already taken"));
            }
            NumberedOutcome::Failed(failed) if failed.contains(&lock_at) => {
                return Err(contact_busy());
            }
            NumberedOutcome::Failed(failed) if failed.contains(&(lock_at - 1)) => {
                // The quote's own reference keeps its contact from being
                // deleted, so this means data written before references.
                return Err(CoreError::conflict(
                    "contact_missing",
                    "The quote's contact no longer exists; no invoice can be made for it.",
                ));
            }
            NumberedOutcome::Failed(_) => continue,
        }
    }
    Err(too_much_contention())
}

/// The state machine's refusal; `already_approved` names the invoice.
fn refused(err: TransitionError, quote: &Quote) -> CoreError {
    let already = err.code() == "already_approved";
    let conflict = transition_refused(err);
    match (&quote.invoice_id, already) {
        (Some(invoice_id), true) => conflict.with_extra("invoice_id", invoice_id.clone()),
        _ => conflict,
    }
}

/// The invoice an approval creates: the quote's body as it stands, issued
/// today, due after `terms_days`, still a draft.
fn draft_invoice(
    quote: &Quote,
    invoice_id: &DocumentId,
    today: NaiveDate,
    terms_days: u32,
    now: chrono::DateTime<chrono::Utc>,
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
            ..quote.body.clone()
        },
        due_date,
        InvoiceSource::Quote,
        Some(quote.id.to_string()),
        now,
    ))
}

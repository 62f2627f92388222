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

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::quote_state::transition;
use uome_domain::{QuoteAction, TransitionError};

use super::QuoteAt;
use super::record::Quote;
use crate::account::company::Company;
use crate::account::settings::Settings;
use crate::documents::{
    At, MAX_ATTEMPTS, Viewer, from_item, too_much_contention, transition_refused,
};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::invoices::from_source::{Sourced, invoice_of, write_with_invoice};
use crate::invoices::record::{Invoice, InvoiceSource};
use crate::keys::{DocType, company_key, document_counter_key, document_key, settings_key};
use crate::ports::Ports;
use crate::stored::parse_or_default;

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
        let invoice = invoice_of(
            &stored.body,
            &invoice_id,
            (InvoiceSource::Quote, &stored.id),
            today,
            terms,
            now,
        )?;
        let quote = Quote {
            status,
            invoice_id: Some(invoice_id.to_string()),
            approved_at: Some(now),
            updated_at: now,
            version: stored.version + 1,
            ..stored.clone()
        };
        let written = write_with_invoice(
            ports,
            account_id,
            &settings,
            fetched.take(&counter_key),
            (&quote, stored.version),
            invoice,
            None,
        )
        .await?;
        match written {
            Sourced::Done(invoice) => {
                return Ok(Approved {
                    quote: At {
                        document: quote,
                        today,
                    },
                    invoice: *invoice,
                });
            }
            // Changed since read: the re-read decides (already approved,
            // rejected, edited...).
            Sourced::SourceChanged => continue,
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

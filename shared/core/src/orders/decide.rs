//! Deciding an order (API.md §8): `approve` issues an invoice of the
//! order's lines (`source: order`, `source_id`) with its ledger posting and
//! reminders entry, in **one** transaction with the order's status change,
//! so there is never an approved order without its invoice or an invoice
//! of a pending order; `reject` records the reason. Both are the business's.
//!
//! Approve: one read of the order, one batch read (company, settings, the
//! invoice counter, the bank details, the contact) and one transaction. A
//! lost race re-reads: an order approved meanwhile answers 409
//! `already_approved` naming its invoice, so two approvals never make two
//! invoices.

use uome_domain::order_state::{OrderAction, OrderStatus, check};
use uome_domain::{AccountId, DocumentId, TransitionError};

use uome_pdf::EmailKind;

use super::document::OrderAt;
use super::notify::courtesy;
use super::record::Order;
use crate::account::bank::Bank;
use crate::account::company::Company;
use crate::account::settings::Settings;
use crate::contacts::contact_from_item;
use crate::documents::change::change;
use crate::documents::text::{MAX_LONG_CHARS, optional_text};
use crate::documents::{
    At, MAX_ATTEMPTS, Viewer, from_item, too_much_contention, transition_refused,
};
use crate::dunning::DueContext;
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::invoices::from_source::{Issuing, Sourced, invoice_of, write_with_invoice};
use crate::invoices::{Invoice, InvoiceSource};
use crate::keys::{
    DocType, bank_key, company_key, contact_key, document_counter_key, document_key, settings_key,
};
use crate::ports::Ports;
use crate::service::ServiceConfig;
use crate::stored::parse_or_default;

/// The approved order and the invoice it issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderApproved {
    pub order: OrderAt,
    pub invoice: Invoice,
}

/// The state machine's refusal; `already_approved` names the invoice.
fn refused(err: TransitionError, order: &Order) -> CoreError {
    let already = err.code() == "already_approved";
    let conflict = transition_refused(err);
    match (&order.invoice_id, already) {
        (Some(invoice_id), true) => conflict.with_extra("invoice_id", invoice_id.clone()),
        _ => conflict,
    }
}

/// Approves the order `id`: 404 unknown; 409 `already_approved` (with
/// `invoice_id`) or `invalid_status`.
pub async fn approve_order(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
) -> CoreResult<OrderApproved> {
    if uuid::Uuid::try_parse(id).is_err() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let order_key = document_key(account_id, DocType::Order, id);
    let counter_key = document_counter_key(account_id, DocType::Invoice);
    let invoice_id = DocumentId::from(ports.ids.new_id());
    for _ in 0..MAX_ATTEMPTS {
        let item = table.get(&order_key).await?.ok_or(CoreError::NotFound)?;
        let stored: Order = from_item(&item)?;
        check(stored.status, OrderAction::Approve).map_err(|e| refused(e, &stored))?;
        let contact = contact_key(account_id, &stored.body.contact_id);
        let mut fetched = Fetched::read(
            table,
            vec![
                company_key(account_id),
                settings_key(account_id),
                counter_key.clone(),
                bank_key(account_id),
                contact.clone(),
            ],
        )
        .await?;
        let company: Company = parse_or_default(fetched.take(&company_key(account_id)))?;
        let settings: Settings = parse_or_default(fetched.take(&settings_key(account_id)))?;
        let bank: Bank = parse_or_default(fetched.take(&bank_key(account_id)))?;
        let contact = fetched
            .take(&contact)
            .map(|item| contact_from_item(&item))
            .transpose()?;
        let now = ports.clock.now();
        let today = company.today(now);
        let terms = contact
            .as_ref()
            .and_then(|c| c.payment_terms_days)
            .unwrap_or(settings.default_payment_terms_days);
        let mut invoice = invoice_of(
            &stored.body,
            &invoice_id,
            (InvoiceSource::Order, &stored.id),
            today,
            terms,
            now,
        )?;
        // Issued now: addressed as the contact is today.
        if let Some(contact) = &contact {
            invoice.body.recipient.snapshot(contact);
        }
        let order = Order {
            status: OrderStatus::Approved,
            invoice_id: Some(invoice_id.to_string()),
            decided_at: Some(now),
            updated_at: now,
            version: stored.version + 1,
            ..stored.clone()
        };
        let issuing = Issuing {
            due_ctx: &DueContext::new(&settings, &company),
            automatic_dunning: contact.as_ref().is_none_or(|c| c.automatic_dunning),
            iban: bank.iban.clone().filter(|i| !i.trim().is_empty()),
        };
        let written = write_with_invoice(
            ports,
            account_id,
            &settings,
            fetched.take(&counter_key),
            (&order, stored.version),
            invoice,
            Some(issuing),
        )
        .await?;
        match written {
            Sourced::Done(invoice) => {
                return Ok(OrderApproved {
                    order: At {
                        document: order,
                        today,
                    },
                    invoice: *invoice,
                });
            }
            Sourced::SourceChanged => continue,
        }
    }
    Err(too_much_contention())
}

/// Rejects the order `id`, with an optional reason, and emails the client
/// (a courtesy): 404 unknown; 409 `invalid_status` unless pending; 422 on
/// a too long `reason`.
pub async fn reject_order(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    id: &DocumentId,
    reason: Option<String>,
) -> CoreResult<OrderAt> {
    let mut errors = uome_domain::FieldErrors::new();
    let reason = optional_text("reason", reason, MAX_LONG_CHARS, &mut errors);
    errors.into_result()?;
    let rejected = change(
        ports,
        account_id,
        id,
        Viewer::Business,
        None,
        |order: &mut Order, _, now| {
            check(order.status, OrderAction::Reject).map_err(transition_refused)?;
            order.status = OrderStatus::Rejected;
            order.reject_reason = reason.clone();
            order.decided_at = Some(now);
            Ok(())
        },
    )
    .await?;
    courtesy(
        ports,
        service,
        account_id,
        &rejected,
        EmailKind::OrderRejected,
    )
    .await;
    Ok(rejected)
}

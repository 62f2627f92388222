//! `POST /v1/invoices/{id}/address-request`: emails the contact a portal
//! link asking for their billing address (they answer with `PUT
//! /v1/portal/address`). Refused with 409 `address_on_file` when the
//! contact already has one, and on drafts' and invoices' states the state
//! machine refuses (cancelled). Nothing is written on the invoice: the
//! request is an email (and the contact's fresh portal token).

use chrono::{DateTime, Utc};
use uome_domain::AccountId;
use uome_domain::InvoiceAction;
use uome_domain::invoice_state::check;
use uome_domain::{ContactId, DocumentId};

use super::record::Invoice;
use crate::documents::load::load_for_print;
use crate::documents::mail::{DocumentEmail, send_document_email};
use crate::documents::{Document, Viewer, transition_refused};
use crate::error::CoreResult;
use crate::ports::Ports;
use crate::service::ServiceConfig;

/// What was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressRequested {
    pub invoice_id: String,
    pub contact_id: ContactId,
    /// The contact's address the email went to.
    pub sent_to: String,
    pub sent_at: DateTime<Utc>,
}

/// Refusals, in order: 404, 409 `invalid_status` (cancelled), 403
/// `email_unverified`, 409 `address_on_file`, 422 `contact_has_no_email`,
/// 422 on `message`.
pub async fn request_address(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    id: &DocumentId,
    message: Option<&str>,
) -> CoreResult<AddressRequested> {
    let (at, ctx) = load_for_print::<Invoice>(ports, account_id, id, Viewer::Business).await?;
    let invoice = &at.document;
    check(
        invoice.status,
        InvoiceAction::AddressRequest,
        invoice.amount_paid,
    )
    .map_err(transition_refused)?;
    let sent = send_document_email(
        ports,
        service,
        account_id,
        DocumentEmail::AddressRequest,
        &Invoice::meta(&at)?,
        &invoice.body,
        &ctx,
        message,
    )
    .await?;
    Ok(AddressRequested {
        invoice_id: invoice.id.to_string(),
        contact_id: invoice.body.contact_id.clone(),
        sent_to: sent.to,
        sent_at: ports.clock.now(),
    })
}

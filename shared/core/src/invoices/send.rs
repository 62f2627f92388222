//! `POST /v1/invoices/{id}/send`: issues the invoice if it is a draft,
//! then emails the contact the invoice (PDF attached, fresh portal link)
//! and records when.
//!
//! Order, so that a failure at any step leaves a consistent invoice and a
//! retry is safe:
//! 1. for a draft, every precondition of the email is checked first (403
//!    `email_unverified`, 422 `contact_has_no_email`, 422 on `message`):
//!    a send that cannot go out issues nothing (an issued invoice needs no
//!    early check: nothing is written before the email);
//! 2. a draft is issued — status and ledger posting in one transaction;
//! 3. the email is sent;
//! 4. `sent_at` is recorded.
//!
//! If the email fails at 3, the invoice stays issued (with its posting)
//! and unsent (`sent_at` unchanged): exactly what `POST …/issue` would have
//! left. Send accepts issued invoices, so the retry just sends.

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::invoice_state::check;
use uome_domain::{InvoiceAction, InvoiceStatus};

use super::document::InvoiceAt;
use super::issue::issue_from;
use super::record::Invoice;
use crate::documents::change::change;
use crate::documents::load::load_for_print;
use crate::documents::mail::{DocumentEmail, check_document_email, send_document_email};
use crate::documents::{Document, Viewer, transition_refused};
use crate::error::CoreResult;
use crate::ports::Ports;
use crate::service::ServiceConfig;

/// Sends the invoice; `message` is the sender's own note above the
/// standard wording. Refusals, in order: 404, 409 (`invalid_status`: paid
/// or cancelled), 403 `email_unverified`, 422 `contact_has_no_email`, 422
/// on `message`, 422 on `total` (a negative draft cannot be issued).
pub async fn send_invoice(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    id: &DocumentId,
    message: Option<&str>,
) -> CoreResult<InvoiceAt> {
    let (at, ctx) = load_for_print::<Invoice>(ports, account_id, id, Viewer::Business).await?;
    check(
        at.document.status,
        InvoiceAction::Send,
        at.document.amount_paid,
    )
    .map_err(transition_refused)?;
    // Only a draft is written before the email goes out; an issued invoice
    // leaves these checks to `send_document_email`, which makes them too.
    let at = if at.document.status == InvoiceStatus::Draft {
        let body = &at.document.body;
        check_document_email(ports, account_id, DocumentEmail::Send, body, &ctx, message).await?;
        issue_from(ports, account_id, at, None).await?
    } else {
        at
    };
    send_document_email(
        ports,
        service,
        account_id,
        DocumentEmail::Send,
        &Invoice::meta(&at)?,
        &at.document.body,
        &ctx,
        message,
    )
    .await?;
    // The email is out whatever happened meanwhile (a payment, even a
    // cancel): record when, and nothing else.
    let viewer = Viewer::Business;
    change(
        ports,
        account_id,
        id,
        viewer,
        Some(at),
        |invoice: &mut Invoice, _, now| {
            invoice.sent_at = Some(now);
            Ok(())
        },
    )
    .await
}

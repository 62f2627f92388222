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

use uome_domain::invoice_state::check;
use uome_domain::validation::check_text;
use uome_domain::{FieldError, InvoiceAction, InvoiceStatus};

use super::change::change_invoice;
use super::issue::issue_from;
use super::pdf::{invoice_meta, load_for_print};
use super::read::InvoiceAt;
use super::viewer::Viewer;
use crate::accounts::ensure_can_email_third_parties;
use crate::documents::mail::{DocumentEmail, send_document_email};
use crate::documents::render::RenderContext;
use crate::documents::transition_refused;
use crate::error::{CoreError, CoreResult};
use crate::ports::Ports;
use crate::service::ServiceConfig;

/// What `send_document_email` would refuse, checked before anything is
/// written: the account may email third parties, the contact has an
/// email, the message fits.
pub(crate) async fn check_email_preconditions(
    ports: &Ports,
    account_id: &str,
    ctx: &RenderContext,
    message: Option<&str>,
) -> CoreResult<()> {
    ensure_can_email_third_parties(ports.table.as_ref(), account_id).await?;
    let has_email = ctx
        .contact
        .as_ref()
        .and_then(|c| c.email.as_deref())
        .is_some_and(|e| !e.trim().is_empty());
    if !has_email {
        let message = if ctx.contact.is_some() {
            "the contact has no email address"
        } else {
            "the contact no longer exists"
        };
        return Err(CoreError::Unprocessable {
            code: "contact_has_no_email".into(),
            detail: "The document's contact has no email address to send to.".into(),
            errors: vec![FieldError::new("contact_id", message)],
        });
    }
    if let Some(text) = message.map(str::trim).filter(|m| !m.is_empty())
        && let Err(reason) = check_text(text)
    {
        return Err(CoreError::invalid_field("message", reason));
    }
    Ok(())
}

/// Sends the invoice; `message` is the sender's own note above the
/// standard wording. Refusals, in order: 404, 409 (`invalid_status`: paid
/// or cancelled), 403 `email_unverified`, 422 `contact_has_no_email`, 422
/// on `message`, 422 on `total` (a negative draft cannot be issued).
pub async fn send_invoice(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &str,
    id: &str,
    message: Option<&str>,
) -> CoreResult<InvoiceAt> {
    let (at, ctx) = load_for_print(ports, account_id, id, Viewer::Business).await?;
    check(
        at.invoice.status,
        InvoiceAction::Send,
        at.invoice.amount_paid,
    )
    .map_err(transition_refused)?;
    // Only a draft is written before the email goes out; an issued invoice
    // leaves these checks to `send_document_email`, which makes them too.
    let at = if at.invoice.status == InvoiceStatus::Draft {
        check_email_preconditions(ports, account_id, &ctx, message).await?;
        issue_from(ports, account_id, at).await?
    } else {
        at
    };
    send_document_email(
        ports,
        service,
        account_id,
        DocumentEmail::Send,
        &invoice_meta(&at)?,
        &at.invoice.body,
        &ctx,
        message,
    )
    .await?;
    // The email is out whatever happened meanwhile (a payment, even a
    // cancel): record when, and nothing else.
    change_invoice(ports, account_id, id, Some(at), |invoice, _, now| {
        invoice.sent_at = Some(now);
        Ok(())
    })
    .await
}

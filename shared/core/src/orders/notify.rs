//! The emails around an order (API.md §8): a client's new order and a
//! client's reminder go to the business; a rejection goes to the client.
//!
//! A new order and a rejection are already written when their email goes
//! out, and the email is a courtesy: a mailer that fails (or a contact
//! without an address, an unverified account) is logged and the order
//! stays as decided; the business sees new orders in `GET /v1/orders`
//! either way. The client's reminder is the email itself, so it is
//! claimed, sent, and released on failure (`remind.rs`).

use uome_domain::AccountId;
use uome_pdf::EmailKind;

use super::document::OrderAt;
use super::record::Order;
use crate::documents::Document;
use crate::documents::mail::{DocumentEmail, send_document_email};
use crate::documents::notify::email_business;
use crate::documents::render::load_render_context;
use crate::error::CoreResult;
use crate::ports::Ports;
use crate::service::ServiceConfig;

/// Emails the business about the order (`OrderPlaced`, `OrderReminder`).
pub(super) async fn tell_business(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    at: &OrderAt,
    kind: EmailKind,
) -> CoreResult<String> {
    let body = at.document.body();
    let ctx = load_render_context(ports, account_id, &body.contact_id).await?;
    let meta = Order::meta(at)?;
    email_business(ports, service, account_id, kind, &meta, body, &ctx).await
}

/// Emails the client that the order was declined, with its reason.
async fn tell_client_rejected(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    at: &OrderAt,
) -> CoreResult<String> {
    let body = at.document.body();
    let ctx = load_render_context(ports, account_id, &body.contact_id).await?;
    let meta = Order::meta(at)?;
    let reason = at.document.reject_reason.as_deref();
    let kind = DocumentEmail::OrderRejected;
    let sent =
        send_document_email(ports, service, account_id, kind, &meta, body, &ctx, reason).await?;
    Ok(sent.to)
}

/// The courtesy emails: failures are logged, never answered.
pub(super) async fn courtesy(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    at: &OrderAt,
    kind: EmailKind,
) {
    let sent = match kind {
        EmailKind::OrderRejected => tell_client_rejected(ports, service, account_id, at).await,
        _ => tell_business(ports, service, account_id, at, kind).await,
    };
    match sent {
        Ok(to) => tracing::debug!(account_id = %account_id, to = %to, "order email sent"),
        Err(e) => tracing::warn!(account_id = %account_id, order = %at.document.number,
            kind = ?kind, error = %e, "order email not sent; the order stands"),
    }
}

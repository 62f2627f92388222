//! `POST /v1/quotes/{id}/send`: emails the contact the quote (PDF attached,
//! with a fresh portal link) and records it as sent. A sent quote may be
//! sent again (a lost email, a changed quote); an expired one may not (the
//! client could not approve it).
//!
//! The email goes out first and the status is written after, as
//! `send_document_email` asks: a failed send writes nothing, and a retry
//! simply sends again.

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::QuoteAction;
use uome_domain::quote_state::{check, transition};

use super::QuoteAt;
use super::record::Quote;
use crate::documents::change::change;
use crate::documents::load::load_for_print;
use crate::documents::mail::{DocumentEmail, send_document_email};
use crate::documents::{Document, Viewer, transition_refused};
use crate::error::CoreResult;
use crate::ports::Ports;
use crate::service::ServiceConfig;

/// Sends the quote; `message` is the sender's own note above the standard
/// wording. Refusals, in order: 409 (`quote_expired`, `invalid_status`),
/// 403 `email_unverified`, 422 `contact_has_no_email`.
pub async fn send_quote(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    id: &DocumentId,
    message: Option<&str>,
) -> CoreResult<QuoteAt> {
    let (at, ctx) = load_for_print::<Quote>(ports, account_id, id, Viewer::Business).await?;
    check(
        at.document.status,
        QuoteAction::Send,
        at.today,
        at.document.valid_until,
    )
    .map_err(transition_refused)?;
    // The PDF shows the quote as the client will find it: sent.
    let mut meta = Quote::meta(&at)?;
    meta.status = Some(uome_domain::QuoteStatus::Sent.as_str().to_string());
    send_document_email(
        ports,
        service,
        account_id,
        DocumentEmail::Send,
        &meta,
        &at.document.body,
        &ctx,
        message,
    )
    .await?;
    change(
        ports,
        account_id,
        id,
        Viewer::Business,
        Some(at),
        |quote: &mut Quote, today, now| {
            // The email is out whatever happened meanwhile: record when.
            // The status moves only if the quote may still become sent (a
            // portal approval in between keeps it approved).
            if let Ok(status) =
                transition(quote.status, QuoteAction::Send, today, quote.valid_until)
            {
                quote.status = status;
            }
            quote.sent_at = Some(now);
            Ok(())
        },
    )
    .await
}

//! `POST /v1/portal/orders/{id}/remind`: the client asks the business for
//! an answer to a pending order, at most once per 24 h (429
//! `reminder_throttled` with `Retry-After`).
//!
//! Like every one-off reminder (`documents::reminder`), it is claimed
//! before it is sent: `last_reminded_at` is written with `VersionEquals`,
//! so of two reminders at once only one emails. If the email fails, the
//! claim is put back (when nothing changed since) and the error answered,
//! so the client may try again at once.

use uome_domain::order_state::{OrderAction, check};
use uome_domain::{AccountId, ContactId, DocumentId};
use uome_pdf::EmailKind;

use super::document::OrderAt;
use super::notify::tell_business;
use super::record::Order;
use crate::documents::change::change;
use crate::documents::reminder::throttle;
use crate::documents::{Viewer, transition_refused};
use crate::error::CoreResult;
use crate::ports::Ports;
use crate::service::ServiceConfig;

/// Reminds the business of the contact's order `id`: 404 for another
/// contact's order, 409 `invalid_status` unless pending, 429 within 24 h
/// of the last reminder.
pub async fn remind_order(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    contact_id: &ContactId,
    id: &DocumentId,
) -> CoreResult<OrderAt> {
    let viewer = Viewer::Portal {
        contact_id: contact_id.as_str(),
    };
    let mut previous = None;
    let claimed = change(
        ports,
        account_id,
        id,
        viewer,
        None,
        |order: &mut Order, _, now| {
            check(order.status, OrderAction::Remind).map_err(transition_refused)?;
            throttle(order.last_reminded_at, now)?;
            previous = order.last_reminded_at;
            order.last_reminded_at = Some(now);
            Ok(())
        },
    )
    .await?;
    match tell_business(
        ports,
        service,
        account_id,
        &claimed,
        EmailKind::OrderReminder,
    )
    .await
    {
        Ok(_) => Ok(claimed),
        Err(e) => {
            let ours = claimed.document.last_reminded_at;
            let released = change(
                ports,
                account_id,
                id,
                viewer,
                Some(claimed),
                |order: &mut Order, _, _| {
                    // Someone else's newer reminder stands.
                    if order.last_reminded_at == ours {
                        order.last_reminded_at = previous;
                    }
                    Ok(())
                },
            )
            .await;
            if let Err(release) = released {
                tracing::warn!(account_id = %account_id, order_id = %id, error = %release,
                    "order reminder claim of a failed email not released");
            }
            Err(e)
        }
    }
}

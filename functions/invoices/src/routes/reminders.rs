//! `GET /v1/invoices/{id}/reminders` (API.md §12): the reminders history
//! of one invoice, automatic and manual.

use axum::extract::State;
use uome_core::dunning::history;
use uome_core::invoices::load_invoice;
use uome_domain::DocumentId;
use uome_http::problem_responses::NotFound;
use uome_http::{ApiError, AppContext, Business, Json, Path};
use uuid::Uuid;

use crate::dto::reminders::{ReminderList, reminder_view};

/// The reminders of an invoice.
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}/reminders",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "Every reminder of the invoice, oldest first: the courtesy reminder, each dunning level (sent, skipped or unconfirmed) and the one-off reminders (`manual`)", body = ReminderList),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_invoice_reminders(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Json<ReminderList>, ApiError> {
    let id = DocumentId::from(id.to_string());
    let table = ctx.ports.table.as_ref();
    // The invoice (for the 404) and its history side by side: one round trip.
    let (invoice, records) = tokio::join!(
        load_invoice(table, &caller.account_id, &id),
        history(table, &caller.account_id, &id)
    );
    invoice?;
    Ok(Json(ReminderList {
        data: records?.into_iter().map(reminder_view).collect(),
    }))
}

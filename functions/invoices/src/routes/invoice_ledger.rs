//! `GET /v1/invoices/{id}/ledger` (API.md §7): the ledger transactions of
//! one invoice (issue, payments, cancel), oldest first, in the same shape
//! as `GET /v1/ledger/transactions`.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use uome_core::invoices::load_invoice;
use uome_core::ledger::for_document;
use uome_domain::DocumentId;
use uome_http::problem_responses::NotFound;
use uome_http::{ApiError, AppContext, Business, Json, Path};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::dto::ledger::{LedgerTransactionView, transaction_view};

/// Every transaction of the invoice, oldest first.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct InvoiceLedger {
    pub data: Vec<LedgerTransactionView>,
}

/// The ledger transactions of an invoice.
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}/ledger",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "Issue, payments and cancel postings, oldest first (a draft has none; at most 102: an invoice takes at most 100 payments)", body = InvoiceLedger),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn invoice_ledger(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Json<InvoiceLedger>, ApiError> {
    let id = DocumentId::from(id.to_string());
    // The invoice (for the 404) and its ledger rows side by side: one
    // round trip.
    let (invoice, records) = tokio::join!(
        load_invoice(ctx.ports.table.as_ref(), &caller.account_id, &id),
        for_document(&ctx.ports, &caller.account_id, &id)
    );
    invoice?;
    Ok(Json(InvoiceLedger {
        data: records?.iter().map(transaction_view).collect(),
    }))
}

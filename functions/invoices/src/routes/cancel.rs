//! `POST /v1/invoices/{id}/cancel` (API.md §7): status `cancelled`, and
//! the exact reversal of the issue posting when the invoice was issued.
//! The use case is `uome_core::invoices::cancel`.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use serde::Deserialize;
use uome_core::invoices;
use uome_domain::DocumentId;
use uome_http::problem_responses::{MalformedJson, NotFound};
use uome_http::{ApiError, AppContext, Business, Json, Path, Problem, versioned};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::dto::invoice_view::{InvoiceView, invoice_view};

/// Why the invoice is cancelled.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    /// Required, at most 2,000 characters.
    #[serde(default)]
    #[schema(
        required = true,
        max_length = 2000,
        format = "paragraphs",
        example = "Issued to the wrong client"
    )]
    pub reason: Option<String>,
}

/// Cancel an invoice without payments; reverses its ledger postings.
#[utoipa::path(
    post,
    path = "/v1/invoices/{id}/cancel",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body = CancelRequest,
    responses(
        (status = 200, description = "The cancelled invoice; `ETag` is its version", body = InvoiceView),
        (status = 409, description = "`payments_exist` (a payment stands) or `invoice_cancelled` (with `status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason` missing or too long", body = Problem, content_type = "application/problem+json"),
        MalformedJson, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn cancel_invoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Json(body): Json<CancelRequest>,
) -> Result<Response, ApiError> {
    let cancelled = invoices::cancel(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        body.reason,
    )
    .await?;
    let view = invoice_view(&cancelled.invoice, cancelled.today)?;
    Ok(versioned(StatusCode::OK, cancelled.invoice.version, view))
}

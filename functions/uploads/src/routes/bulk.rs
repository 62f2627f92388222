//! `POST /v1/uploads/invoices` and `/customers` (API.md §11, seed 003).

use axum::extract::State;
use uome_core::imports::import_bulk;
use uome_core::uploads::ImportType;
use uome_http::problem_responses::{BulkBody, BusinessAuth, Invalid};
use uome_http::{ApiError, AppContext, Business, Json, JsonBytes};

use crate::dto::bulk::{CustomerRow, ImportReportView, InvoiceRow};

async fn import(
    ctx: &AppContext,
    account: &uome_domain::AccountId,
    kind: ImportType,
    body: &[u8],
) -> Result<Json<ImportReportView>, ApiError> {
    let report = import_bulk(&ctx.ports, account, kind, body).await?;
    Ok(Json(report.into()))
}

/// Invoices from another system, a JSON array of up to 5,000 rows in
/// seed 003's keys (≤ 5 MiB). Each row is checked on its own: good rows
/// are applied even when others are rejected. A row upserts by
/// `invoiceNumber`; an unknown `customerNumber` creates that contact.
/// Imported invoices are issued (`source: import`) with their ledger
/// postings. API clients may authenticate with the seed's `api_key` and
/// `api_secret` headers.
#[utoipa::path(
    post,
    path = "/v1/uploads/invoices",
    tag = "uploads",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body(content = Vec<InvoiceRow>, content_type = "application/json"),
    responses(
        (status = 200, description = "What was created, updated and rejected", body = ImportReportView),
        BulkBody,
        BusinessAuth,
        Invalid,
    )
)]
pub async fn bulk_invoices(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    JsonBytes(body): JsonBytes,
) -> Result<Json<ImportReportView>, ApiError> {
    import(&ctx, &principal.account_id, ImportType::Invoices, &body).await
}

/// Customers from another system, a JSON array of up to 5,000 rows in
/// seed 003's keys (≤ 5 MiB), upserted by `customerno`.
#[utoipa::path(
    post,
    path = "/v1/uploads/customers",
    tag = "uploads",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body(content = Vec<CustomerRow>, content_type = "application/json"),
    responses(
        (status = 200, description = "What was created, updated and rejected", body = ImportReportView),
        BulkBody,
        BusinessAuth,
        Invalid,
    )
)]
pub async fn bulk_customers(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    JsonBytes(body): JsonBytes,
) -> Result<Json<ImportReportView>, ApiError> {
    import(&ctx, &principal.account_id, ImportType::Customers, &body).await
}

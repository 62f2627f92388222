//! The till's sales (API.md §8 POS): ring one up, list a day's, read one,
//! print its receipt, refund it. The account comes from the credentials
//! (owner or API client), never from the request.

use axum::extract::State;
use axum::response::Response;
use uome_core::pos;
use uome_http::documents::pdf_response;
use uome_http::problem_responses::{
    BadListQuery, BusinessAuth, EmailUnverified, MalformedJson, NotFound,
};
use uome_http::{
    ApiError, AppContext, Business, Json, ListParams, Page, Path, Problem, Query, created,
};
use uuid::Uuid;

use super::summary::day_param;
use crate::dto::{
    SaleListQuery, SaleRefundRequest, SaleRefundResponse, SaleRequest, SaleResponse, SaleView,
};

/// Ring up a sale: a paid invoice (`source: pos`) numbered in the receipt
/// series, its issue and payment posted, cash rounded to the currency's
/// coin with the difference on 4900 Rounding.
#[utoipa::path(
    post,
    path = "/v1/pos/sales",
    tag = "pos",
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response: a double-clicked charge is one sale")),
    request_body = SaleRequest,
    responses(
        (status = 201, description = "The sale, its paid invoice, the receipt number and the change; `Location` names the sale", body = SaleResponse),
        (status = 422, description = "Every bad field (lines, `currency`, `payment_method`, `email_receipt_to`, a contact that is not a customer), or cash tendered below the rounded total (`amount_tendered`)", body = Problem, content_type = "application/problem+json"),
        EmailUnverified, MalformedJson, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn create_sale(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Json(body): Json<SaleRequest>,
) -> Result<Response, ApiError> {
    let recorded =
        pos::record_sale(&ctx.ports, &ctx.service, &caller.account_id, body.input()).await?;
    let location = format!("/v1/pos/sales/{}", recorded.sale.id);
    Ok(created(
        &location,
        recorded.sale.version,
        SaleResponse::from(&recorded),
    ))
}

/// A day's sales in the order they were made.
#[utoipa::path(
    get,
    path = "/v1/pos/sales",
    tag = "pos",
    params(SaleListQuery),
    responses(
        (status = 200, description = "One page", body = Page<SaleView>),
        (status = 422, description = "`date` is not a date", body = Problem, content_type = "application/problem+json"),
        BadListQuery, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_sales(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    params: ListParams,
    Query(query): Query<SaleListQuery>,
) -> Result<Json<Page<SaleView>>, ApiError> {
    let date = match day_param(query.date.as_deref())? {
        Some(date) => date,
        None => pos::till_today(&ctx.ports, &caller.account_id).await?,
    };
    // The cursor is bound to the day it listed: asked for without a date
    // after midnight, the next day's list refuses it (400) rather than
    // mixing two days.
    let scope = format!("{}:pos-sales:{date}", caller.account_id);
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = pos::list_sales(
        &ctx.ports,
        &caller.account_id,
        Some(date),
        params.limit,
        start,
    )
    .await?;
    let data = page.sales.iter().map(SaleView::from).collect();
    Ok(Json(Page::new(
        data,
        page.next.as_ref(),
        &ctx.cursors,
        &scope,
    )))
}

/// One sale and its invoice.
#[utoipa::path(
    get,
    path = "/v1/pos/sales/{id}",
    tag = "pos",
    params(("id" = Uuid, Path, description = "Sale id")),
    responses(
        (status = 200, description = "The sale and its invoice", body = SaleResponse),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn get_sale(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Json<SaleResponse>, ApiError> {
    let recorded = pos::get_sale(&ctx.ports, &caller.account_id, &id.to_string()).await?;
    Ok(Json(SaleResponse::from(&recorded)))
}

/// The receipt as a PDF 80 mm wide, for a thermal roll.
#[utoipa::path(
    get,
    path = "/v1/pos/sales/{id}/receipt",
    tag = "pos",
    params(("id" = Uuid, Path, description = "Sale id")),
    responses(
        (status = 200, description = "The receipt, `Content-Disposition: inline; filename=\"RCT-0001.pdf\"`", body = Vec<u8>, content_type = "application/pdf"),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn sale_receipt(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let pdf = pos::sale_receipt(&ctx.ports, &caller.account_id, &id.to_string()).await?;
    Ok(pdf_response(pdf))
}

/// Refund the whole sale or some of its lines: a credit note of its
/// invoice (API.md §7b), paid back at once by the sale's method (cash
/// rounded), in one transaction.
#[utoipa::path(
    post,
    path = "/v1/pos/sales/{id}/refund",
    tag = "pos",
    params(
        ("id" = Uuid, Path, description = "Sale id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response"),
    ),
    request_body = SaleRefundRequest,
    responses(
        (status = 201, description = "The sale after it, its credit note (`Location`) and the money back", body = SaleRefundResponse),
        (status = 409, description = "`invoice_credited`: all of it was refunded already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field: `reason`, `lines[i]…`, more than is left to refund", body = Problem, content_type = "application/problem+json"),
        MalformedJson, NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn refund_sale(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Json(body): Json<SaleRefundRequest>,
) -> Result<Response, ApiError> {
    let refunded = pos::refund_sale(
        &ctx.ports,
        &caller.account_id,
        &id.to_string(),
        body.input(),
    )
    .await?;
    let location = format!("/v1/credit-notes/{}", refunded.credit_note.document.id);
    Ok(created(
        &location,
        refunded.sale.version,
        SaleRefundResponse::from(&refunded),
    ))
}

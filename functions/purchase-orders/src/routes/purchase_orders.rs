//! One purchase order (API.md §9): create, read it whole, its information,
//! its lines, one line, replace a draft, and its actions. The account comes
//! from the credentials; `created_by` and `last_updated_by` name the caller
//! (the user, or the API client).

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::purchase_orders as core;
use uome_domain::DocumentId;
use uome_http::problem_responses::{
    BusinessAuth, EmailUnverified, Invalid, MalformedJson, NotFound,
};
use uome_http::{
    ApiError, AppContext, Business, IfMatch, Json, Path, Problem, created, expected_version,
    versioned,
};
use uuid::Uuid;

use crate::dto::{
    BillRequest, LineEnvelope, LineOnly, LinesEnvelope, LinesOnly, PayRequest,
    PurchaseOrderEnvelope, PurchaseOrderRequest, PurchaseOrderView, ReceiveRequest, lines_of,
};

uome_http::problem_responses! {
    /// The state machine refused the action.
    pub(crate) struct StatusRefused { 409 => "`invalid_status` or `already_billed`, with `current_status`" }
}

/// The order whole, with its version as `ETag`.
fn whole(status: StatusCode, at: &core::PurchaseOrderAt) -> Response {
    versioned(
        status,
        at.document.version,
        PurchaseOrderEnvelope {
            purchase_order: PurchaseOrderView::full(&at.document, at.today),
        },
    )
}

/// Write a draft purchase order to a vendor (`PO-0001`).
#[utoipa::path(
    post,
    path = "/v1/purchase-orders",
    tag = "purchase-orders",
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body = PurchaseOrderRequest,
    responses(
        (status = 201, description = "The draft; `Location` names it, `ETag` is its version", body = PurchaseOrderEnvelope),
        (status = 422, description = "Every bad field: `account_id` not a vendor of the account, lines, dates, currency", body = Problem, content_type = "application/problem+json"),
        MalformedJson, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn create_purchase_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Json(body): Json<PurchaseOrderRequest>,
) -> Result<Response, ApiError> {
    let at = core::create_purchase_order(
        &ctx.ports,
        &caller.account_id,
        &caller.subject,
        body.input(),
    )
    .await?;
    let location = format!("/v1/purchase-orders/{}", at.document.id);
    Ok(created(
        &location,
        at.document.version,
        PurchaseOrderEnvelope {
            purchase_order: PurchaseOrderView::full(&at.document, at.today),
        },
    ))
}

/// One purchase order with its lines and KPIs.
#[utoipa::path(
    get,
    path = "/v1/purchase-orders/{id}",
    tag = "purchase-orders",
    params(("id" = Uuid, Path, description = "Purchase order id")),
    responses(
        (status = 200, description = "`{\"purchase_order\": {…, lines, kpis}}`; `ETag` is its version", body = PurchaseOrderEnvelope),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn get_purchase_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at =
        core::load_purchase_order(&ctx.ports, &caller.account_id, &DocumentId::from(id)).await?;
    Ok(whole(StatusCode::OK, &at))
}

/// Replace a draft's fields (a full replace; lines get new uuids).
#[utoipa::path(
    put,
    path = "/v1/purchase-orders/{id}",
    tag = "purchase-orders",
    params(
        ("id" = Uuid, Path, description = "Purchase order id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or `version` in the body)"),
    ),
    request_body = PurchaseOrderRequest,
    responses(
        (status = 200, description = "The replaced draft", body = PurchaseOrderEnvelope),
        StatusRefused, Invalid, NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn replace_purchase_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Json(body): Json<PurchaseOrderRequest>,
) -> Result<Response, ApiError> {
    let id = DocumentId::from(id);
    if let Some(expected) = expected_version(if_match, body.version)? {
        let current = core::load_purchase_order(&ctx.ports, &caller.account_id, &id).await?;
        if current.document.version != expected {
            return Err(uome_core::documents::version_conflict(current.document.version).into());
        }
    }
    let at = core::update_purchase_order(
        &ctx.ports,
        &caller.account_id,
        &caller.subject,
        &id,
        body.input(),
    )
    .await?;
    Ok(whole(StatusCode::OK, &at))
}

/// The order without its lines and KPIs.
#[utoipa::path(
    get,
    path = "/v1/purchase-orders/{id}/information",
    tag = "purchase-orders",
    params(("id" = Uuid, Path, description = "Purchase order id")),
    responses(
        (status = 200, description = "`{\"purchase_order\": {…}}`", body = PurchaseOrderEnvelope),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn purchase_order_information(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Json<PurchaseOrderEnvelope>, ApiError> {
    let at =
        core::load_purchase_order(&ctx.ports, &caller.account_id, &DocumentId::from(id)).await?;
    Ok(Json(PurchaseOrderEnvelope {
        purchase_order: PurchaseOrderView::information(&at.document),
    }))
}

/// The order's lines.
#[utoipa::path(
    get,
    path = "/v1/purchase-orders/{id}/lines",
    tag = "purchase-orders",
    params(("id" = Uuid, Path, description = "Purchase order id")),
    responses(
        (status = 200, description = "`{\"purchase_order\": {\"lines\": […]}}`", body = LinesEnvelope),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn purchase_order_lines(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Json<LinesEnvelope>, ApiError> {
    let at =
        core::load_purchase_order(&ctx.ports, &caller.account_id, &DocumentId::from(id)).await?;
    Ok(Json(LinesEnvelope {
        purchase_order: LinesOnly {
            lines: lines_of(&at.document),
        },
    }))
}

/// One line of the order, by its `uuid`.
#[utoipa::path(
    get,
    path = "/v1/purchase-orders/{id}/lines/{uuid}",
    tag = "purchase-orders",
    params(
        ("id" = Uuid, Path, description = "Purchase order id"),
        ("uuid" = Uuid, Path, description = "The line's uuid"),
    ),
    responses(
        (status = 200, description = "`{\"purchase_order\": {\"line\": {…}}}`", body = LineEnvelope),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn purchase_order_line(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path((id, uuid)): Path<(Uuid, Uuid)>,
) -> Result<Json<LineEnvelope>, ApiError> {
    let at =
        core::load_purchase_order(&ctx.ports, &caller.account_id, &DocumentId::from(id)).await?;
    let uuid = uuid.to_string();
    let line = lines_of(&at.document)
        .into_iter()
        .find(|line| line.uuid == uuid)
        .ok_or(ApiError::from(uome_core::CoreError::NotFound))?;
    Ok(Json(LineEnvelope {
        purchase_order: LineOnly { line },
    }))
}

/// Issue the draft: the PDF is emailed to the vendor.
#[utoipa::path(
    post,
    path = "/v1/purchase-orders/{id}/issue",
    tag = "purchase-orders",
    params(
        ("id" = Uuid, Path, description = "Purchase order id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response"),
    ),
    responses(
        (status = 200, description = "The issued order", body = PurchaseOrderEnvelope),
        (status = 422, description = "`contact_has_no_email`: the vendor has no email address", body = Problem, content_type = "application/problem+json"),
        StatusRefused, EmailUnverified, NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn issue_purchase_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at = core::issue_purchase_order(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        &caller.subject,
        &DocumentId::from(id),
    )
    .await?;
    Ok(whole(StatusCode::OK, &at))
}

/// Record goods received, in part or in full.
#[utoipa::path(
    post,
    path = "/v1/purchase-orders/{id}/receive",
    tag = "purchase-orders",
    params(
        ("id" = Uuid, Path, description = "Purchase order id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response"),
    ),
    request_body = ReceiveRequest,
    responses(
        (status = 200, description = "The order: `partially_received`, or `received` once every line is in", body = PurchaseOrderEnvelope),
        (status = 422, description = "An unknown line `uuid`, a quantity ≤ 0 or more than is still to receive", body = Problem, content_type = "application/problem+json"),
        StatusRefused, MalformedJson, NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn receive_purchase_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Json(body): Json<ReceiveRequest>,
) -> Result<Response, ApiError> {
    let at = core::receive_purchase_order(
        &ctx.ports,
        &caller.account_id,
        &caller.subject,
        &DocumentId::from(id),
        body.receipts(),
    )
    .await?;
    Ok(whole(StatusCode::OK, &at))
}

/// Book the supplier's bill: Dr 5000 Expenses / Dr 2200 input tax / Cr
/// 2100 Accounts payable.
#[utoipa::path(
    post,
    path = "/v1/purchase-orders/{id}/bill",
    tag = "purchase-orders",
    params(
        ("id" = Uuid, Path, description = "Purchase order id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response"),
    ),
    request_body = BillRequest,
    responses(
        (status = 200, description = "The billed order", body = PurchaseOrderEnvelope),
        (status = 422, description = "A missing or bad `supplier_invoice_id`, `issue_date`, `due_date` or `total`", body = Problem, content_type = "application/problem+json"),
        StatusRefused, MalformedJson, NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn bill_purchase_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Json(body): Json<BillRequest>,
) -> Result<Response, ApiError> {
    let at = core::bill_purchase_order(
        &ctx.ports,
        &caller.account_id,
        &caller.subject,
        &DocumentId::from(id),
        body.into(),
    )
    .await?;
    Ok(whole(StatusCode::OK, &at))
}

/// Pay the bill, in full or in part: Dr 2100 / Cr 1000.
#[utoipa::path(
    post,
    path = "/v1/purchase-orders/{id}/pay",
    tag = "purchase-orders",
    params(
        ("id" = Uuid, Path, description = "Purchase order id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response"),
    ),
    request_body = PayRequest,
    responses(
        (status = 200, description = "The order, its bill's `paid` and `outstanding` moved", body = PurchaseOrderEnvelope),
        (status = 422, description = "`amount` ≤ 0 or over what is outstanding, `date`, `method`", body = Problem, content_type = "application/problem+json"),
        StatusRefused, MalformedJson, NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn pay_purchase_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Json(body): Json<PayRequest>,
) -> Result<Response, ApiError> {
    let at = core::pay_purchase_order(
        &ctx.ports,
        &caller.account_id,
        &caller.subject,
        &DocumentId::from(id),
        body.into(),
    )
    .await?;
    Ok(whole(StatusCode::OK, &at))
}

/// Cancel the order (not once it is billed: the bill would have to be
/// credited, which is not in this product).
#[utoipa::path(
    post,
    path = "/v1/purchase-orders/{id}/cancel",
    tag = "purchase-orders",
    params(
        ("id" = Uuid, Path, description = "Purchase order id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response"),
    ),
    responses(
        (status = 200, description = "The cancelled order", body = PurchaseOrderEnvelope),
        StatusRefused, NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn cancel_purchase_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at = core::cancel_purchase_order(
        &ctx.ports,
        &caller.account_id,
        &caller.subject,
        &DocumentId::from(id),
    )
    .await?;
    Ok(whole(StatusCode::OK, &at))
}

//! The business's order routes (API.md §8): extract, call the use case in
//! `uome_core::orders`, shape the answer. The account comes from the
//! credentials (owner or API client), never from the request.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::documents::{DocumentFilter, Viewer};
use uome_core::orders::{self, OrderAt, OrderPage, PlacedBy};
use uome_domain::DocumentId;
use uome_http::documents::{RejectBody, document_page, expand_lines, month_filter};
use uome_http::problem_responses::{
    BadListQuery, BusinessAuth, ContactBusy, MalformedJson, NotFound,
};
use uome_http::query_filter::given_owned;
use uome_http::{
    ApiError, AppContext, Business, Json, ListParams, OptionalJson, Page, Path, Problem, Query,
    created, versioned,
};
use uuid::Uuid;

use crate::dto::{ApproveOrderResponse, OrderListQuery, OrderRequest, OrderView};

uome_http::problem_responses! {
    /// The account does not take orders.
    pub(crate) struct OrderingDisabled { 403 => "`ordering_disabled`: `purchase_orders_enabled` is off" }
}

/// A single order with its version as `ETag`.
pub(crate) fn order_response(status: StatusCode, at: &OrderAt) -> Response {
    versioned(status, at.document.version, OrderView::from(at))
}

/// A page of orders as the API answers it: summaries unless `expand` asks
/// for lines.
pub(crate) fn order_list(
    ctx: &AppContext,
    scope: &str,
    page: OrderPage,
    expand: Option<&str>,
) -> Result<Page<OrderView>, ApiError> {
    Ok(document_page(
        page.documents.iter().map(OrderView::from).collect(),
        &page.after,
        page.next.as_ref(),
        expand_lines(expand)?,
        &ctx.cursors,
        scope,
    ))
}

/// Enter an order for a contact, priced from the catalogue (`ORD-0001`).
#[utoipa::path(
    post,
    path = "/v1/orders",
    tag = "orders",
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body = OrderRequest,
    responses(
        (status = 201, description = "Placed, `pending`; `Location` names it, `ETag` is its version", body = OrderView),
        (status = 422, description = "Every bad field: an unknown, another account's or inactive item, a quantity ≤ 0, more than 500 lines, an unknown currency or contact", body = Problem, content_type = "application/problem+json"),
        OrderingDisabled, MalformedJson, ContactBusy, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn create_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Json(body): Json<OrderRequest>,
) -> Result<Response, ApiError> {
    let at = orders::place_order(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        body.input(),
        PlacedBy::Business,
    )
    .await?;
    let location = format!("/v1/orders/{}", at.document.id);
    Ok(created(
        &location,
        at.document.version,
        OrderView::from(&at),
    ))
}

/// List orders, newest first.
#[utoipa::path(
    get,
    path = "/v1/orders",
    tag = "orders",
    params(OrderListQuery),
    responses(
        (status = 200, description = "One page", body = Page<OrderView>),
        (status = 422, description = "A bad `month` or `status`", body = Problem, content_type = "application/problem+json"),
        BadListQuery, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_orders(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    params: ListParams,
    Query(query): Query<OrderListQuery>,
) -> Result<Json<Page<OrderView>>, ApiError> {
    let filter = DocumentFilter {
        month: month_filter(query.month.as_deref())?,
        status: given_owned(query.status),
        contact_id: query.contact_id,
        overdue: false,
    };
    let scope = format!("{}:orders:{}", caller.account_id, filter.scope());
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = orders::list_orders(
        &ctx.ports,
        &caller.account_id,
        &filter,
        Viewer::Business,
        params.limit,
        start,
    )
    .await?;
    Ok(Json(order_list(
        &ctx,
        &scope,
        page,
        query.expand.as_deref(),
    )?))
}

/// One order.
#[utoipa::path(
    get,
    path = "/v1/orders/{id}",
    tag = "orders",
    params(("id" = Uuid, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order; `ETag` is its version", body = OrderView),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn get_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let id = DocumentId::from(id);
    let at = orders::get_order(&ctx.ports, &caller.account_id, &id, Viewer::Business).await?;
    Ok(order_response(StatusCode::OK, &at))
}

/// Approve the order: it becomes `approved` and an **issued** invoice of
/// its lines (`source: order`) is written with its ledger posting, in one
/// transaction.
#[utoipa::path(
    post,
    path = "/v1/orders/{id}/approve",
    tag = "orders",
    params(
        ("id" = Uuid, Path, description = "Order id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response"),
    ),
    responses(
        (status = 200, description = "The approved order and its issued invoice; `ETag` is the order's version", body = ApproveOrderResponse),
        (status = 409, description = "`already_approved` (with `invoice_id`), `invalid_status` (rejected, with `current_status`), `contact_busy`", body = Problem, content_type = "application/problem+json"),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn approve_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let id = DocumentId::from(id);
    let approved = orders::approve_order(&ctx.ports, &caller.account_id, &id).await?;
    Ok(versioned(
        StatusCode::OK,
        approved.order.document.version,
        ApproveOrderResponse::from(&approved),
    ))
}

/// Decline the order, optionally saying why; the client is emailed.
#[utoipa::path(
    post,
    path = "/v1/orders/{id}/reject",
    tag = "orders",
    params(
        ("id" = Uuid, Path, description = "Order id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response"),
    ),
    request_body(content = Option<RejectBody>, description = "Optional: a `reason`"),
    responses(
        (status = 200, description = "The rejected order", body = OrderView),
        (status = 409, description = "`invalid_status`: not pending (with `current_status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `reason` over 2,000 characters", body = Problem, content_type = "application/problem+json"),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn reject_order(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<RejectBody>,
) -> Result<Response, ApiError> {
    let id = DocumentId::from(id);
    let at = orders::reject_order(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        &id,
        body.reason,
    )
    .await?;
    Ok(order_response(StatusCode::OK, &at))
}

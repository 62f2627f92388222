//! The ordering routes of the client portal (API.md §10): the catalogue,
//! the client's own orders, and reminders to the business. A portal token
//! sees its own contact's orders and nothing else: anything else is 404,
//! exactly like an id that does not exist. The account and contact come
//! from the token, never from the request.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::documents::{DocumentFilter, Viewer};
use uome_core::orders::{self, PlacedBy, catalogue_scope};
use uome_domain::{ContactId, DocumentId};
use uome_http::problem_responses::{
    BadListQuery, MalformedJson, PortalAuth, PortalNotFound, ReminderThrottled,
};
use uome_http::query_filter::given_owned;
use uome_http::{
    ApiError, AppContext, Json, ListParams, Page, Path, PortalClient, Problem, Query, created,
};
use uuid::Uuid;

use super::orders::{OrderingDisabled, order_list, order_response};
use crate::dto::{
    CatalogueItemView, CatalogueQuery, OrderView, PortalOrderListQuery, PortalOrderRequest,
};

fn viewer(client: &PortalClient) -> Viewer<'_> {
    Viewer::Portal {
        contact_id: &client.contact_id,
    }
}

/// What the client may order: the business's active items by name, with
/// their prices.
#[utoipa::path(
    get,
    path = "/v1/portal/catalogue",
    tag = "portal",
    params(CatalogueQuery),
    responses(
        (status = 200, description = "One page of items", body = Page<CatalogueItemView>),
        OrderingDisabled, PortalAuth, BadListQuery,
    ),
    security(("bearer" = []))
)]
pub async fn portal_catalogue(
    State(ctx): State<AppContext>,
    client: PortalClient,
    params: ListParams,
    Query(query): Query<CatalogueQuery>,
) -> Result<Json<Page<CatalogueItemView>>, ApiError> {
    let search = given_owned(query.search);
    let scope = catalogue_scope(&client.account_id, search.as_deref());
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = orders::orderable_items(&ctx.ports, &client.account_id, search, params.limit, start)
        .await?;
    let items = page
        .items
        .into_iter()
        .map(CatalogueItemView::from)
        .collect();
    Ok(Json(Page::new(
        items,
        page.next.as_ref(),
        &ctx.cursors,
        &scope,
    )))
}

/// Order from the catalogue; the business is emailed.
#[utoipa::path(
    post,
    path = "/v1/portal/orders",
    tag = "portal",
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body = PortalOrderRequest,
    responses(
        (status = 201, description = "Placed, `pending`", body = OrderView),
        (status = 422, description = "Every bad field: an unknown or inactive item, a quantity ≤ 0, more than 500 lines, an unknown currency", body = Problem, content_type = "application/problem+json"),
        OrderingDisabled, MalformedJson, PortalAuth,
    ),
    security(("bearer" = []))
)]
pub async fn create_portal_order(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Json(body): Json<PortalOrderRequest>,
) -> Result<Response, ApiError> {
    let at = orders::place_order(
        &ctx.ports,
        &ctx.service,
        &client.account_id,
        body.input(&client.contact_id),
        PlacedBy::Client,
    )
    .await?;
    let location = format!("/v1/portal/orders/{}", at.document.id);
    Ok(created(
        &location,
        at.document.version,
        OrderView::from(&at),
    ))
}

/// The client's orders, newest first.
#[utoipa::path(
    get,
    path = "/v1/portal/orders",
    tag = "portal",
    params(PortalOrderListQuery),
    responses(
        (status = 200, description = "One page", body = Page<OrderView>),
        (status = 422, description = "A bad `status`", body = Problem, content_type = "application/problem+json"),
        PortalAuth, BadListQuery,
    ),
    security(("bearer" = []))
)]
pub async fn list_portal_orders(
    State(ctx): State<AppContext>,
    client: PortalClient,
    params: ListParams,
    Query(query): Query<PortalOrderListQuery>,
) -> Result<Json<Page<OrderView>>, ApiError> {
    let filter = DocumentFilter {
        status: given_owned(query.status),
        ..DocumentFilter::default()
    };
    let scope = format!(
        "{}:portal-orders:{}:{}",
        client.account_id,
        client.contact_id,
        filter.scope()
    );
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = orders::list_orders(
        &ctx.ports,
        &client.account_id,
        &filter,
        viewer(&client),
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

/// One of the client's orders.
#[utoipa::path(
    get,
    path = "/v1/portal/orders/{id}",
    tag = "portal",
    params(("id" = Uuid, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order; `ETag` is its version", body = OrderView),
        PortalAuth, PortalNotFound,
    ),
    security(("bearer" = []))
)]
pub async fn get_portal_order(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let id = DocumentId::from(id);
    let at = orders::get_order(&ctx.ports, &client.account_id, &id, viewer(&client)).await?;
    Ok(order_response(StatusCode::OK, &at))
}

/// Ask the business for an answer to a pending order (an email to the
/// business, at most one per 24 hours).
#[utoipa::path(
    post,
    path = "/v1/portal/orders/{id}/remind",
    tag = "portal",
    params(
        ("id" = Uuid, Path, description = "Order id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response"),
    ),
    responses(
        (status = 200, description = "The order, with `last_reminded_at`", body = OrderView),
        (status = 409, description = "`invalid_status`: not pending (with `current_status`)", body = Problem, content_type = "application/problem+json"),
        ReminderThrottled, PortalAuth, PortalNotFound,
    ),
    security(("bearer" = []))
)]
pub async fn remind_portal_order(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at = orders::remind_order(
        &ctx.ports,
        &ctx.service,
        &client.account_id,
        &ContactId::from(client.contact_id.as_str()),
        &DocumentId::from(id),
    )
    .await?;
    Ok(order_response(StatusCode::OK, &at))
}

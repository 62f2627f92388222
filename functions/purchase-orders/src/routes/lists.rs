//! The seed's lists: every purchase order of the account, and one vendor's
//! (`GET /v1/accounts/{id}/purchase-orders`, where `account` is the seed's
//! word for the vendor).

use axum::extract::{OriginalUri, State};
use http::HeaderMap;
use uome_core::purchase_orders::{self as core, ListQuery, kpis_by_currency};
use uome_http::problem_responses::{BusinessAuth, NotFound};
use uome_http::{ApiError, AppContext, Business, Json, Path, Problem, Query};
use uuid::Uuid;

use crate::dto::{
    KpisView, ListParams, PurchaseOrderList, PurchaseOrderView, VendorEnvelope,
    VendorPurchaseOrders, pagination, parse_fields, trimmed,
};

/// The URL the request came to (scheme from `X-Forwarded-Proto`, as API
/// Gateway and proxies set it; plain http on the local server).
fn request_url(headers: &HeaderMap, uri: &http::Uri) -> String {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let scheme = header("x-forwarded-proto").unwrap_or("http");
    let host = header("host").unwrap_or("localhost");
    format!("{scheme}://{host}{}", uri.path())
}

async fn page(
    ctx: &AppContext,
    account_id: &uome_domain::AccountId,
    vendor: Option<&str>,
    params: &ListParams,
) -> Result<(core::PurchaseOrderPage, ListQuery, Vec<serde_json::Value>), ApiError> {
    let query = ListQuery::parse(
        params.limit.as_deref(),
        params.offset.as_deref(),
        params.filter.as_deref(),
        params.order.as_deref(),
    )?;
    let keep = parse_fields(params.fields.as_deref())?;
    let page = core::list_purchase_orders(&ctx.ports, account_id, vendor, &query).await?;
    let orders = page
        .orders
        .iter()
        .map(|po| {
            let view = PurchaseOrderView::full(po, page.today);
            trimmed(
                serde_json::to_value(view).unwrap_or_default(),
                keep.as_deref(),
            )
        })
        .collect();
    Ok((page, query, orders))
}

/// The account's purchase orders, a page at a time (seed 002).
#[utoipa::path(
    get,
    path = "/v1/purchase-orders",
    tag = "purchase-orders",
    params(ListParams),
    responses(
        (status = 200, description = "`{\"purchase_orders\": […], \"pagination\": {records, limit, offset, previous_page, next_page}}`", body = PurchaseOrderList),
        (status = 400, description = "`invalid_query` naming the parameter: an unknown filter field, a malformed filter or order, `limit` over 200, a negative `offset`, an unknown key in `fields`", body = Problem, content_type = "application/problem+json"),
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_purchase_orders(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    Query(params): Query<ListParams>,
) -> Result<Json<PurchaseOrderList>, ApiError> {
    let (page, query, orders) = page(&ctx, &caller.account_id, None, &params).await?;
    let base = request_url(&headers, &uri);
    Ok(Json(PurchaseOrderList {
        purchase_orders: orders,
        pagination: pagination(&base, &params, query.limit, query.offset, page.records),
    }))
}

/// One vendor's purchase orders, and its KPIs per currency.
#[utoipa::path(
    get,
    path = "/v1/accounts/{id}/purchase-orders",
    tag = "purchase-orders",
    params(("id" = Uuid, Path, description = "The vendor's contact id"), ListParams),
    responses(
        (status = 200, description = "`{\"account\": {\"purchase_orders\": […], \"pagination\": {…}, \"kpis\": […]}}`", body = VendorEnvelope),
        (status = 400, description = "`invalid_query` naming the parameter", body = Problem, content_type = "application/problem+json"),
        NotFound, BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn vendor_purchase_orders(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<Uuid>,
    Query(params): Query<ListParams>,
) -> Result<Json<VendorEnvelope>, ApiError> {
    let vendor = id.to_string();
    // Another account's contact, or none: 404, like any unknown id.
    uome_core::contacts::load_contact(
        ctx.ports.table.as_ref(),
        &caller.account_id,
        &uome_domain::ContactId::from(vendor.as_str()),
    )
    .await?;
    let (page, query, orders) = page(&ctx, &caller.account_id, Some(&vendor), &params).await?;
    let base = request_url(&headers, &uri);
    let kpis = kpis_by_currency(&page.matched, page.today)
        .iter()
        .map(KpisView::from)
        .collect();
    Ok(Json(VendorEnvelope {
        account: VendorPurchaseOrders {
            purchase_orders: orders,
            pagination: pagination(&base, &params, query.limit, query.offset, page.records),
            kpis,
        },
    }))
}

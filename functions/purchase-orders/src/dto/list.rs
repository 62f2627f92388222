//! The seed's lists: the query parameters, the `pagination` block with its
//! page links, and `fields` trimming each order to the keys asked for.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uome_http::ApiError;
use utoipa::{IntoParams, ToSchema};

use super::view::KpisView;

/// `limit`, `offset`, `filter`, `fields`, `order` (seed 002).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// 1–200, default 50.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// How many matching orders to skip: 0 (default) to 1,000,000,000.
    #[param(value_type = Option<u64>, minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<String>,
    /// A comma list of `field:value`, `field>=value`, `field<=value` on
    /// `status`, `account_id`, `currency`, `issue_date`, `due_date`
    /// (`status:issued,issue_date>=2026-11-01`).
    pub filter: Option<String>,
    /// A comma list of the keys to answer (`id` always).
    pub fields: Option<String>,
    /// `issue_date:desc` (default), or `due_date`, `total`, `created_on`
    /// with `:asc` (default) or `:desc`.
    pub order: Option<String>,
}

/// The page and its neighbours.
#[derive(Debug, Serialize, ToSchema)]
pub struct Pagination {
    /// How many orders match the filter in all.
    pub records: u64,
    pub limit: u32,
    pub offset: u64,
    /// The previous page's URL; `null` on the first page.
    pub previous_page: Option<String>,
    /// The next page's URL; `null` on the last page.
    pub next_page: Option<String>,
}

/// `GET /v1/purchase-orders`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PurchaseOrderList {
    /// Orders as `GET /v1/purchase-orders/{id}` shows them (lines and KPIs
    /// included), trimmed to `fields` when it is given: so no key is
    /// required here.
    #[schema(value_type = Vec<Object>)]
    pub purchase_orders: Vec<Value>,
    pub pagination: Pagination,
}

/// One vendor's orders, and its KPIs per currency (the KPIs are an
/// addition to the seed's shape).
#[derive(Debug, Serialize, ToSchema)]
pub struct VendorPurchaseOrders {
    #[schema(value_type = Vec<Object>)]
    pub purchase_orders: Vec<Value>,
    pub pagination: Pagination,
    pub kpis: Vec<KpisView>,
}

/// `GET /v1/accounts/{id}/purchase-orders`.
#[derive(Debug, Serialize, ToSchema)]
pub struct VendorEnvelope {
    pub account: VendorPurchaseOrders,
}

/// The keys an order has, which `fields` may name.
pub const ORDER_KEYS: [&str; 25] = [
    "status",
    "id",
    "uuid",
    "number",
    "currency",
    "supplier_invoice_id",
    "issue_date",
    "due_date",
    "expected_completion_date",
    "subtotal",
    "tax",
    "total",
    "price_tax_inclusive",
    "purchase_order_note",
    "account_id",
    "created_by",
    "created_on",
    "last_updated_by",
    "last_updated_on",
    "version",
    "custom_attributes",
    "custom_objects",
    "bill",
    "lines",
    "kpis",
];

/// The keys `fields` keeps (with `id`), or every key: 400 naming `fields`
/// for a key orders do not have.
pub fn parse_fields(fields: Option<&str>) -> Result<Option<Vec<String>>, ApiError> {
    let Some(text) = fields.map(str::trim).filter(|f| !f.is_empty()) else {
        return Ok(None);
    };
    let mut keep = vec!["id".to_string()];
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !ORDER_KEYS.contains(&name) {
            return Err(ApiError::bad_request(
                "invalid_query",
                format!("fields: `{name}` is not a key of a purchase order"),
            ));
        }
        keep.push(name.to_string());
    }
    Ok(Some(keep))
}

/// `order` trimmed to `keep`.
pub fn trimmed(order: Value, keep: Option<&[String]>) -> Value {
    match (order, keep) {
        (Value::Object(map), Some(keep)) => Value::Object(
            map.into_iter()
                .filter(|(key, _)| keep.iter().any(|k| k == key))
                .collect(),
        ),
        (order, _) => order,
    }
}

/// The URL of the same list at `offset`: the request's own scheme, host,
/// path and parameters.
pub fn page_url(base: &str, params: &ListParams, limit: u32, offset: u64) -> String {
    let mut url = match url::Url::parse(base) {
        Ok(url) => url,
        Err(_) => return format!("?limit={limit}&offset={offset}"),
    };
    {
        let mut query = url.query_pairs_mut();
        query.clear();
        query.append_pair("limit", &limit.to_string());
        query.append_pair("offset", &offset.to_string());
        for (name, value) in [
            ("filter", &params.filter),
            ("fields", &params.fields),
            ("order", &params.order),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                query.append_pair(name, value);
            }
        }
    }
    url.to_string()
}

/// The pagination block of a page at `offset` of `records`.
pub fn pagination(
    base: &str,
    params: &ListParams,
    limit: u32,
    offset: u64,
    records: u64,
) -> Pagination {
    let previous_page = (offset > 0)
        .then(|| page_url(base, params, limit, offset.saturating_sub(u64::from(limit))));
    let next = offset.saturating_add(u64::from(limit));
    let next_page = (next < records).then(|| page_url(base, params, limit, next));
    Pagination {
        records,
        limit,
        offset,
        previous_page,
        next_page,
    }
}

//! The seed's list (`GET /v1/purchase-orders`, and one vendor's): `limit`
//! (1–200), `offset`, `filter`, `order`, and `records`, the count of all
//! that match.
//!
//! DynamoDB cannot skip to an offset nor count without reading, so the
//! list reads the orders' **summaries** (about 300 bytes each, one
//! partition per account, and per vendor on gsi1), filters and sorts them
//! in memory, counts them, and then reads only the page's orders by key.
//! A page costs the same at offset 0 as at offset 9,950: every summary
//! (a Query page per MB) plus one batch read per 100 orders of the page.
//! docs/purchase-orders.md has the measurements.

use std::cmp::Ordering;

use chrono::NaiveDate;
use uome_domain::purchase_order_state::PurchaseOrderStatus;
use uome_domain::{AccountId, DocumentId};

use super::record::PurchaseOrder;
use super::summary::PurchaseOrderSummary;
use crate::account::load_company;
use crate::documents::from_item;
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{DocType, document_key, purchase_order_index_pk, vendor_purchase_orders_pk};
use crate::ports::table::MAX_QUERY_LIMIT;
use crate::ports::{Index, Ports, Query};

/// The largest `limit`.
pub const MAX_LIMIT: u32 = 200;
/// The `limit` when none is given.
pub const DEFAULT_LIMIT: u32 = 50;
/// The largest `offset` (far past any account's orders; a bound the
/// OpenAPI document can state).
pub const MAX_OFFSET: u64 = 1_000_000_000;

/// The fields a filter may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterField {
    Status,
    AccountId,
    Currency,
    IssueDate,
    DueDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Gte,
    Lte,
}

/// One condition: `field:value`, `field>=value`, `field<=value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub field: FilterField,
    pub op: Op,
    pub value: String,
}

/// What the list can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderKey {
    IssueDate,
    DueDate,
    Total,
    CreatedOn,
}

/// The list's parameters, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    pub limit: u32,
    pub offset: u64,
    pub filters: Vec<Filter>,
    pub order: OrderKey,
    pub descending: bool,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            limit: DEFAULT_LIMIT,
            offset: 0,
            filters: Vec::new(),
            order: OrderKey::IssueDate,
            descending: true,
        }
    }
}

fn bad(parameter: &str, detail: impl Into<String>) -> CoreError {
    CoreError::bad_request("invalid_query", format!("{parameter}: {}", detail.into()))
}

fn date(parameter: &str, text: &str) -> CoreResult<NaiveDate> {
    uome_domain::date::parse_date(text)
        .map_err(|reason| bad(parameter, format!("`{text}` {reason}")))
}

impl ListQuery {
    /// Parses the seed's query parameters: 400 `invalid_query` naming the
    /// parameter (`limit`, `offset`, `filter`, `order`) for anything else.
    pub fn parse(
        limit: Option<&str>,
        offset: Option<&str>,
        filter: Option<&str>,
        order: Option<&str>,
    ) -> CoreResult<ListQuery> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let limit = match given(limit) {
            None => DEFAULT_LIMIT,
            Some(text) => match text.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(bad(
                        "limit",
                        format!("must be a whole number from 1 to {MAX_LIMIT}"),
                    ));
                }
            },
        };
        let offset = match given(offset) {
            None => 0,
            Some(text) => match text.parse::<u64>() {
                Ok(n) if n <= MAX_OFFSET => n,
                _ => {
                    return Err(bad(
                        "offset",
                        format!("must be a whole number from 0 to {MAX_OFFSET}"),
                    ));
                }
            },
        };
        let mut filters = Vec::new();
        for part in given(filter).into_iter().flat_map(|f| f.split(',')) {
            let part = part.trim();
            let (name, op, value) = if let Some((n, v)) = part.split_once(">=") {
                (n, Op::Gte, v)
            } else if let Some((n, v)) = part.split_once("<=") {
                (n, Op::Lte, v)
            } else if let Some((n, v)) = part.split_once(':') {
                (n, Op::Eq, v)
            } else {
                return Err(bad(
                    "filter",
                    format!("`{part}` is not field:value, field>=value or field<=value"),
                ));
            };
            let field = match name.trim() {
                "status" => FilterField::Status,
                "account_id" => FilterField::AccountId,
                "currency" => FilterField::Currency,
                "issue_date" => FilterField::IssueDate,
                "due_date" => FilterField::DueDate,
                other => {
                    return Err(bad(
                        "filter",
                        format!(
                            "`{other}` cannot be filtered on: status, account_id, currency, issue_date or due_date"
                        ),
                    ));
                }
            };
            let value = value.trim().to_string();
            match field {
                FilterField::IssueDate | FilterField::DueDate => {
                    date("filter", &value)?;
                }
                FilterField::Status => {
                    if op != Op::Eq {
                        return Err(bad("filter", "status takes `:` only"));
                    }
                    value
                        .parse::<PurchaseOrderStatus>()
                        .map_err(|_| bad("filter", format!("`{value}` is not a status")))?;
                }
                FilterField::AccountId | FilterField::Currency => {
                    if op != Op::Eq {
                        return Err(bad("filter", format!("{} takes `:` only", name.trim())));
                    }
                }
            }
            filters.push(Filter { field, op, value });
        }
        let (order, descending) = match given(order) {
            None => (OrderKey::IssueDate, true),
            Some(text) => {
                let (name, direction) = text.split_once(':').unwrap_or((text, "asc"));
                let key = match name.trim() {
                    "issue_date" => OrderKey::IssueDate,
                    "due_date" => OrderKey::DueDate,
                    "total" => OrderKey::Total,
                    "created_on" => OrderKey::CreatedOn,
                    _ => {
                        return Err(bad(
                            "order",
                            "sorts by issue_date, due_date, total or created_on",
                        ));
                    }
                };
                let descending = match direction.trim() {
                    "asc" => false,
                    "desc" => true,
                    _ => return Err(bad("order", "the direction is asc or desc")),
                };
                (key, descending)
            }
        };
        Ok(ListQuery {
            limit,
            offset,
            filters,
            order,
            descending,
        })
    }
}

fn keeps(filter: &Filter, o: &PurchaseOrderSummary) -> bool {
    let compare = |value: Option<NaiveDate>| {
        let Ok(wanted) = uome_domain::date::parse_date(&filter.value) else {
            return false;
        };
        match (value, filter.op) {
            (None, _) => false,
            (Some(v), Op::Eq) => v == wanted,
            (Some(v), Op::Gte) => v >= wanted,
            (Some(v), Op::Lte) => v <= wanted,
        }
    };
    match filter.field {
        FilterField::Status => o.status.as_str() == filter.value,
        FilterField::AccountId => o.vendor_id == filter.value,
        FilterField::Currency => o.currency.code().eq_ignore_ascii_case(&filter.value),
        FilterField::IssueDate => compare(Some(o.issue_date)),
        FilterField::DueDate => compare(o.due_date),
    }
}

fn ordering(key: OrderKey, a: &PurchaseOrderSummary, b: &PurchaseOrderSummary) -> Ordering {
    let by = match key {
        OrderKey::IssueDate => a.issue_date.cmp(&b.issue_date),
        OrderKey::DueDate => a.due_date.cmp(&b.due_date),
        OrderKey::Total => a.total.cmp(&b.total),
        OrderKey::CreatedOn => a.created_at.cmp(&b.created_at),
    };
    // Ties by creation, then id: a page boundary never moves an order.
    by.then(a.created_at.cmp(&b.created_at))
        .then(a.id.cmp(&b.id))
}

/// Every summary of the account, or of one vendor.
pub async fn summaries(
    ports: &Ports,
    account_id: &AccountId,
    vendor_id: Option<&str>,
) -> CoreResult<Vec<PurchaseOrderSummary>> {
    let query = match vendor_id {
        None => Query::partition(purchase_order_index_pk(account_id), MAX_QUERY_LIMIT),
        Some(vendor) => Query::partition(
            vendor_purchase_orders_pk(account_id, vendor),
            MAX_QUERY_LIMIT,
        )
        .on(Index::Gsi1),
    };
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = ports.table.query(&query.clone().after(after)).await?;
        for item in &page.items {
            out.push(item.parse::<PurchaseOrderSummary>()?);
        }
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(out),
        }
    }
}

/// One page of the list.
#[derive(Clone, Debug)]
pub struct PurchaseOrderPage {
    pub orders: Vec<PurchaseOrder>,
    /// How many orders match in all.
    pub records: u64,
    /// Today in the account's time zone (the KPIs' overdue).
    pub today: NaiveDate,
    /// The summaries that matched (the vendor's KPIs add them up).
    pub matched: Vec<PurchaseOrderSummary>,
}

/// The page `query` asks for, of the account's orders or one vendor's.
pub async fn list_purchase_orders(
    ports: &Ports,
    account_id: &AccountId,
    vendor_id: Option<&str>,
    query: &ListQuery,
) -> CoreResult<PurchaseOrderPage> {
    let table = ports.table.as_ref();
    let (company, mut all) = tokio::try_join!(
        load_company(table, account_id),
        summaries(ports, account_id, vendor_id),
    )?;
    all.retain(|o| query.filters.iter().all(|f| keeps(f, o)));
    all.sort_by(|a, b| {
        let by = ordering(query.order, a, b);
        if query.descending { by.reverse() } else { by }
    });
    let records = all.len() as u64;
    let start = usize::try_from(query.offset)
        .unwrap_or(usize::MAX)
        .min(all.len());
    let end = start.saturating_add(query.limit as usize).min(all.len());
    let keys: Vec<_> = all[start..end]
        .iter()
        .map(|o| {
            document_key(
                account_id,
                DocType::PurchaseOrder,
                &DocumentId::from(o.id.as_str()),
            )
        })
        .collect();
    let fetched = Fetched::read(table, keys.clone()).await?;
    let orders = keys
        .iter()
        .filter_map(|key| fetched.get(key))
        .map(from_item::<PurchaseOrder>)
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(PurchaseOrderPage {
        orders,
        records,
        today: company.today(ports.clock.now()),
        matched: all,
    })
}

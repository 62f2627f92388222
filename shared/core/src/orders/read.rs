//! Reading orders: one (the order and the company, whose time zone gives
//! today), or a page of them, newest first (`documents::list`). A portal
//! client sees only its own contact's orders.

use std::str::FromStr;

use uome_domain::order_state::OrderStatus;
use uome_domain::{AccountId, DocumentId};

use super::document::OrderAt;
use super::record::Order;
use crate::documents::list::list;
use crate::documents::load::load_at;
use crate::documents::{DocumentFilter, DocumentPage, Viewer};
use crate::error::{CoreError, CoreResult};
use crate::ports::{LastKey, Ports};

/// One page of orders.
pub type OrderPage = DocumentPage<Order>;

/// `GET /v1/orders/{id}` and the portal's.
pub async fn get_order(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<OrderAt> {
    load_at::<Order>(ports, account_id, id, viewer).await
}

/// `GET /v1/orders` and the portal's: `filter.status` keeps one status
/// (422 on an unknown one).
pub async fn list_orders(
    ports: &Ports,
    account_id: &AccountId,
    filter: &DocumentFilter,
    viewer: Viewer<'_>,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<OrderPage> {
    let status = match filter.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => Some(OrderStatus::from_str(text).map_err(|_| {
            CoreError::invalid_field("status", "must be one of pending, approved, rejected")
        })?),
    };
    list::<Order>(
        ports,
        account_id,
        filter,
        viewer,
        (limit, start_after),
        status.is_some(),
        |at| status.is_none_or(|status| at.document.status == status),
    )
    .await
}

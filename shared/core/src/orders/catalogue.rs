//! `GET /v1/portal/catalogue`: what a client may order, the account's
//! active items by name, only while the account takes orders (403
//! `ordering_disabled`).

use uome_domain::AccountId;

use super::create::ordering_disabled;
use crate::account::settings::load_settings;
use crate::catalogue::{ItemFilter, ItemPage, list_items};
use crate::error::CoreResult;
use crate::ports::{LastKey, Ports};

/// One page of the orderable items; `search` matches a prefix of the name
/// or the number.
pub async fn orderable_items(
    ports: &Ports,
    account_id: &AccountId,
    search: Option<String>,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<ItemPage> {
    let table = ports.table.as_ref();
    if !load_settings(table, account_id)
        .await?
        .purchase_orders_enabled
    {
        return Err(ordering_disabled());
    }
    let filter = ItemFilter {
        search,
        active: Some(true),
        ..ItemFilter::default()
    };
    list_items(table, account_id, &filter, limit, start_after).await
}

/// The cursor scope of the catalogue filtered by `search`.
pub fn catalogue_scope(account_id: &AccountId, search: Option<&str>) -> String {
    let filter = ItemFilter {
        search: search.map(str::to_string),
        active: Some(true),
        ..ItemFilter::default()
    };
    format!("{account_id}:portal-catalogue:{}", filter.scope())
}

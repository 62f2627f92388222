//! `GET /v1/recurring-invoices`: newest start first, one Query per page.

use crate::documents::page_fill::{fill_page_with_keys, read_size};
use crate::error::CoreResult;
use crate::keys::{DocType, documents_by_contact_pk, documents_by_date_pk};
use crate::ports::{Index, LastKey, Query, SortKey, Table};
use uome_domain::AccountId;
use uome_domain::ContactId;

use super::record::RecurringInvoice;

/// The list's filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecurringFilter {
    pub active: Option<bool>,
    pub contact_id: Option<String>,
}

impl RecurringFilter {
    /// What a cursor is bound to: the account, this list and the filters.
    pub fn scope(&self, account_id: &AccountId) -> String {
        format!(
            "{account_id}:recurring-invoices:{}|{}",
            self.active.map(|a| a.to_string()).unwrap_or_default(),
            self.contact_id.as_deref().unwrap_or_default()
        )
    }
}

/// One page; `next` is `Some` when more items follow (a page filtered on
/// `active` may hold fewer than `limit` items even then).
#[derive(Clone, Debug)]
pub struct RecurringPage {
    pub items: Vec<RecurringInvoice>,
    pub next: Option<LastKey>,
    /// `after[i]` starts a page right after `items[i]`.
    pub after: Vec<LastKey>,
}

/// The account's recurring invoices by start date, newest first: gsi1
/// (`ACCOUNT#<acc>#RECURRING`), or the contact's documents on gsi2
/// (`RECURRING#` prefix) when `contact_id` is given. `active` is applied
/// to what the Queries read, and the page reads on until it is full
/// (`documents::page_fill`).
pub async fn list_recurring(
    table: &dyn Table,
    account_id: &AccountId,
    filter: &RecurringFilter,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<RecurringPage> {
    let filtered = filter.active.is_some();
    let read = read_size(limit, filtered);
    let query = match filter.contact_id.as_deref() {
        Some(contact_id) => Query::partition(
            documents_by_contact_pk(account_id, &ContactId::from(contact_id)),
            read,
        )
        .on(Index::Gsi2)
        .sk(SortKey::BeginsWith(format!(
            "{}#",
            DocType::Recurring.tag()
        ))),
        None => Query::partition(documents_by_date_pk(account_id, DocType::Recurring), read)
            .on(Index::Gsi1),
    }
    .backward()
    .after(start_after);
    let page = table.query(&query).await?;
    let (found, next) = fill_page_with_keys(table, &query, page, limit, filtered, |item| {
        let record = RecurringInvoice::from_item(item)?;
        Ok(filter
            .active
            .is_none_or(|active| active == record.active)
            .then_some(record))
    })
    .await?;
    let (items, after) = found.into_iter().unzip();
    Ok(RecurringPage { items, next, after })
}

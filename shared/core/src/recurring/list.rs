//! `GET /v1/recurring-invoices`: newest start first, one Query per page.

use crate::error::CoreResult;
use crate::keys::{DocType, documents_by_contact_pk, documents_by_date_pk};
use crate::ports::{Index, LastKey, Query, SortKey, Table};

use super::record::RecurringInvoice;

/// The list's filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecurringFilter {
    pub active: Option<bool>,
    pub contact_id: Option<String>,
}

impl RecurringFilter {
    /// What a cursor is bound to: the account, this list and the filters.
    pub fn scope(&self, account_id: &str) -> String {
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
}

/// The account's recurring invoices by start date, newest first: gsi1
/// (`ACCOUNT#<acc>#RECURRING`), or the contact's documents on gsi2
/// (`RECURRING#` prefix) when `contact_id` is given. `active` is applied
/// to the page's items.
pub async fn list_recurring(
    table: &dyn Table,
    account_id: &str,
    filter: &RecurringFilter,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<RecurringPage> {
    let query = match filter.contact_id.as_deref() {
        Some(contact_id) => {
            Query::partition(documents_by_contact_pk(account_id, contact_id), limit)
                .on(Index::Gsi2)
                .sk(SortKey::BeginsWith(format!(
                    "{}#",
                    DocType::Recurring.tag()
                )))
        }
        None => Query::partition(documents_by_date_pk(account_id, DocType::Recurring), limit)
            .on(Index::Gsi1),
    }
    .backward()
    .after(start_after);
    let page = table.query(&query).await?;
    let mut items = Vec::with_capacity(page.items.len());
    for item in &page.items {
        let record = RecurringInvoice::from_item(item)?;
        if filter.active.is_none_or(|active| active == record.active) {
            items.push(record);
        }
    }
    Ok(RecurringPage {
        items,
        next: page.next,
    })
}

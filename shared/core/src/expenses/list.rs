//! Lists of expenses, newest first: the account's (gsi1, by date) and an
//! invoice's (gsi2, by invoice then date). Each page is one Query.

use super::model::Expense;
use super::store::{canonical_id, from_item};
use crate::error::{CoreError, CoreResult};
use crate::keys::{DocType, document_key, documents_by_date_pk, invoice_expenses_pk};
use crate::ports::{Index, LastKey, Query, SortKey, Table};
use uome_domain::AccountId;
use uome_domain::DocumentId;

/// The filters of `GET /v1/expenses`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExpenseFilter {
    /// `(year, month)`: expenses dated that month.
    pub month: Option<(i32, u32)>,
    /// Only the expenses linked to this invoice.
    pub invoice_id: Option<String>,
}

impl ExpenseFilter {
    /// The sort-key prefix of the month, `2026-11-` (both indexes sort by
    /// `<date>#<id>`).
    fn month_prefix(&self) -> Option<String> {
        self.month.map(|(y, m)| format!("{y:04}-{m:02}-"))
    }

    /// A stable text of the filter, for binding cursors to it.
    pub fn scope(&self) -> String {
        format!(
            "{}|{}",
            self.month_prefix().unwrap_or_default(),
            self.invoice_id.as_deref().unwrap_or_default()
        )
    }
}

/// One page of expenses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpensePage {
    pub expenses: Vec<Expense>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<LastKey>,
}

/// The account's expenses, newest first. With `invoice_id`, those linked to
/// that invoice (an unknown invoice simply has none).
pub async fn list_expenses(
    table: &dyn Table,
    account_id: &AccountId,
    filter: &ExpenseFilter,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<ExpensePage> {
    let (index, pk) = match filter.invoice_id.as_deref() {
        Some(invoice) => {
            let Some(invoice) = canonical_id(&DocumentId::from(invoice)) else {
                return Ok(ExpensePage {
                    expenses: Vec::new(),
                    next: None,
                });
            };
            (Index::Gsi2, invoice_expenses_pk(account_id, &invoice))
        }
        None => (
            Index::Gsi1,
            documents_by_date_pk(account_id, DocType::Expense),
        ),
    };
    page(table, index, pk, filter, limit, start_after).await
}

/// `GET /v1/invoices/{id}/expenses`: 404 unless the invoice is the
/// account's; else its expenses, newest first. The invoice's existence and
/// the page are read concurrently (one round trip of latency).
pub async fn list_invoice_expenses(
    table: &dyn Table,
    account_id: &AccountId,
    invoice_id: &DocumentId,
    month: Option<(i32, u32)>,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<ExpensePage> {
    let invoice = canonical_id(invoice_id).ok_or(CoreError::NotFound)?;
    let filter = ExpenseFilter {
        month,
        invoice_id: Some(invoice.clone()),
    };
    let key = document_key(account_id, DocType::Invoice, &DocumentId::from(&invoice));
    let (found, page) = tokio::join!(
        table.get(&key),
        page(
            table,
            Index::Gsi2,
            invoice_expenses_pk(account_id, &invoice),
            &filter,
            limit,
            start_after
        )
    );
    found?.ok_or(CoreError::NotFound)?;
    page
}

/// One backward page of an index partition, within the month if any.
async fn page(
    table: &dyn Table,
    index: Index,
    pk: String,
    filter: &ExpenseFilter,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<ExpensePage> {
    let sk = filter
        .month_prefix()
        .map_or(SortKey::All, SortKey::BeginsWith);
    let query = Query::partition(pk, limit)
        .on(index)
        .sk(sk)
        .backward()
        .after(start_after);
    let page = table.query(&query).await?;
    let expenses = page
        .items
        .iter()
        .map(from_item)
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(ExpensePage {
        expenses,
        next: page.next,
    })
}

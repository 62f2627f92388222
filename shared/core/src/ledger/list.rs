//! Reading ledger transactions back, oldest first (the order an accountant
//! reads a journal in). Every read is a Query: on the account partition
//! (`LEDGER#<date>#<id>`) or on gsi2 under one document. Within a day the
//! ids, UUID v7, keep the order the events were recorded in.

use crate::error::CoreResult;
use crate::keys::{account_pk, ledger_by_document_pk};
use crate::ports::table::MAX_QUERY_LIMIT;
use crate::ports::{Index, Item, LastKey, Ports, Query, Table};
use uome_domain::AccountId;

use super::filter::LedgerFilter;
use super::record::LedgerRecord;

/// The Query behind a filter, first page, `limit` rows.
fn query(account_id: &AccountId, filter: &LedgerFilter, limit: u32) -> Query {
    let base = match &filter.document_id {
        Some(document_id) => {
            Query::partition(ledger_by_document_pk(account_id, document_id), limit).on(Index::Gsi2)
        }
        None => Query::partition(account_pk(account_id), limit),
    };
    base.sk(filter.sort_key())
}

fn records(items: &[Item]) -> CoreResult<Vec<LedgerRecord>> {
    Ok(items
        .iter()
        .map(Item::parse::<LedgerRecord>)
        .collect::<Result<_, _>>()?)
}

/// One page of the account's ledger: one Query. `limit` is clamped to
/// what a Query may ask for; `after` is the previous page's `next`.
pub async fn list_transactions(
    ports: &Ports,
    account_id: &AccountId,
    filter: LedgerFilter,
    limit: u32,
    after: Option<LastKey>,
) -> CoreResult<(Vec<LedgerRecord>, Option<LastKey>)> {
    let limit = limit.clamp(1, MAX_QUERY_LIMIT);
    let page = ports
        .table
        .query(&query(account_id, &filter, limit).after(after))
        .await?;
    Ok((records(&page.items)?, page.next))
}

/// Every transaction of one document (issue, payments, cancel), oldest
/// first. A document of another account, or none, has no transactions:
/// the caller that needs a 404 checks the document itself.
pub async fn for_document(
    ports: &Ports,
    account_id: &AccountId,
    document_id: &str,
) -> CoreResult<Vec<LedgerRecord>> {
    let filter = LedgerFilter {
        month: None,
        document_id: Some(document_id.to_string()),
    };
    read_all(
        ports.table.as_ref(),
        query(account_id, &filter, MAX_QUERY_LIMIT),
    )
    .await
}

/// Every transaction of the account, oldest first, following cursors
/// until the partition's ledger rows end (one Query per 1 MB page).
pub async fn all_transactions(
    ports: &Ports,
    account_id: &AccountId,
) -> CoreResult<Vec<LedgerRecord>> {
    read_all(
        ports.table.as_ref(),
        query(account_id, &LedgerFilter::default(), MAX_QUERY_LIMIT),
    )
    .await
}

async fn read_all(table: &dyn Table, first: Query) -> CoreResult<Vec<LedgerRecord>> {
    let mut out = Vec::new();
    let mut next = None;
    loop {
        let page = table.query(&first.clone().after(next)).await?;
        out.extend(records(&page.items)?);
        match page.next {
            Some(last) => next = Some(last),
            None => return Ok(out),
        }
    }
}

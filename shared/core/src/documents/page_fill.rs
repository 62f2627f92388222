//! Pages of a filtered list that fill up (issue 9).
//!
//! A filter with no index behind it (a document's status, `overdue`, the
//! portal hiding drafts) is applied to the items a Query read. One Query of
//! `limit` items would answer short pages, even empty ones, with a cursor
//! while more matches follow. Instead a filtered page reads on until it
//! holds `limit` matches: each Query reads [`FILTERED_READ`] items (or
//! `limit`, if more), at most [`MAX_FILTERED_QUERIES`] Queries a page, and
//! the cursor is the last item examined, so the next page starts right
//! after it and nothing is skipped or repeated.
//!
//! The bound keeps one request's cost and latency fixed: past it (more than
//! 500 non-matching documents in a row) the page is answered with what was
//! found and a cursor, and the client reads on. An unfiltered list stays
//! one Query of `limit` items per page.

use crate::error::CoreResult;
use crate::ports::table::MAX_QUERY_LIMIT;
use crate::ports::{Item, LastKey, Page, Query, Table};

/// Items one Query of a filtered list reads, at least.
pub const FILTERED_READ: u32 = 100;
/// Queries one page of a filtered list may run.
pub const MAX_FILTERED_QUERIES: usize = 5;

/// The Query's `limit` for a page of `limit` items.
pub fn read_size(limit: u32, filtered: bool) -> u32 {
    if filtered {
        limit.clamp(FILTERED_READ, MAX_QUERY_LIMIT)
    } else {
        limit
    }
}

/// Up to `limit` items that `keep` turns into `Some`, from `first` (the
/// answer to `query`, read by the caller, often beside other reads) and,
/// when `filtered`, the Queries after it; and the cursor of the next page.
pub async fn fill_page<T>(
    table: &dyn Table,
    query: &Query,
    first: Page,
    limit: u32,
    filtered: bool,
    keep: impl FnMut(&Item) -> CoreResult<Option<T>>,
) -> CoreResult<(Vec<T>, Option<LastKey>)> {
    let (kept, next) = fill_page_with_keys(table, query, first, limit, filtered, keep).await?;
    Ok((kept.into_iter().map(|(item, _)| item).collect(), next))
}

/// [`fill_page`], with each item the cursor that starts a page right after
/// it, so the caller may end the page early (at a size in bytes) and still
/// skip or repeat nothing.
pub async fn fill_page_with_keys<T>(
    table: &dyn Table,
    query: &Query,
    first: Page,
    limit: u32,
    filtered: bool,
    mut keep: impl FnMut(&Item) -> CoreResult<Option<T>>,
) -> CoreResult<(Vec<(T, LastKey)>, Option<LastKey>)> {
    let wanted = usize::try_from(limit).unwrap_or(usize::MAX);
    let last_key = |item: &Item| LastKey {
        key: item.key.clone(),
        index: query.index.and_then(|index| item.index_key(index).cloned()),
    };
    let mut found = Vec::new();
    let mut page = first;
    let mut queries = 1;
    loop {
        let count = page.items.len();
        for (i, item) in page.items.iter().enumerate() {
            if let Some(kept) = keep(item)? {
                found.push((kept, last_key(item)));
            }
            if found.len() == wanted {
                let more = i + 1 < count || page.next.is_some();
                return Ok((found, more.then(|| last_key(item))));
            }
        }
        let Some(next) = page.next.take() else {
            return Ok((found, None));
        };
        if !filtered || queries >= MAX_FILTERED_QUERIES {
            return Ok((found, Some(next)));
        }
        let mut again = query.clone();
        again.start_after = Some(next);
        page = table.query(&again).await?;
        queries += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filtered_pages_read_at_least_a_hundred() {
        assert_eq!(read_size(20, false), 20);
        assert_eq!(read_size(20, true), 100);
        assert_eq!(read_size(200, true), 200);
        assert_eq!(read_size(1000, true), 1000);
    }
}

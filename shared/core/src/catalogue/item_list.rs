//! The item list: by name, optionally searched by a case-insensitive prefix
//! of the name or the number, and filtered by type, family and active.
//!
//! Every page is a Query on an index of the account's own items, never a
//! scan. A search runs in two phases: names (gsi1) first, then numbers
//! (gsi2), leaving out items the first phase already listed; a cursor
//! knows its phase from the index partition it points into. Filters that no
//! index serves (type, family, active) are applied to what the query reads,
//! DynamoDB-filter style, with at most [`MAX_QUERIES_PER_PAGE`] queries per
//! page: a page may hold fewer than `limit` items while `next` is still set.

use super::items::item_from;
use super::model::{Item, ItemType};
use super::text::{NAME_MAX, fold, key_text};
use crate::error::{CoreError, CoreResult};
use crate::keys::{items_by_name_pk, items_by_number_pk};
use crate::ports::table::MAX_QUERY_LIMIT;
use crate::ports::{Index, LastKey, Query, SortKey, Table};
use uome_domain::AccountId;

/// Bounds the reads of one page when filters leave most items out.
pub const MAX_QUERIES_PER_PAGE: usize = 4;

/// What the list is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemFilter {
    /// Case-insensitive prefix of the name or the number.
    pub search: Option<String>,
    pub item_type: Option<ItemType>,
    /// Case-insensitive, whole value.
    pub family: Option<String>,
    pub active: Option<bool>,
}

impl ItemFilter {
    /// The filters in a canonical text, for binding cursors to them.
    pub fn scope(&self) -> String {
        serde_json::json!([
            self.search_text(),
            self.item_type.map(ItemType::as_str),
            self.family_text(),
            self.active,
        ])
        .to_string()
    }

    fn search_text(&self) -> Option<String> {
        self.search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(fold)
    }

    fn family_text(&self) -> Option<String> {
        self.family
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(fold)
    }
}

/// One page of items and where the next one starts.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemPage {
    pub items: Vec<Item>,
    pub next: Option<LastKey>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Names,
    Numbers,
}

/// One page of the account's items, ascending by name (then by number for
/// the number phase of a search). `limit` is clamped to 1–1000.
pub async fn list_items(
    table: &dyn Table,
    account_id: &AccountId,
    filter: &ItemFilter,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<ItemPage> {
    let limit = limit.clamp(1, MAX_QUERY_LIMIT);
    let search = filter.search_text();
    let family = filter.family_text();
    if search
        .as_ref()
        .is_some_and(|s| s.chars().count() > NAME_MAX)
    {
        // Longer than any name or number can be: nothing matches.
        return Ok(ItemPage {
            items: Vec::new(),
            next: None,
        });
    }
    let phases: &[Phase] = if search.is_some() {
        &[Phase::Names, Phase::Numbers]
    } else {
        &[Phase::Names]
    };
    let partition = |phase: Phase| match phase {
        Phase::Names => (Index::Gsi1, items_by_name_pk(account_id)),
        Phase::Numbers => (Index::Gsi2, items_by_number_pk(account_id)),
    };

    let (mut at, mut after) = match start_after {
        None => (0, None),
        Some(last) => {
            let phase = phases.iter().position(|p| {
                last.index
                    .as_ref()
                    .is_some_and(|index| index.pk == partition(*p).1)
            });
            match phase {
                Some(phase) => (phase, Some(last)),
                None => {
                    return Err(CoreError::bad_request(
                        "invalid_cursor",
                        "The cursor is not valid for this list.",
                    ));
                }
            }
        }
    };

    let matches = |item: &Item, phase: Phase| {
        let in_search = |text: &str| search.as_ref().is_none_or(|s| fold(text).starts_with(s));
        let by_search = match phase {
            Phase::Names => in_search(&item.name),
            // Items whose name matched were listed in the first phase.
            Phase::Numbers => in_search(&item.number) && !in_search(&item.name),
        };
        by_search
            && filter.item_type.is_none_or(|t| t == item.item_type)
            && filter.active.is_none_or(|a| a == item.active)
            && family
                .as_ref()
                .is_none_or(|f| item.family.as_deref().is_some_and(|g| fold(g) == *f))
    };

    let mut items = Vec::new();
    // The last item read in the previous phase: where to resume when the
    // query budget runs out exactly as a phase ends.
    let mut previous_last: Option<LastKey> = None;
    for _ in 0..MAX_QUERIES_PER_PAGE {
        let Some(&phase) = phases.get(at) else {
            return Ok(ItemPage { items, next: None });
        };
        let (index, pk) = partition(phase);
        let sk = match &search {
            Some(s) => SortKey::BeginsWith(key_text(s)),
            None => SortKey::All,
        };
        let query = Query::partition(pk, limit)
            .on(index)
            .sk(sk)
            .after(after.take());
        let page = table.query(&query).await?;
        let read = page.items.len();
        for (i, stored) in page.items.iter().enumerate() {
            let here = LastKey {
                key: stored.key.clone(),
                index: stored.index_key(index).cloned(),
            };
            let item = item_from(stored)?;
            if matches(&item, phase) {
                items.push(item);
            }
            let last_of_all = i + 1 == read && page.next.is_none() && at + 1 == phases.len();
            if items.len() as u64 >= u64::from(limit) {
                return Ok(ItemPage {
                    items,
                    next: (!last_of_all).then_some(here),
                });
            }
            previous_last = Some(here);
        }
        match page.next {
            Some(next) => after = Some(next),
            None => at += 1,
        }
    }
    // Budget spent: resume where reading stopped.
    let next = if at >= phases.len() {
        None
    } else {
        after.or(previous_last)
    };
    Ok(ItemPage { items, next })
}

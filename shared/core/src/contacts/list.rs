//! Listing and searching an account's contacts. Always a Query on the
//! account's own partitions, never a scan:
//!
//! - no search: gsi1 `ACCOUNT#<acc>#CONTACTS` (or `…_ARCHIVED`), by
//!   normalised display name;
//! - `search`: the account partition's term rows `CTERM#<0|1>#<prefix>`,
//!   each carrying a copy of its contact; a contact matching through
//!   several terms is yielded by its first matching row only.
//!
//! `archived` is keyed (separate partitions / term prefixes). `tag`, `role`
//! and `status` are applied to the rows the Query returns; a page then
//! keeps querying (at most [`MAX_QUERIES_PER_PAGE`] Queries, over-fetching
//! twofold) until `limit` contacts match or the partition ends. When the
//! bound is hit first the page is shorter than `limit` and its cursor
//! continues where the reading stopped.

use serde_json::json;
use uome_domain::AccountId;

use super::model::{Contact, ContactRole, ContactStatus};
use super::search::{is_first_match, normalise_term};
use super::store::{TermRow, from_item};
use crate::error::CoreResult;
use crate::keys::{account_pk, contact_term_prefix, contacts_by_name_pk};
use crate::ports::table::MAX_QUERY_LIMIT;
use crate::ports::{Index, Item, LastKey, Query, SortKey, Table};

/// Longest search honoured, in characters; the rest is ignored.
pub const MAX_SEARCH_CHARS: usize = 255;
/// Queries one page may run when filters drop rows.
pub const MAX_QUERIES_PER_PAGE: usize = 5;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactFilter {
    /// Case-insensitive prefix of the display name, last name, company
    /// name, email or number.
    pub search: Option<String>,
    /// A tag the contact has (ignoring case).
    pub tag: Option<String>,
    pub role: Option<ContactRole>,
    pub status: Option<ContactStatus>,
    /// Archived contacts instead of active ones.
    pub archived: bool,
}

impl ContactFilter {
    /// The normalised search prefix; `None` for no (or a blank) search.
    pub fn search_prefix(&self) -> Option<String> {
        let search = self.search.as_deref()?;
        let capped: String = search.chars().take(MAX_SEARCH_CHARS).collect();
        Some(normalise_term(&capped)).filter(|p| !p.is_empty())
    }

    fn tag_key(&self) -> Option<String> {
        self.tag
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
    }

    /// The cursor scope: the account, this list and every filter, so a
    /// cursor only continues the very list it came from.
    pub fn scope(&self, account_id: &AccountId) -> String {
        json!([
            "contacts",
            account_id,
            self.archived,
            self.search_prefix(),
            self.tag_key(),
            self.role.map(ContactRole::as_str),
            self.status.map(ContactStatus::as_str),
        ])
        .to_string()
    }

    fn drops_rows(&self) -> bool {
        self.tag_key().is_some() || self.role.is_some() || self.status.is_some()
    }

    fn matches(&self, contact: &Contact, tag: Option<&str>) -> bool {
        self.role.is_none_or(|r| contact.has_role(r))
            && self.status.is_none_or(|s| contact.status == s)
            && tag.is_none_or(|t| contact.tags.iter().any(|c| c.to_lowercase() == t))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContactPage {
    pub contacts: Vec<Contact>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<LastKey>,
}

pub async fn list_contacts(
    table: &dyn Table,
    account_id: &AccountId,
    filter: &ContactFilter,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<ContactPage> {
    let limit = limit.clamp(1, MAX_QUERY_LIMIT) as usize;
    let prefix = filter.search_prefix();
    let tag = filter.tag_key();
    let (base, index) = match &prefix {
        Some(p) => (
            Query::partition(account_pk(account_id), 1).sk(SortKey::BeginsWith(format!(
                "{}{p}",
                contact_term_prefix(filter.archived)
            ))),
            None,
        ),
        None => (
            Query::partition(contacts_by_name_pk(account_id, filter.archived), 1).on(Index::Gsi1),
            Some(Index::Gsi1),
        ),
    };
    let drops_rows = prefix.is_some() || filter.drops_rows();
    let mut contacts = Vec::new();
    let mut start = start_after;

    for _ in 0..MAX_QUERIES_PER_PAGE {
        let want = limit - contacts.len();
        let fetch = if drops_rows { want * 2 } else { want };
        let mut query = base.clone().after(start.clone());
        query.limit = u32::try_from(fetch)
            .unwrap_or(MAX_QUERY_LIMIT)
            .clamp(1, MAX_QUERY_LIMIT);
        let page = table.query(&query).await?;
        let count = page.items.len();
        for (i, item) in page.items.iter().enumerate() {
            let contact = match &prefix {
                Some(p) => {
                    let row: TermRow = item.parse()?;
                    is_first_match(&row.term, &row.terms, &row.contact.id, p).then_some(row.contact)
                }
                None => Some(from_item(item)?),
            };
            if let Some(contact) = contact.filter(|c| filter.matches(c, tag.as_deref())) {
                contacts.push(contact);
            }
            if contacts.len() == limit {
                let more = i + 1 < count || page.next.is_some();
                return Ok(ContactPage {
                    contacts,
                    next: more.then(|| last_key(item, index)),
                });
            }
        }
        match page.next {
            Some(next) => start = Some(next),
            None => {
                return Ok(ContactPage {
                    contacts,
                    next: None,
                });
            }
        }
    }
    Ok(ContactPage {
        contacts,
        next: start,
    })
}

fn last_key(item: &Item, index: Option<Index>) -> LastKey {
    LastKey {
        key: item.key.clone(),
        index: index.and_then(|i| item.index_key(i).cloned()),
    }
}

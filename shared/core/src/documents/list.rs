//! A page of one kind's documents, newest issue date first: on gsi1 (the
//! account's documents of the kind by issue date) or, with a contact, on
//! gsi2 (the contact's documents, `<KIND>#<date>#<id>`). The month narrows
//! the sort key; every other filter is applied to what the Queries read,
//! and the page reads on until it is full ([`super::page_fill`]).

use super::DocumentFilter;
use super::at::At;
use super::document::{Document, from_item};
use super::page_fill::{fill_page_with_keys, read_size};
use super::viewer::Viewer;
use crate::account::load_company;
use crate::error::CoreResult;
use crate::keys::{documents_by_contact_pk, documents_by_date_pk};
use crate::ports::{Index, LastKey, Ports, Query, SortKey};
use uome_domain::AccountId;
use uome_domain::ContactId;

/// One page of a document list.
#[derive(Clone, Debug)]
pub struct DocumentPage<D> {
    pub documents: Vec<At<D>>,
    /// Where the next page starts; `Some` when more documents may follow.
    /// A filtered page is full (`limit` documents) unless the list ends or
    /// the bound of `documents::page_fill` is reached.
    pub next: Option<LastKey>,
    /// `after[i]` starts a page right after `documents[i]`: a caller that
    /// answers fewer documents (a page bounded in bytes) pages on from it.
    pub after: Vec<LastKey>,
}

/// Lists what `viewer` may see and `keep` wants. A portal viewer always
/// lists its own contact and never sees drafts. `filtered` says whether
/// `keep` may refuse anything (so the page may need more reads).
pub async fn list<D: Document>(
    ports: &Ports,
    account_id: &AccountId,
    filter: &DocumentFilter,
    viewer: Viewer<'_>,
    page: (u32, Option<LastKey>),
    filtered: bool,
    keep: impl Fn(&At<D>) -> bool,
) -> CoreResult<DocumentPage<D>> {
    let (limit, start_after) = page;
    let contact_id = match viewer {
        Viewer::Portal { contact_id } => Some(contact_id),
        Viewer::Business => filter
            .contact_id
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty()),
    };
    let month = filter.month_prefix().unwrap_or_default();
    let filtered = filtered || matches!(viewer, Viewer::Portal { .. });
    let read = read_size(limit, filtered);
    let query = match contact_id {
        Some(contact_id) => Query::partition(
            documents_by_contact_pk(account_id, &ContactId::from(contact_id)),
            read,
        )
        .on(Index::Gsi2)
        .sk(SortKey::BeginsWith(format!("{}#{month}", D::KIND.tag()))),
        None => {
            let sk = if month.is_empty() {
                SortKey::All
            } else {
                SortKey::BeginsWith(month)
            };
            Query::partition(documents_by_date_pk(account_id, D::KIND), read)
                .on(Index::Gsi1)
                .sk(sk)
        }
    }
    .backward()
    .after(start_after);
    // The company (for "today") does not depend on the page: read both at once.
    let table = ports.table.as_ref();
    let (first, company) = tokio::join!(table.query(&query), load_company(table, account_id));
    let (first, company) = (first?, company?);
    let today = company.today(ports.clock.now());
    let (found, next) = fill_page_with_keys(table, &query, first, limit, filtered, |item| {
        let document: D = from_item(item)?;
        if !viewer.may_see(&document) {
            return Ok(None);
        }
        let at = At { document, today };
        Ok(keep(&at).then_some(at))
    })
    .await?;
    let (documents, after) = found.into_iter().unzip();
    Ok(DocumentPage {
        documents,
        next,
        after,
    })
}

//! Reading quotes: one (a single batch read of the quote and the company,
//! whose time zone decides "today" and so the expiry), or a page of them
//! (`documents::list`, with the company read beside the first Query).

use super::QuoteAt;
use super::record::Quote;
use crate::documents::list::list;
use crate::documents::load::load_at;
use crate::documents::{DocumentFilter, DocumentPage, Viewer};
use crate::error::CoreResult;
use crate::ports::{LastKey, Ports};
use uome_domain::AccountId;
use uome_domain::DocumentId;

/// `GET /v1/quotes/{id}` (and the portal's).
pub async fn get_quote(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<QuoteAt> {
    load_at::<Quote>(ports, account_id, id, viewer).await
}

/// One page of a quote list, newest issue date first.
pub type QuotePage = DocumentPage<Quote>;

/// `GET /v1/quotes`: `status` is matched against the status the API shows
/// (expired included).
pub async fn list_quotes(
    ports: &Ports,
    account_id: &AccountId,
    filter: &DocumentFilter,
    viewer: Viewer<'_>,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<QuotePage> {
    let status = filter.status.as_deref();
    list::<Quote>(
        ports,
        account_id,
        filter,
        viewer,
        (limit, start_after),
        status.is_some(),
        |at| status.is_none_or(|status| at.status().as_str() == status),
    )
    .await
}

//! Reading quotes: one (a single batch read of the quote and the company,
//! whose time zone decides "today" and so the expiry), or a page of them
//! (one Query on an index, with the company read beside it).

use super::QuoteAt;
use super::record::Quote;
use super::viewer::Viewer;
use crate::account::company::Company;
use crate::account::load_company;
use crate::documents::DocumentFilter;
use crate::documents::page_fill::{fill_page, read_size};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{
    DocType, company_key, document_key, documents_by_contact_pk, documents_by_date_pk,
};
use crate::ports::{Index, LastKey, Ports, Query, SortKey, Table};
use crate::stored::parse_or_default;

/// The account's quote `id` as `viewer` may see it; 404 otherwise (an id of
/// another account names nothing under this account's partition).
pub(crate) async fn load_quote(
    table: &dyn Table,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
) -> CoreResult<Quote> {
    if id.trim().is_empty() {
        return Err(CoreError::NotFound);
    }
    let item = table
        .get(&document_key(account_id, DocType::Quote, id))
        .await?
        .ok_or(CoreError::NotFound)?;
    let quote = Quote::from_item(&item)?;
    viewer.check(&quote)?;
    Ok(quote)
}

/// The quote and the company in one batch read.
pub(crate) async fn load_quote_at(
    ports: &Ports,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
) -> CoreResult<QuoteAt> {
    if id.trim().is_empty() {
        return Err(CoreError::NotFound);
    }
    let quote_key = document_key(account_id, DocType::Quote, id);
    let company_key = company_key(account_id);
    let mut fetched = Fetched::read(
        ports.table.as_ref(),
        vec![quote_key.clone(), company_key.clone()],
    )
    .await?;
    let item = fetched.take(&quote_key).ok_or(CoreError::NotFound)?;
    let quote = Quote::from_item(&item)?;
    viewer.check(&quote)?;
    let company: Company = parse_or_default(fetched.take(&company_key))?;
    Ok(QuoteAt {
        quote,
        today: company.today(ports.clock.now()),
    })
}

/// `GET /v1/quotes/{id}` (and the portal's).
pub async fn get_quote(
    ports: &Ports,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
) -> CoreResult<QuoteAt> {
    load_quote_at(ports, account_id, id, viewer).await
}

/// One page of a quote list, newest issue date first.
#[derive(Clone, Debug)]
pub struct QuotePage {
    pub quotes: Vec<QuoteAt>,
    /// Where the next page starts; `Some` when more quotes may follow. A
    /// filtered page is full (`limit` quotes) unless the list ends or the
    /// bound of `documents::page_fill` is reached.
    pub next: Option<LastKey>,
}

/// `GET /v1/quotes`: on gsi1 (the account's quotes by issue date) or, with
/// a contact, on gsi2 (the contact's documents, `QUOTE#<date>#<id>`).
/// `filter.month` narrows the sort key; `status` is matched against the
/// status the API shows (expired included). A portal viewer always lists
/// its own contact and never sees drafts. Those filters apply to what the
/// Queries read, and the page reads on until it is full
/// (`documents::page_fill`).
pub async fn list_quotes(
    ports: &Ports,
    account_id: &str,
    filter: &DocumentFilter,
    viewer: Viewer<'_>,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<QuotePage> {
    let contact_id = match viewer {
        Viewer::Portal { contact_id } => Some(contact_id),
        Viewer::Business => filter.contact_id.as_deref().map(str::trim),
    };
    let month = filter.month_prefix().unwrap_or_default();
    let filtered = filter.status.is_some() || matches!(viewer, Viewer::Portal { .. });
    let read = read_size(limit, filtered);
    let query = match contact_id {
        Some(contact_id) => Query::partition(documents_by_contact_pk(account_id, contact_id), read)
            .on(Index::Gsi2)
            .sk(SortKey::BeginsWith(format!(
                "{}#{month}",
                DocType::Quote.tag()
            ))),
        None => {
            let sk = if month.is_empty() {
                SortKey::All
            } else {
                SortKey::BeginsWith(month)
            };
            Query::partition(documents_by_date_pk(account_id, DocType::Quote), read)
                .on(Index::Gsi1)
                .sk(sk)
        }
    }
    .backward()
    .after(start_after);
    // The company (for "today") does not depend on the page: read both at once.
    let table = ports.table.as_ref();
    let (page, company) = tokio::join!(table.query(&query), load_company(table, account_id));
    let (page, company) = (page?, company?);
    let today = company.today(ports.clock.now());
    let (quotes, next) = fill_page(table, &query, page, limit, filtered, |item| {
        let quote = Quote::from_item(item)?;
        if !viewer.may_see(&quote) {
            return Ok(None);
        }
        let at = QuoteAt { quote, today };
        let wanted = filter
            .status
            .as_deref()
            .is_none_or(|status| at.status().as_str() == status);
        Ok(wanted.then_some(at))
    })
    .await?;
    Ok(QuotePage { quotes, next })
}

//! Reading invoices: one (a single batch read of the invoice and the
//! company, whose time zone decides "today" and so `is_overdue`), or a page
//! of them (one Query on an index, with the company read beside it).

use std::str::FromStr;

use chrono::NaiveDate;
use uome_domain::InvoiceStatus;

use super::record::Invoice;
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
use crate::ports::{Index, LastKey, Ports, Query, SortKey};
use crate::stored::parse_or_default;

/// An invoice with the day it was read on (today in the account's time
/// zone), which decides whether it shows as overdue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceAt {
    pub invoice: Invoice,
    pub today: NaiveDate,
}

impl InvoiceAt {
    pub fn is_overdue(&self) -> bool {
        self.invoice.is_overdue(self.today)
    }
}

/// The invoice and the company in one batch read; 404 unless `viewer` may
/// see the invoice.
pub(crate) async fn load_invoice_at(
    ports: &Ports,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
) -> CoreResult<InvoiceAt> {
    if id.trim().is_empty() {
        return Err(CoreError::NotFound);
    }
    let invoice_key = document_key(account_id, DocType::Invoice, id);
    let company_key = company_key(account_id);
    let mut fetched = Fetched::read(
        ports.table.as_ref(),
        vec![invoice_key.clone(), company_key.clone()],
    )
    .await?;
    let item = fetched.take(&invoice_key).ok_or(CoreError::NotFound)?;
    let invoice = Invoice::from_item(&item)?;
    viewer.check(&invoice)?;
    let company: Company = parse_or_default(fetched.take(&company_key))?;
    Ok(InvoiceAt {
        invoice,
        today: company.today(ports.clock.now()),
    })
}

/// `GET /v1/invoices/{id}` (and the portal's).
pub async fn get_invoice(
    ports: &Ports,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
) -> CoreResult<InvoiceAt> {
    load_invoice_at(ports, account_id, id, viewer).await
}

/// One page of an invoice list, newest issue date first.
#[derive(Clone, Debug)]
pub struct InvoicePage {
    pub invoices: Vec<InvoiceAt>,
    /// Where the next page starts; `Some` when more invoices may follow. A
    /// filtered page is full (`limit` invoices) unless the list ends or the
    /// bound of `documents::page_fill` is reached.
    pub next: Option<LastKey>,
}

/// 422 on `status` unless it names an invoice status.
pub fn parse_status_filter(status: Option<&str>) -> CoreResult<Option<InvoiceStatus>> {
    match status.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(text) => InvoiceStatus::from_str(text).map(Some).map_err(|_| {
            CoreError::invalid_field(
                "status",
                "must be one of draft, issued, partially_paid, paid, cancelled",
            )
        }),
    }
}

/// `GET /v1/invoices`: on gsi1 (the account's invoices by issue date) or,
/// with a contact, on gsi2 (the contact's documents,
/// `INVOICE#<date>#<id>`). `filter.month` narrows the sort key. `status`
/// and `overdue` (and, for a portal viewer, who always lists its own
/// contact, the hidden drafts) are applied to what the Queries read, and
/// the page reads on until it is full (`documents::page_fill`).
pub async fn list_invoices(
    ports: &Ports,
    account_id: &str,
    filter: &DocumentFilter,
    viewer: Viewer<'_>,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<InvoicePage> {
    let status = parse_status_filter(filter.status.as_deref())?;
    let contact_id = match viewer {
        Viewer::Portal { contact_id } => Some(contact_id),
        Viewer::Business => filter
            .contact_id
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty()),
    };
    let month = filter.month_prefix().unwrap_or_default();
    let filtered = status.is_some() || filter.overdue || matches!(viewer, Viewer::Portal { .. });
    let read = read_size(limit, filtered);
    let query = match contact_id {
        Some(contact_id) => Query::partition(documents_by_contact_pk(account_id, contact_id), read)
            .on(Index::Gsi2)
            .sk(SortKey::BeginsWith(format!(
                "{}#{month}",
                DocType::Invoice.tag()
            ))),
        None => {
            let sk = if month.is_empty() {
                SortKey::All
            } else {
                SortKey::BeginsWith(month)
            };
            Query::partition(documents_by_date_pk(account_id, DocType::Invoice), read)
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
    let (invoices, next) = fill_page(table, &query, page, limit, filtered, |item| {
        let invoice = Invoice::from_item(item)?;
        let wanted = viewer.may_see(&invoice)
            && status.is_none_or(|s| s == invoice.status)
            && (!filter.overdue || invoice.is_overdue(today));
        Ok(wanted.then_some(InvoiceAt { invoice, today }))
    })
    .await?;
    Ok(InvoicePage { invoices, next })
}

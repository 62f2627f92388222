//! Reading invoices: one (a single batch read of the invoice and the
//! company, whose time zone decides "today" and so `is_overdue`), or a page
//! of them (`documents::list`).

use std::str::FromStr;
use uome_domain::AccountId;
use uome_domain::DocumentId;

use uome_domain::InvoiceStatus;

use super::document::InvoiceAt;
use super::record::Invoice;
use crate::documents::list::list;
use crate::documents::load::load_at;
use crate::documents::{DocumentFilter, DocumentPage, Viewer};
use crate::error::{CoreError, CoreResult};
use crate::ports::{LastKey, Ports};

/// `GET /v1/invoices/{id}` (and the portal's).
pub async fn get_invoice(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<InvoiceAt> {
    load_at::<Invoice>(ports, account_id, id, viewer).await
}

/// One page of an invoice list, newest issue date first.
pub type InvoicePage = DocumentPage<Invoice>;

/// 422 on `status` unless it names an invoice status.
pub fn parse_status_filter(status: Option<&str>) -> CoreResult<Option<InvoiceStatus>> {
    match status.filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(text) => InvoiceStatus::from_str(text).map(Some).map_err(|_| {
            CoreError::invalid_field(
                "status",
                "must be one of draft, issued, partially_paid, paid, cancelled",
            )
        }),
    }
}

/// `GET /v1/invoices`: `status` and `overdue` are applied to what the
/// Queries read (`documents::list`).
pub async fn list_invoices(
    ports: &Ports,
    account_id: &AccountId,
    filter: &DocumentFilter,
    viewer: Viewer<'_>,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<InvoicePage> {
    let status = parse_status_filter(filter.status.as_deref())?;
    list::<Invoice>(
        ports,
        account_id,
        filter,
        viewer,
        (limit, start_after),
        status.is_some() || filter.overdue,
        |at| status.is_none_or(|s| s == at.document.status) && (!filter.overdue || at.is_overdue()),
    )
    .await
}

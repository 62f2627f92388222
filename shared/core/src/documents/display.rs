//! What the web portal (API.md §15) shows of a document: the display model
//! the PDF prints (`uome_pdf::DocumentView`, every amount and date
//! formatted once, by the same rules), and one row per document for the
//! portal's lists. The page and the PDF cannot disagree.

use uome_domain::{AccountId, ContactId, DocumentId};
use uome_pdf::DocumentView;

use super::at::At;
use super::document::Document;
use super::list::list;
use super::listing::DocumentFilter;
use super::load::load_for_print;
use super::render::{document_view, format};
use super::viewer::Viewer;
use crate::error::CoreResult;
use crate::ports::Ports;

/// A document ready to show, with the status the API gives it (`sent`,
/// `expired`…), which decides what the viewer may still do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentDisplay {
    pub view: DocumentView,
    pub status: Option<String>,
}

/// The document `id` as `viewer` may see it (404 otherwise), ready to show.
pub async fn document_display<D: Document>(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<DocumentDisplay> {
    let (at, ctx) = load_for_print::<D>(ports, account_id, id, viewer).await?;
    let meta = D::meta(&at)?;
    Ok(DocumentDisplay {
        view: document_view(&meta, at.document.body(), &ctx),
        status: meta.status,
    })
}

/// One line of a portal list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentRow {
    pub id: DocumentId,
    pub number: String,
    pub issue_date: String,
    /// "Partially paid", "Approved"…; empty when the kind has none.
    pub status: String,
    pub total: String,
    /// Invoices: what is left to pay.
    pub amount_due: Option<String>,
}

/// The newest `limit` documents of kind `D` the contact may see (never a
/// draft, never another contact's).
pub async fn portal_rows<D: Document>(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
    limit: u32,
) -> CoreResult<Vec<DocumentRow>> {
    let page = list::<D>(
        ports,
        account_id,
        &DocumentFilter::default(),
        Viewer::Portal { contact_id },
        (limit, None),
        false,
        |_| true,
    )
    .await?;
    page.documents.iter().map(row).collect()
}

fn row<D: Document>(at: &At<D>) -> CoreResult<DocumentRow> {
    let meta = D::meta(at)?;
    let body = at.document.body();
    let currency = body.currency();
    Ok(DocumentRow {
        id: at.document.id().clone(),
        number: meta.number,
        issue_date: format::date(body.issue_date),
        status: meta
            .status
            .as_deref()
            .map(format::status)
            .unwrap_or_default(),
        total: format::money(body.totals.total, currency),
        amount_due: meta.amount_due.map(|due| format::money(due, currency)),
    })
}

/// An amount formatted as every document prints it, for pages that list
/// prices outside a document (the portal's catalogue).
pub fn money(value: uome_domain::Decimal, currency: uome_domain::Currency) -> String {
    format::money(value, currency)
}

//! Reading credit notes: one, a page of them, the PDF, the email, and a
//! contact's open credit per currency.

use std::collections::BTreeMap;

use uome_domain::{AccountId, ContactId, Currency, Decimal, DocumentId};

use super::document::CreditNoteAt;
use super::record::CreditNote;
use crate::documents::change::change;
use crate::documents::list::list;
use crate::documents::load::{load_at, load_for_print};
use crate::documents::mail::{DocumentEmail, send_document_email};
use crate::documents::{
    Document, DocumentFilter, DocumentPage, DocumentPdf, Viewer, document_pdf, from_item,
};
use crate::error::CoreResult;
use crate::keys::{DocType, documents_by_contact_pk};
use crate::ports::table::MAX_QUERY_LIMIT;
use crate::ports::{Index, LastKey, Ports, Query, SortKey};
use crate::service::ServiceConfig;

/// `GET /v1/credit-notes` filters: the month of the issue date, the
/// contact, the credited invoice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreditNoteFilter {
    pub documents: DocumentFilter,
    pub invoice_id: Option<String>,
}

pub async fn get_credit_note(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
) -> CoreResult<CreditNoteAt> {
    load_at::<CreditNote>(ports, account_id, id, Viewer::Business).await
}

/// One page, newest first.
pub async fn list_credit_notes(
    ports: &Ports,
    account_id: &AccountId,
    filter: &CreditNoteFilter,
    limit: u32,
    after: Option<LastKey>,
) -> CoreResult<DocumentPage<CreditNote>> {
    let invoice_id = filter
        .invoice_id
        .as_deref()
        .map(str::trim)
        .filter(|i| !i.is_empty());
    list::<CreditNote>(
        ports,
        account_id,
        &filter.documents,
        Viewer::Business,
        (limit, after),
        invoice_id.is_some(),
        |at| invoice_id.is_none_or(|i| at.document.invoice_id.as_str() == i),
    )
    .await
}

pub async fn credit_note_pdf(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
) -> CoreResult<DocumentPdf> {
    document_pdf::<CreditNote>(ports, account_id, id, Viewer::Business).await
}

/// Emails the credit note (PDF attached) to its contact and records when.
pub async fn send_credit_note(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    id: &DocumentId,
    message: Option<&str>,
) -> CoreResult<CreditNoteAt> {
    let (at, ctx) = load_for_print::<CreditNote>(ports, account_id, id, Viewer::Business).await?;
    let meta = CreditNote::meta(&at)?;
    send_document_email(
        ports,
        service,
        account_id,
        DocumentEmail::Send,
        &meta,
        &at.document.body,
        &ctx,
        message,
    )
    .await?;
    change(
        ports,
        account_id,
        id,
        Viewer::Business,
        Some(at),
        |note, _, now| {
            note.sent_at = Some(now);
            Ok(())
        },
    )
    .await
}

/// The contact's open credit per currency (API.md §7b `credit_balance`):
/// the open credit of its credit notes, read from its documents' index.
pub async fn credit_balance(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
) -> CoreResult<BTreeMap<Currency, Decimal>> {
    let mut balance: BTreeMap<Currency, Decimal> = BTreeMap::new();
    let query = Query::partition(
        documents_by_contact_pk(account_id, contact_id),
        MAX_QUERY_LIMIT,
    )
    .on(Index::Gsi2)
    .sk(SortKey::BeginsWith(format!(
        "{}#",
        DocType::CreditNote.tag()
    )));
    let mut next = None;
    loop {
        let page = ports.table.query(&query.clone().after(next)).await?;
        for item in &page.items {
            let note: CreditNote = from_item(item)?;
            let open = note.open_credit();
            if open > Decimal::ZERO {
                *balance.entry(note.body.currency()).or_default() += open;
            }
        }
        match page.next {
            Some(last) => next = Some(last),
            None => return Ok(balance),
        }
    }
}

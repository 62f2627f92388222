//! `GET /v1/invoices/{id}/pdf` (and the portal's): the invoice as the
//! client gets it, printed from the stored totals with its status, due
//! date, amounts paid and due, and its own payment instructions.

use super::record::Invoice;
use crate::documents::{DocumentPdf, Viewer, document_pdf};
use crate::error::CoreResult;
use crate::ports::Ports;
use uome_domain::AccountId;
use uome_domain::DocumentId;

pub async fn invoice_pdf(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<DocumentPdf> {
    document_pdf::<Invoice>(ports, account_id, id, viewer).await
}

//! `GET /v1/quotes/{id}/pdf` (and the portal's): the quote as the client
//! gets it, printed from the stored totals with its effective status.

use super::Viewer;
use super::record::Quote;
use crate::documents::{DocumentPdf, document_pdf};
use crate::error::CoreResult;
use crate::ports::Ports;
use uome_domain::AccountId;
use uome_domain::DocumentId;

pub async fn quote_pdf(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<DocumentPdf> {
    document_pdf::<Quote>(ports, account_id, id, viewer).await
}

//! `GET /v1/<documents>/{id}/pdf` (and the portal's): the document as the
//! customer gets it, printed from the stored totals.

use super::document::Document;
use super::load::load_for_print;
use super::render::render_document_pdf;
use super::viewer::Viewer;
use crate::error::CoreResult;
use crate::ports::Ports;
use uome_domain::AccountId;
use uome_domain::DocumentId;

/// The PDF bytes and what names the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentPdf {
    pub number: String,
    /// The file name when the number has nothing printable (`quote`).
    pub fallback_name: &'static str,
    pub bytes: Vec<u8>,
}

/// The document `id` printed as `viewer` may see it.
pub async fn document_pdf<D: Document>(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<DocumentPdf> {
    let (at, ctx) = load_for_print::<D>(ports, account_id, id, viewer).await?;
    let bytes = render_document_pdf(&D::meta(&at)?, at.document.body(), &ctx)?;
    Ok(DocumentPdf {
        number: at.document.number().to_string(),
        fallback_name: D::FILE_FALLBACK,
        bytes,
    })
}

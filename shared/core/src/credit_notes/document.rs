//! What makes a credit note a [`Document`]: never a draft, printed as a
//! "Credit note" naming the invoice it credits, never reminded about.

use uome_domain::TransitionError;

use super::record::CreditNote;
use crate::documents::document::document_fields;
use crate::documents::render::DocumentMeta;
use crate::documents::{At, Document};
use crate::error::CoreResult;
use crate::keys::DocType;

pub type CreditNoteAt = At<CreditNote>;

impl Document for CreditNote {
    const KIND: DocType = DocType::CreditNote;
    const FILE_FALLBACK: &'static str = "credit-note";

    document_fields!();

    fn is_draft(&self) -> bool {
        false
    }

    fn meta(at: &CreditNoteAt) -> CoreResult<DocumentMeta> {
        Ok(DocumentMeta {
            kind: uome_pdf::DocumentKind::CreditNote,
            number: at.document.number.clone(),
            status: Some("issued".to_string()),
            ..DocumentMeta::default()
        })
    }

    fn may_remind(_: &CreditNoteAt) -> Result<(), TransitionError> {
        Err(uome_domain::credit::credit_note_refuses("remind"))
    }
}

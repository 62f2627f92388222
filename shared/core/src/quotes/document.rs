//! What makes a quote a [`Document`]: its key, its draft status, how it is
//! printed and when its state machine allows a reminder (sent, not
//! expired). Everything else a quote shares comes from `documents/`.

use uome_domain::quote_state::check;
use uome_domain::{QuoteAction, QuoteStatus, TransitionError};

use super::record::Quote;
use crate::documents::document::document_fields;
use crate::documents::render::DocumentMeta;
use crate::documents::{At, Document};
use crate::error::CoreResult;
use crate::keys::DocType;

/// A quote with the day it was read on, which decides whether it shows as
/// expired.
pub type QuoteAt = At<Quote>;

impl At<Quote> {
    /// The status the API shows: `expired` past `valid_until`.
    pub fn status(&self) -> QuoteStatus {
        self.document.status_on(self.today)
    }
}

impl Document for Quote {
    const KIND: DocType = DocType::Quote;
    const FILE_FALLBACK: &'static str = "quote";

    document_fields!();

    fn is_draft(&self) -> bool {
        self.status == QuoteStatus::Draft
    }

    /// Number, status badge (expired included), validity.
    fn meta(at: &QuoteAt) -> CoreResult<DocumentMeta> {
        Ok(DocumentMeta {
            status: Some(at.status().as_str().to_string()),
            valid_until: at.document.valid_until,
            ..DocumentMeta::quote(at.document.number.clone())
        })
    }

    fn may_remind(at: &QuoteAt) -> Result<(), TransitionError> {
        let quote = &at.document;
        check(
            quote.status,
            QuoteAction::Remind,
            at.today,
            quote.valid_until,
        )
    }
}

//! `GET /v1/quotes/{id}/pdf` (and the portal's): the quote as the client
//! gets it, printed from the stored totals with its effective status.

use crate::documents::render::{
    DocumentMeta, RenderContext, load_render_context, render_document_pdf,
};
use crate::error::CoreResult;
use crate::ports::Ports;

use super::read::load_quote;
use super::viewer::Viewer;
use super::{Quote, QuoteAt};

/// The PDF bytes and the number they print (for the file name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotePdf {
    pub number: String,
    pub bytes: Vec<u8>,
}

/// What the PDF prints besides the body: number, status badge, validity.
pub(crate) fn quote_meta(at: &QuoteAt) -> DocumentMeta {
    DocumentMeta {
        status: Some(at.status().as_str().to_string()),
        valid_until: at.quote.valid_until,
        ..DocumentMeta::quote(at.quote.number.clone())
    }
}

/// The quote and what it is printed with: the quote read, then the
/// company, bank and contact in one batch (the company also gives today).
pub(crate) async fn load_for_print(
    ports: &Ports,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
) -> CoreResult<(QuoteAt, RenderContext)> {
    let quote: Quote = load_quote(ports.table.as_ref(), account_id, id, viewer).await?;
    let ctx = load_render_context(ports, account_id, &quote.body.contact_id).await?;
    let today = ctx.company.today(ports.clock.now());
    Ok((QuoteAt { quote, today }, ctx))
}

pub async fn quote_pdf(
    ports: &Ports,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
) -> CoreResult<QuotePdf> {
    let (at, ctx) = load_for_print(ports, account_id, id, viewer).await?;
    let bytes = render_document_pdf(&quote_meta(&at), &at.quote.body, &ctx)?;
    Ok(QuotePdf {
        number: at.quote.number,
        bytes,
    })
}

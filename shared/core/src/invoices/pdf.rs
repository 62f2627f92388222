//! `GET /v1/invoices/{id}/pdf` (and the portal's): the invoice as the
//! client gets it, printed from the stored totals with its status, due
//! date, amounts paid and due, and its own payment instructions.

use crate::documents::render::{
    DocumentMeta, RenderContext, load_render_context, render_document_pdf,
};
use crate::error::CoreResult;
use crate::ports::Ports;

use super::load::load_invoice;
use super::read::InvoiceAt;
use super::viewer::Viewer;

/// The PDF bytes and the number they print (for the file name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoicePdf {
    pub number: String,
    pub bytes: Vec<u8>,
}

/// What the PDF prints besides the body.
pub fn invoice_meta(at: &InvoiceAt) -> CoreResult<DocumentMeta> {
    let invoice = &at.invoice;
    let instructions = invoice.payment_instructions.clone().unwrap_or_default();
    Ok(DocumentMeta {
        status: Some(invoice.status.as_str().to_string()),
        due_date: Some(invoice.due_date),
        delivery_date: invoice.delivery_date,
        amount_paid: Some(invoice.amount_paid),
        amount_due: Some(invoice.amount_due()?),
        payment_reference: instructions.reference,
        payment_iban: instructions.iban,
        ..DocumentMeta::invoice(invoice.number.clone())
    })
}

/// The invoice and what it is printed with: the invoice read, then the
/// company, bank and contact in one batch (the company also gives today).
pub(crate) async fn load_for_print(
    ports: &Ports,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
) -> CoreResult<(InvoiceAt, RenderContext)> {
    let invoice = load_invoice(ports.table.as_ref(), account_id, id).await?;
    viewer.check(&invoice)?;
    let ctx = load_render_context(ports, account_id, &invoice.body.contact_id).await?;
    let today = ctx.company.today(ports.clock.now());
    Ok((InvoiceAt { invoice, today }, ctx))
}

pub async fn invoice_pdf(
    ports: &Ports,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
) -> CoreResult<InvoicePdf> {
    let (at, ctx) = load_for_print(ports, account_id, id, viewer).await?;
    let bytes = render_document_pdf(&invoice_meta(&at)?, &at.invoice.body, &ctx)?;
    Ok(InvoicePdf {
        number: at.invoice.number,
        bytes,
    })
}

//! `GET /portal/invoices/{id}`: the invoice, what is due and how to pay it
//! (bank details, the Swiss QR code where the PDF has a QR-bill);
//! `GET /portal/invoices/{id}/pdf` downloads it.

use axum::extract::{Path, State};
use axum::response::Response;
use uome_core::invoices::Invoice;
use uome_http::AppContext;

use crate::document;
use crate::error::PageError;
use crate::session::Visitor;

pub async fn invoice_page(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    super::document_page::<Invoice>(&ctx, &visitor, &id, "invoices", |_, shown, _| {
        document::payment(&shown.view)
    })
    .await
}

pub async fn invoice_pdf(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    super::pdf::<Invoice>(&ctx, &visitor, &id).await
}

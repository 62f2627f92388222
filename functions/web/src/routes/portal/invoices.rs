//! `GET /portal/invoices/{id}`: the invoice, what is due and how to pay it
//! (bank details, the Swiss QR code where the PDF has a QR-bill);
//! `GET /portal/invoices/{id}/pdf` downloads it.

use axum::extract::{Path, State};
use axum::response::Response;
use http::StatusCode;
use maud::html;
use uome_core::invoices::{self, Invoice};
use uome_http::AppContext;
use uome_http::documents::pdf_response;

use super::{document_id, viewer, with_document};
use crate::document;
use crate::error::PageError;
use crate::layout::respond;
use crate::session::Visitor;

pub async fn invoice_page(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = document_id(&id)?;
    let (portal, shown) = with_document::<Invoice>(&ctx, &visitor, &id).await?;
    let view = &shown.view;
    let main = html! {
        (document::body(view))
        p { a.button href={ "/portal/invoices/" (id) "/pdf" } download { "Download the PDF" } }
        (document::payment(view))
        p { a href="/portal" { "Back to your documents" } }
    };
    Ok(respond(StatusCode::OK, portal.page(&view.title, main)))
}

pub async fn invoice_pdf(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = document_id(&id)?;
    let pdf = invoices::invoice_pdf(
        &ctx.ports,
        &visitor.session.account_id,
        &id,
        viewer(&visitor),
    )
    .await?;
    Ok(pdf_response(pdf))
}

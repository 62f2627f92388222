//! `GET /portal/credit-notes/{id}` and its PDF: what the business credited
//! the client, read-only.

use axum::extract::{Path, State};
use axum::response::Response;
use http::StatusCode;
use maud::html;
use uome_core::credit_notes::CreditNote;
use uome_core::documents::document_pdf;
use uome_http::AppContext;
use uome_http::documents::pdf_response;

use super::{document_id, viewer, with_document};
use crate::document;
use crate::error::PageError;
use crate::layout::respond;
use crate::session::Visitor;

pub async fn credit_note_page(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = document_id(&id)?;
    let (portal, shown) = with_document::<CreditNote>(&ctx, &visitor, &id).await?;
    let view = &shown.view;
    let main = html! {
        (document::body(view))
        p { a.button href={ "/portal/credit-notes/" (id) "/pdf" } download { "Download the PDF" } }
        p { a href="/portal" { "Back to your documents" } }
    };
    Ok(respond(StatusCode::OK, portal.page(&view.title, main)))
}

pub async fn credit_note_pdf(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = document_id(&id)?;
    let pdf = document_pdf::<CreditNote>(
        &ctx.ports,
        &visitor.session.account_id,
        &id,
        viewer(&visitor),
    )
    .await?;
    Ok(pdf_response(pdf))
}

//! `GET /portal/credit-notes/{id}` and its PDF: what the business credited
//! the client, read-only.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::html;
use uome_core::credit_notes::CreditNote;
use uome_http::AppContext;

use crate::error::PageError;
use crate::session::Visitor;

pub async fn credit_note_page(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    super::document_page::<CreditNote>(&ctx, &visitor, &id, "credit-notes", |_, _, _| html! {})
        .await
}

pub async fn credit_note_pdf(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    super::pdf::<CreditNote>(&ctx, &visitor, &id).await
}

//! `GET /portal/quotes/{id}`: the quote, with approve and decline (with a
//! reason) while it is open; `POST …/approve` and `POST …/reject` act and
//! redirect back (303), so a reload never sends the form again. An
//! approval that already happened (a double click) counts as done.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use uome_core::CoreError;
use uome_core::quotes::{self, Quote};
use uome_http::AppContext;

use super::{document_id, viewer};
use crate::csrf;
use crate::error::PageError;
use crate::form::PageForm;
use crate::session::Visitor;

#[derive(Deserialize)]
pub struct ApproveForm {
    csrf: Option<String>,
}

#[derive(Deserialize)]
pub struct RejectForm {
    csrf: Option<String>,
    reason: Option<String>,
}

pub async fn quote_page(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    super::document_page::<Quote>(&ctx, &visitor, &id, "quotes", |portal, shown, id| {
        let open = shown.status.as_deref() == Some("sent");
        html! {
            @if open {
                section.decide aria-labelledby="decide" {
                    h2 #decide { "Your decision" }
                    form method="post" action={ "/portal/quotes/" (id) "/approve" } {
                        input type="hidden" name=(csrf::FIELD) value=(portal.csrf);
                        button type="submit" { "Approve this quote" }
                    }
                    form method="post" action={ "/portal/quotes/" (id) "/reject" } {
                        input type="hidden" name=(csrf::FIELD) value=(portal.csrf);
                        div.field {
                            label for="reason" { "Reason for declining " span.optional { "(optional)" } }
                            textarea #reason name="reason" rows="3" maxlength="2000" {}
                        }
                        button.secondary type="submit" { "Decline this quote" }
                    }
                }
            }
        }
    })
    .await
}

pub async fn approve(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
    PageForm(form): PageForm<ApproveForm>,
) -> Result<Response, PageError> {
    visitor.check_csrf(&ctx, form.csrf.as_deref())?;
    let id = document_id(&id)?;
    match quotes::approve_quote(
        &ctx.ports,
        &visitor.session.account_id,
        &id,
        viewer(&visitor),
    )
    .await
    {
        Ok(_) => {}
        Err(CoreError::Conflict { code, .. }) if code == "already_approved" => {}
        Err(other) => return Err(other.into()),
    }
    Ok(Redirect::to("/portal?done=approved").into_response())
}

pub async fn reject(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
    PageForm(form): PageForm<RejectForm>,
) -> Result<Response, PageError> {
    visitor.check_csrf(&ctx, form.csrf.as_deref())?;
    let id = document_id(&id)?;
    let reason = form.reason.filter(|r| !r.trim().is_empty());
    quotes::reject_quote(
        &ctx.ports,
        &visitor.session.account_id,
        &id,
        viewer(&visitor),
        reason,
    )
    .await?;
    Ok(Redirect::to("/portal?done=rejected").into_response())
}

pub async fn quote_pdf(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    super::pdf::<Quote>(&ctx, &visitor, &id).await
}

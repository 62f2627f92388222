//! The client portal: a portal link's token becomes a cookie session
//! (`home`), then the contact's documents, address and orders. Every
//! page reads the contact and the business first (one batch read), for
//! the frame's name and logo.

pub mod address;
pub mod credit_notes;
pub mod home;
pub mod invoices;
pub mod orders;
pub mod quotes;

use axum::response::Response;
use http::StatusCode;
use maud::{Markup, html};
use uome_core::contacts::{PortalMe, portal_me};
use uome_core::documents::display::{DocumentDisplay, document_display};
use uome_core::documents::{Document, Viewer, document_pdf};
use uome_domain::DocumentId;
use uome_http::AppContext;
use uome_http::documents::pdf_response;
use uuid::Uuid;

use crate::document;
use crate::error::PageError;
use crate::layout::{Brand, Frame, page, respond};
use crate::session::Visitor;

/// What every portal page shows around its content.
pub struct Portal {
    pub me: PortalMe,
    pub brand: Brand,
    pub csrf: String,
}

impl Portal {
    pub async fn load(ctx: &AppContext, visitor: &Visitor) -> Result<Portal, PageError> {
        let me = portal_me(
            &ctx.ports,
            &visitor.session.account_id,
            &visitor.session.contact_id,
        )
        .await?;
        let brand = Brand {
            name: me.business.name.clone(),
            logo_url: me.business.logo_url.clone(),
        };
        Ok(Portal {
            me,
            brand,
            csrf: visitor.csrf(ctx),
        })
    }

    pub fn page(&self, title: &str, main: Markup) -> Markup {
        page(
            Frame {
                title,
                brand: &self.brand,
                sign_out: Some(&self.csrf),
            },
            main,
        )
    }
}

/// The session's contact as a document viewer: its own documents, never
/// a draft.
pub fn viewer(visitor: &Visitor) -> Viewer<'_> {
    Viewer::Portal {
        contact_id: &visitor.session.contact_id,
    }
}

/// A document id from the path; anything but a UUID is simply not found.
pub fn document_id(raw: &str) -> Result<DocumentId, PageError> {
    Uuid::parse_str(raw)
        .map(DocumentId::from)
        .map_err(|_| PageError::NotFound)
}

/// `GET /portal/<kind>/{id}`: one of the contact's documents (read beside
/// the frame), its PDF link, what its kind adds after that (`then`: an
/// invoice's payment details, a quote's decision), and the way back.
pub async fn document_page<D: Document>(
    ctx: &AppContext,
    visitor: &Visitor,
    raw_id: &str,
    kind_path: &str,
    then: impl FnOnce(&Portal, &DocumentDisplay, &DocumentId) -> Markup,
) -> Result<Response, PageError> {
    let id = document_id(raw_id)?;
    let document = async {
        document_display::<D>(
            &ctx.ports,
            &visitor.session.account_id,
            &id,
            viewer(visitor),
        )
        .await
        .map_err(PageError::from)
    };
    let (portal, shown) = tokio::try_join!(Portal::load(ctx, visitor), document)?;
    let view = &shown.view;
    let main = html! {
        (document::body(view))
        p { a.button.secondary href={ "/portal/" (kind_path) "/" (id) "/pdf" } download { "Download the PDF" } }
        (then(&portal, &shown, &id))
        p { a href="/portal" { "Back to your documents" } }
    };
    Ok(respond(StatusCode::OK, portal.page(&view.title, main)))
}

/// `GET /portal/<kind>/{id}/pdf`: the document's PDF, as its email
/// attached it.
pub async fn pdf<D: Document>(
    ctx: &AppContext,
    visitor: &Visitor,
    raw_id: &str,
) -> Result<Response, PageError> {
    let id = document_id(raw_id)?;
    let pdf = document_pdf::<D>(
        &ctx.ports,
        &visitor.session.account_id,
        &id,
        viewer(visitor),
    )
    .await?;
    Ok(pdf_response(pdf))
}

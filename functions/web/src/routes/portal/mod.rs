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

use maud::Markup;
use uome_core::contacts::{PortalMe, portal_me};
use uome_core::documents::display::{DocumentDisplay, document_display};
use uome_core::documents::{Document, Viewer};
use uome_domain::DocumentId;
use uome_http::AppContext;
use uuid::Uuid;

use crate::error::PageError;
use crate::layout::{Brand, Frame, page};
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

/// The frame and one of the contact's documents, read side by side.
pub async fn with_document<D: Document>(
    ctx: &AppContext,
    visitor: &Visitor,
    id: &DocumentId,
) -> Result<(Portal, DocumentDisplay), PageError> {
    let document = async {
        document_display::<D>(&ctx.ports, &visitor.session.account_id, id, viewer(visitor))
            .await
            .map_err(PageError::from)
    };
    tokio::try_join!(Portal::load(ctx, visitor), document)
}

//! The `contacts` function (API.md §5): customers and vendors, their
//! search, numbering and duplicate handling, and their portal tokens.
//!
//! Handlers are thin (`routes/<resource>.rs`); the use cases live in
//! `uome_core::contacts`; request and response shapes in
//! `dto/<resource>.rs`. docs/contacts.md has the rules.

pub mod dto;
mod routes;

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use routes::{contacts, portal, portal_tokens};

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(contacts::create_contact, contacts::list_contacts))
        .routes(routes!(
            contacts::get_contact,
            contacts::replace_contact,
            contacts::patch_contact,
            contacts::delete_contact
        ))
        .routes(routes!(contacts::archive_contact))
        .routes(routes!(contacts::unarchive_contact))
        .routes(routes!(
            portal_tokens::issue_portal_token,
            portal_tokens::revoke_portal_token
        ))
        .routes(routes!(portal::get_me))
        .routes(routes!(portal::put_address))
}

//! The `contacts` function (API.md §5): customers and vendors, their
//! search, numbering and duplicate handling, and their portal tokens.
//!
//! Handlers are thin ([`routes`](crate::routes)); the use cases live in
//! `uome_core::contacts`; request and response shapes in [`dto`].
//! docs/contacts.md has the rules.

pub mod dto;
mod portal;
mod routes;
mod version;

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every route of the function with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(routes::create_contact, routes::list_contacts))
        .routes(routes!(
            routes::get_contact,
            routes::replace_contact,
            routes::patch_contact,
            routes::delete_contact
        ))
        .routes(routes!(routes::archive_contact))
        .routes(routes!(routes::unarchive_contact))
        .routes(routes!(
            routes::issue_portal_token,
            routes::revoke_portal_token
        ))
        .routes(routes!(portal::get_me))
        .routes(routes!(portal::put_address))
}

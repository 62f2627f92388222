//! The `contacts` function (API.md §5): customers and vendors, their
//! search, numbering and duplicate handling, and their portal tokens.
//!
//! Handlers are thin (`routes/<resource>.rs`); the use cases live in
//! `uome_core::contacts`; request and response shapes in
//! `dto/<resource>.rs`. docs/contacts.md has the rules.

pub mod dto;
mod routes;

use routes::{contacts, portal, portal_tokens};

uome_http::route_table! {
    pub fn api, pub fn router =>
    (contacts::create_contact, contacts::list_contacts),
    (contacts::get_contact, contacts::replace_contact, contacts::patch_contact, contacts::delete_contact),
    (contacts::archive_contact),
    (contacts::unarchive_contact),
    (portal_tokens::issue_portal_token, portal_tokens::revoke_portal_token),
    (portal::get_me),
    (portal::put_address),
}

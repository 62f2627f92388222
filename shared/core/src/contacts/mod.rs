//! Contacts (API.md §5): the customers and vendors of an account.
//!
//! Storage (docs/storage.md, docs/contacts.md):
//! - the contact at `ACCOUNT#<acc>` / `CONTACT#<id>`, in gsi1 by normalised
//!   display name (active and archived contacts in separate partitions) and
//!   in gsi2 by normalised email;
//! - search terms (display name, last name, company name, email, number)
//!   as rows `CTERM#<0|1>#<term>#<id>` in the account partition, each with a
//!   copy of the contact, so a search page is one Query;
//! - guards `UNIQUE#contact_number#<number>` and `UNIQUE#contact_email#<email>`
//!   and the counter `COUNTER#contact`, written in the contact's transaction;
//! - `CONTACTREF#<contact>#<document>` rows written by documents, and a
//!   short-lived `CONTACTLOCK#<contact>` held by a delete (see
//!   [`references`]).
//!
//! Every use case takes the account id from the caller's credentials, and
//! every key is built under that account: another account's contact id
//! simply names nothing (404).

mod create;
mod delete;
mod guards;
pub mod import;
mod input;
mod language;
mod list;
mod model;
mod patch;
mod portal_link;
mod portal_me;
pub mod references;
mod search;
mod store;
mod update;
mod validate;

pub use create::{create_contact, find_by_number};
pub use delete::delete_contact;
pub use input::{ContactAddressInput, ContactInput, ContactPersonInput, Stamp, ValidContact};
pub use language::{LANGUAGE_CODES, parse_language};
pub use list::{ContactFilter, ContactPage, MAX_SEARCH_CHARS, list_contacts};
pub use model::{
    Contact, ContactAddress, ContactPerson, ContactRole, ContactStatus, ContactType, Salutation,
    display_name,
};
pub use patch::{merge_patch, parse_input};
pub use portal_link::{PortalLink, issue_portal_link, revoke_portal_link};
pub use portal_me::{
    PortalAddressInput, PortalBusiness, PortalContact, PortalMe, portal_contact, portal_me,
    set_portal_address,
};
pub use references::{
    add_reference, contact_busy, move_reference, reference_checks, reference_write,
    release_reference_write,
};
pub use search::{MAX_TERM_BYTES, normalise_term};
pub use store::{from_item as contact_from_item, load_contact};
pub use update::{Expected, patch_contact, replace_contact, set_archived};

use crate::error::CoreError;

/// 409 `version_conflict`: the caller's version is not the current one.
pub(crate) fn version_conflict(current: u64) -> CoreError {
    CoreError::conflict(
        "version_conflict",
        "The contact was changed since you read it; reload it and retry.",
    )
    .with_extra("current_version", current)
}

/// How many times a use case re-runs after losing a race on a condition
/// before it answers 503 (each lost race means another writer progressed).
pub(crate) const MAX_ATTEMPTS: usize = 50;

/// The error once every attempt lost its race.
pub(crate) fn too_much_contention() -> CoreError {
    CoreError::Table(crate::ports::TableError::Contention {
        code: "contact_write_contention".into(),
    })
}

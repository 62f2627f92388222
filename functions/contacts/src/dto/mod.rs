//! Request and response shapes of the contacts routes, one file per
//! resource, with their OpenAPI schemas. The rules live in
//! `uome_core::contacts`; these only map.

mod contacts;
mod portal;
mod portal_tokens;

pub use contacts::{ContactPersonResponse, ContactResponse, CreateQuery, ListQuery, UpdateQuery};
pub use portal::{PortalBusinessResponse, PortalContactResponse, PortalMeResponse};
pub use portal_tokens::{PortalQuery, PortalTokenResponse};

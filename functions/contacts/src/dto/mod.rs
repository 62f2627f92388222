//! Request and response shapes of the contacts routes, one file per
//! resource, with their OpenAPI schemas. The rules live in
//! `uome_core::contacts`; these only map.

mod contacts;
mod portal;
mod portal_tokens;

pub use contacts::{
    ContactBody, ContactPersonBody, ContactPersonResponse, ContactResponse, ContactRoleName,
    ContactStatusName, ContactTypeName, CreateQuery, ListQuery, SalutationName, UpdateQuery,
};
pub use portal::{
    PortalAddressBody, PortalBusinessResponse, PortalContactResponse, PortalMeResponse,
};
pub use portal_tokens::{PortalQuery, PortalTokenResponse};

//! The account routes: thin handlers that extract, call the use case in
//! `uome_core::account` and map the answer, one file per resource.

pub mod api_clients;
pub mod avatar;
pub mod bank;
pub mod company;
pub mod profile;
pub mod settings;

use uome_core::account::profile::ProfileOf;
use uome_http::{Principal, Role};

/// An API client has no user of its own: it sees the owner's profile.
pub fn profile_of(principal: &Principal) -> ProfileOf<'_> {
    match principal.role {
        Role::Owner => ProfileOf::User(&principal.subject),
        Role::ApiClient | Role::Client => ProfileOf::AccountOwner,
    }
}

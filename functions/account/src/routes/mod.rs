//! The account routes: thin handlers that extract, call the use case in
//! `uome_core::account` and map the answer. Shared pieces: the version a
//! write expects (`If-Match` or `version`) and responses carrying `ETag`.

pub mod api_clients;
pub mod avatar;
pub mod bank;
pub mod company;
pub mod profile;
pub mod settings;

use uome_core::account::profile::ProfileOf;
pub use uome_http::version::{IfMatch, expected_version, versioned};
use uome_http::{Principal, Role};

/// An API client has no user of its own: it sees the owner's profile.
pub fn profile_of(principal: &Principal) -> ProfileOf<'_> {
    match principal.role {
        Role::Owner => ProfileOf::User(&principal.subject),
        Role::ApiClient | Role::Client => ProfileOf::AccountOwner,
    }
}

//! Account settings (API.md §4): the profile, the company, bank details,
//! settings, the avatar and API clients. One module per resource; each
//! reads and writes only its own items under `ACCOUNT#<acc>`.
//!
//! Every resource carries a `version`; writes take the version the client
//! read (`If-Match` or `version`) and a stale one is a 409
//! `version_conflict` ([`versioned`]). Resources never written read as their
//! defaults at version 0.

pub mod api_clients;
pub mod bank;
pub mod company;
pub mod fields;
pub mod profile;
pub mod settings;
pub mod versioned;

pub use bank::load_bank;
pub use company::load_company;
pub use settings::load_settings;
pub use versioned::{Versioned, version_conflict};

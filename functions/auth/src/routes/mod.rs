//! The handlers, one file per resource: extract, call the use case in
//! `uome_core::auth`, shape the answer.

pub mod me;
pub mod passwords;
pub mod sessions;
pub mod signup;

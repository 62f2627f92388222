//! The handlers, one file per resource: extract, call the use case in
//! `uome_core::contacts`, shape the answer.

pub mod contacts;
pub mod portal;
pub mod portal_tokens;

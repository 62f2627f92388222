//! The handlers, one file per resource: extract, call the use case in
//! `uome_core::contacts`, shape the answer.

pub mod contacts;
pub mod portal;
pub mod portal_tokens;

uome_http::problem_responses! {
    /// A contact id that names nothing in the caller's account.
    pub struct ContactNotFound { 404 => "No such contact in this account" }

    /// A replace or patch of a contact refused.
    pub struct ContactConflict { 409 => "`version_conflict`, `duplicate_contact` or `duplicate_number`" }
}

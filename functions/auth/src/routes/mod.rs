//! The handlers, one file per resource: extract, call the use case in
//! `uome_core::auth`, shape the answer.

pub mod me;
pub mod passwords;
pub mod sessions;
pub mod signup;

uome_http::problem_responses! {
    /// The token of an emailed link refused.
    pub struct InvalidLinkToken { 400 => "`invalid_token`: unknown, expired or already used" }

    /// The address of a route that may email a link refused.
    pub struct BadEmail { 422 => "Missing or malformed email" }

    /// A refresh or logout without its token.
    pub struct NoRefreshToken { 422 => "No refresh token" }
}

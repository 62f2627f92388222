//! Request and response bodies of the auth routes, one file per resource.
//!
//! Request fields are [`Text`]: any JSON value is accepted by the parser and
//! judged by the use case, so one 422 names every bad field (a number where
//! a string belongs included) instead of serde stopping at the first.
//! Unknown fields are still refused (mass assignment).

mod email_links;
mod passwords;
mod sessions;
mod signup;
mod user;

pub use email_links::{AcceptedResponse, EmailRequest};
pub use passwords::PasswordResetResponse;
pub use sessions::{RefreshRequest, TokenResponse};
pub use signup::{Account, SignupResponse, TokenRequest, VerifiedResponse};
pub use user::User;

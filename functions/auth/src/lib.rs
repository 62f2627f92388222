//! The `auth` function (API.md §3): sign up, verify email, login, refresh,
//! logout, forgot and reset password, and the signed-in user's profile.
//!
//! Handlers are in `routes/<resource>.rs`, bodies in `dto/<resource>.rs`;
//! the use cases live in `uome_core::auth`. docs/auth.md explains
//! lifetimes, throttling and the choices made.

pub mod dto;
pub mod routes;

use routes::{me, passwords, sessions, signup};

uome_http::route_table! {
    pub fn api, pub fn router =>
    (signup::signup),
    (signup::verify_email),
    (signup::resend_verification),
    (sessions::login),
    (sessions::refresh),
    (sessions::logout),
    (passwords::forgot_password),
    (passwords::reset_password),
    (me::me),
}

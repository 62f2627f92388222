//! The `auth` function (API.md §3): sign up, verify email, login, refresh,
//! logout, forgot and reset password, and the signed-in user's profile.
//!
//! Handlers are in `routes/<resource>.rs`, bodies in `dto/<resource>.rs`;
//! the use cases live in `uome_core::auth`. docs/auth.md explains
//! lifetimes, throttling and the choices made.

pub mod dto;
pub mod routes;

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use routes::{me, passwords, sessions, signup};

/// This function's routes with their OpenAPI descriptions.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(signup::signup))
        .routes(routes!(signup::verify_email))
        .routes(routes!(signup::resend_verification))
        .routes(routes!(sessions::login))
        .routes(routes!(sessions::refresh))
        .routes(routes!(sessions::logout))
        .routes(routes!(passwords::forgot_password))
        .routes(routes!(passwords::reset_password))
        .routes(routes!(me::me))
}

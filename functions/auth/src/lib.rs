//! The `auth` function (API.md §3): sign up, verify email, login, refresh,
//! logout, forgot and reset password, and the signed-in user's profile.
//!
//! Handlers are in [`routes`], bodies in [`dto`]; the use cases live in
//! `uome_core::auth`. docs/auth.md explains lifetimes, throttling and the
//! choices made.

pub mod dto;
pub mod routes;

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// This function's routes with their OpenAPI descriptions.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(routes::signup))
        .routes(routes!(routes::verify_email))
        .routes(routes!(routes::resend_verification))
        .routes(routes!(routes::login))
        .routes(routes!(routes::refresh))
        .routes(routes!(routes::logout))
        .routes(routes!(routes::forgot_password))
        .routes(routes!(routes::reset_password))
        .routes(routes!(routes::me))
}

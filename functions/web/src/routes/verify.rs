//! `GET /verify-email?token=…`: the link of the sign-up email. Confirms
//! the address (`uome_core::auth::verify_email`) and says the owner can
//! log in now. A used or expired link says so, and that a verified
//! address needs nothing more.

use axum::extract::{Query, State};
use axum::response::Response;
use http::StatusCode;
use maud::html;
use serde::Deserialize;
use uome_core::CoreError;
use uome_core::auth::{Text, verify_email};
use uome_http::AppContext;

use crate::error::PageError;
use crate::layout::plain_page;

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

pub async fn verify_page(
    State(ctx): State<AppContext>,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let token = Text::Given(query.token.unwrap_or_default());
    let (status, title, body) = match verify_email(&ctx.ports, &token).await {
        Ok(user) => (
            StatusCode::OK,
            "Email address verified",
            html! {
                p { "Thank you, " (user.first_name) ". " strong { (user.email) } " is confirmed." }
                p { "You can now log in to Uome with this email address and your password." }
            },
        ),
        Err(CoreError::BadRequest { .. } | CoreError::Validation(_)) => (
            StatusCode::BAD_REQUEST,
            "This link cannot be used",
            html! {
                p { "The link has expired, was already used, or is incomplete." }
                p { "If you verified your address already, just log in. Otherwise ask for a new verification email when you log in." }
            },
        ),
        Err(other) => return Err(other.into()),
    };
    Ok(plain_page(status, title, body))
}

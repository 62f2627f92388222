//! `POST /v1/auth/forgot-password` and `/reset-password`.

use axum::extract::State;
use http::StatusCode;
use uome_core::auth::{self, ResetInput};
use uome_http::{ApiError, AppContext, Json, Problem};

use super::{BadEmail, InvalidLinkToken};
use crate::dto::{AcceptedResponse, EmailRequest, PasswordResetResponse};

const FORGOT_MESSAGE: &str =
    "If an account uses this address, a link to reset its password is on its way.";

/// Email a single-use password-reset link valid 30 minutes (always 202).
#[utoipa::path(
    post,
    path = "/v1/auth/forgot-password",
    tag = "auth",
    request_body = EmailRequest,
    responses(
        (status = 202, description = "Accepted, whether or not the address has an account", body = AcceptedResponse),
        BadEmail,
    )
)]
pub async fn forgot_password(
    State(ctx): State<AppContext>,
    Json(body): Json<EmailRequest>,
) -> Result<(StatusCode, Json<AcceptedResponse>), ApiError> {
    auth::forgot_password(&ctx.ports, &ctx.service, &body.email).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(AcceptedResponse::new(FORGOT_MESSAGE)),
    ))
}

/// Set a new password with the token of a reset link; every session of the
/// user ends.
#[utoipa::path(
    post,
    path = "/v1/auth/reset-password",
    tag = "auth",
    request_body = ResetInput,
    responses(
        (status = 200, description = "The password is changed; all refresh tokens are dead", body = PasswordResetResponse),
        InvalidLinkToken,
        (status = 422, description = "Every bad field (password policy)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reset_password(
    State(ctx): State<AppContext>,
    Json(body): Json<ResetInput>,
) -> Result<Json<PasswordResetResponse>, ApiError> {
    auth::reset_password(&ctx.ports, body).await?;
    Ok(Json(PasswordResetResponse {
        status: "password_reset".to_string(),
        message: "The password is changed. Sign in with the new password.".to_string(),
    }))
}

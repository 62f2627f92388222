//! `POST /v1/auth/signup`, `/verify-email` and `/resend-verification`: a
//! new account and the proof that its owner reads their email.

use axum::extract::State;
use http::StatusCode;
use uome_core::auth::{self, SignupInput};
use uome_http::problem_responses::{Invalid, MalformedJson};
use uome_http::{ApiError, AppContext, Json, Problem, Role};

use super::{BadEmail, InvalidLinkToken};
use crate::dto::{
    AcceptedResponse, Account, EmailRequest, SignupResponse, TokenRequest, User, VerifiedResponse,
};

const RESEND_MESSAGE: &str =
    "If this address belongs to an account that is not verified yet, a new link is on its way.";

/// Create an account and its owner; emails a verification link.
#[utoipa::path(
    post,
    path = "/v1/auth/signup",
    tag = "auth",
    request_body = SignupInput,
    responses(
        (status = 201, description = "Account created; a verification link was emailed", body = SignupResponse),
        (status = 409, description = "`email_taken`", body = Problem, content_type = "application/problem+json"),
        MalformedJson,
        Invalid,
    )
)]
pub async fn signup(
    State(ctx): State<AppContext>,
    Json(body): Json<SignupInput>,
) -> Result<(StatusCode, Json<SignupResponse>), ApiError> {
    let done = auth::signup(&ctx.ports, &ctx.service, body).await?;
    let response = SignupResponse {
        user: User::new(done.user, Role::Owner),
        account: Account::new(done.account, done.company_name),
    };
    Ok((StatusCode::CREATED, Json(response)))
}

/// Confirm the owner's email address with the token of the emailed link.
#[utoipa::path(
    post,
    path = "/v1/auth/verify-email",
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "The email address is verified", body = VerifiedResponse),
        InvalidLinkToken,
        (status = 422, description = "No token", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn verify_email(
    State(ctx): State<AppContext>,
    Json(body): Json<TokenRequest>,
) -> Result<Json<VerifiedResponse>, ApiError> {
    let user = auth::verify_email(&ctx.ports, &body.token).await?;
    Ok(Json(VerifiedResponse {
        status: "email_verified".to_string(),
        user: User::new(user, Role::Owner),
    }))
}

/// Email a new verification link (always 202: says nothing about accounts).
#[utoipa::path(
    post,
    path = "/v1/auth/resend-verification",
    tag = "auth",
    request_body = EmailRequest,
    responses(
        (status = 202, description = "Accepted, whether or not the address has an account", body = AcceptedResponse),
        BadEmail,
    )
)]
pub async fn resend_verification(
    State(ctx): State<AppContext>,
    Json(body): Json<EmailRequest>,
) -> Result<(StatusCode, Json<AcceptedResponse>), ApiError> {
    auth::resend_verification(&ctx.ports, &ctx.service, &body.email).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(AcceptedResponse::new(RESEND_MESSAGE)),
    ))
}

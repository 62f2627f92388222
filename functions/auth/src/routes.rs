//! The handlers: extract, call the use case in `uome_core::auth`, shape the
//! answer. Issuing access tokens is the one thing done here, since the JWT
//! keys live in the HTTP context.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CACHE_CONTROL, HeaderValue, PRAGMA};
use uome_core::auth::{self, SignedIn};
use uome_http::auth::ACCESS_TOKEN_TTL_SECS;
use uome_http::{ApiError, AppContext, Json, Owner, Problem, Role};

use crate::dto::{
    AcceptedResponse, Account, EmailRequest, LoginRequest, PasswordResetResponse, RefreshRequest,
    ResetPasswordRequest, SignupRequest, SignupResponse, TokenRequest, TokenResponse, User,
    VerifiedResponse,
};

const FORGOT_MESSAGE: &str =
    "If an account uses this address, a link to reset its password is on its way.";
const RESEND_MESSAGE: &str =
    "If this address belongs to an account that is not verified yet, a new link is on its way.";

/// Create an account and its owner; emails a verification link.
#[utoipa::path(
    post,
    path = "/v1/auth/signup",
    tag = "auth",
    request_body = SignupRequest,
    responses(
        (status = 201, description = "Account created; a verification link was emailed", body = SignupResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn signup(
    State(ctx): State<AppContext>,
    Json(body): Json<SignupRequest>,
) -> Result<(StatusCode, Json<SignupResponse>), ApiError> {
    let done = auth::signup(&ctx.ports, &ctx.service, body.into()).await?;
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
        (status = 400, description = "`invalid_token`: unknown, expired or already used", body = Problem, content_type = "application/problem+json"),
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
        (status = 422, description = "Missing or malformed email", body = Problem, content_type = "application/problem+json"),
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

/// Sign in with email and password: an access token and a refresh token.
#[utoipa::path(
    post,
    path = "/v1/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "`invalid_credentials` (wrong email or password alike)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`: five failures within 15 minutes; see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until a login may be tried again"))),
    )
)]
pub async fn login(
    State(ctx): State<AppContext>,
    Json(body): Json<LoginRequest>,
) -> Result<Response, ApiError> {
    let signed_in = auth::login(&ctx.ports, body.into()).await?;
    token_response(&ctx, signed_in)
}

/// Exchange a refresh token for a new pair; the old refresh token dies.
#[utoipa::path(
    post,
    path = "/v1/auth/refresh",
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new access token and refresh token", body = TokenResponse),
        (status = 401, description = "`invalid_token`; a replayed (already exchanged) token also revokes its whole session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No refresh token", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refresh(
    State(ctx): State<AppContext>,
    Json(body): Json<RefreshRequest>,
) -> Result<Response, ApiError> {
    let signed_in = auth::refresh(&ctx.ports, &body.refresh_token).await?;
    token_response(&ctx, signed_in)
}

/// End the session of a refresh token (idempotent).
#[utoipa::path(
    post,
    path = "/v1/auth/logout",
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "The session is ended (also for an unknown or expired token)"),
        (status = 422, description = "No refresh token", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn logout(
    State(ctx): State<AppContext>,
    Json(body): Json<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    auth::logout(&ctx.ports, &body.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Email a single-use password-reset link valid 30 minutes (always 202).
#[utoipa::path(
    post,
    path = "/v1/auth/forgot-password",
    tag = "auth",
    request_body = EmailRequest,
    responses(
        (status = 202, description = "Accepted, whether or not the address has an account", body = AcceptedResponse),
        (status = 422, description = "Missing or malformed email", body = Problem, content_type = "application/problem+json"),
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
    request_body = ResetPasswordRequest,
    responses(
        (status = 200, description = "The password is changed; all refresh tokens are dead", body = PasswordResetResponse),
        (status = 400, description = "`invalid_token`: unknown, expired or already used", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field (password policy)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reset_password(
    State(ctx): State<AppContext>,
    Json(body): Json<ResetPasswordRequest>,
) -> Result<Json<PasswordResetResponse>, ApiError> {
    auth::reset_password(&ctx.ports, body.into()).await?;
    Ok(Json(PasswordResetResponse {
        status: "password_reset".to_string(),
        message: "The password is changed. Sign in with the new password.".to_string(),
    }))
}

/// The signed-in owner's profile.
#[utoipa::path(
    get,
    path = "/v1/auth/me",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile", body = User),
        (status = 401, description = "No, invalid or expired access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an owner's access token", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(
    State(ctx): State<AppContext>,
    Owner(principal): Owner,
) -> Result<Json<User>, ApiError> {
    let profile = auth::me(&ctx.ports, &principal.account_id, &principal.subject).await?;
    Ok(Json(User::new(profile, principal.role)))
}

/// The 200 of login and refresh: a new access token for the user beside
/// the refresh token. Not cacheable (RFC 6749 §5.1).
fn token_response(ctx: &AppContext, signed_in: SignedIn) -> Result<Response, ApiError> {
    let jti = ctx.ports.ids.new_id().to_string();
    let claims = ctx.jwt.access_claims(
        &signed_in.user.id,
        &signed_in.user.account_id,
        Role::Owner,
        ctx.now(),
        &jti,
    );
    let body = TokenResponse {
        access_token: ctx.jwt.issue(&claims)?,
        token_type: "Bearer".to_string(),
        expires_in: ACCESS_TOKEN_TTL_SECS,
        refresh_token: signed_in.refresh.token,
        refresh_token_expires_at: signed_in.refresh.expires_at,
        user: User::new(signed_in.user, Role::Owner),
    };
    let mut response = Json(body).into_response();
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(PRAGMA, HeaderValue::from_static("no-cache"));
    Ok(response)
}

//! `POST /v1/auth/login`, `/refresh` and `/logout`: sessions. Issuing
//! access tokens is the one thing done here rather than in the use case,
//! since the JWT keys live in the HTTP context.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CACHE_CONTROL, HeaderValue, PRAGMA};
use uome_core::auth::{self, LoginInput, SignedIn};
use uome_http::auth::ACCESS_TOKEN_TTL_SECS;
use uome_http::problem_responses::Invalid;
use uome_http::{ApiError, AppContext, Json, Problem, Role};

use super::NoRefreshToken;
use crate::dto::{RefreshRequest, TokenResponse, User};

/// Sign in with email and password: an access token and a refresh token.
#[utoipa::path(
    post,
    path = "/v1/auth/login",
    tag = "auth",
    request_body = LoginInput,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "`invalid_credentials` (wrong email or password alike)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`: five failures within 15 minutes; see Retry-After", body = Problem, content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds until a login may be tried again"))),
        Invalid,
    )
)]
pub async fn login(
    State(ctx): State<AppContext>,
    Json(body): Json<LoginInput>,
) -> Result<Response, ApiError> {
    let signed_in = auth::login(&ctx.ports, body).await?;
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
        NoRefreshToken,
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
        NoRefreshToken,
    )
)]
pub async fn logout(
    State(ctx): State<AppContext>,
    Json(body): Json<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    auth::logout(&ctx.ports, &body.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
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

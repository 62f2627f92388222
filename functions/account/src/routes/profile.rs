//! `GET/PUT /v1/account/profile`.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::account::profile;
use uome_http::problem_responses::{BusinessAuth, Invalid, VersionConflict};
use uome_http::{ApiError, AppContext, Business, Json};

use super::profile_of;
use crate::dto::{ProfileRequest, ProfileResponse};
use uome_http::version::{IfMatch, expected_version, versioned};

/// The signed-in user's profile (an API client sees the account owner's).
#[utoipa::path(
    get,
    path = "/v1/account/profile",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    responses(
        (status = 200, description = "The profile; `ETag` is its version", body = ProfileResponse),
        BusinessAuth,
    )
)]
pub async fn get_profile(
    State(ctx): State<AppContext>,
    Business(principal): Business,
) -> Result<Response, ApiError> {
    let view = profile::get(&ctx.ports, &principal.account_id, profile_of(&principal)).await?;
    Ok(versioned(
        StatusCode::OK,
        view.version,
        ProfileResponse::from(view),
    ))
}

/// Replaces the profile's name, phone and address.
#[utoipa::path(
    put,
    path = "/v1/account/profile",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("If-Match" = Option<String>, Header, description = "The version read (or send `version` in the body)")),
    request_body = ProfileRequest,
    responses(
        (status = 200, description = "The profile as saved", body = ProfileResponse),
        BusinessAuth,
        VersionConflict,
        Invalid,
    )
)]
pub async fn put_profile(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    if_match: IfMatch,
    Json(body): Json<ProfileRequest>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let view = profile::update(
        &ctx.ports,
        &principal.account_id,
        profile_of(&principal),
        body.into(),
        expected,
    )
    .await?;
    Ok(versioned(
        StatusCode::OK,
        view.version,
        ProfileResponse::from(view),
    ))
}

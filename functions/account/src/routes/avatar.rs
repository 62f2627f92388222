//! `POST /v1/account/avatar/upload-url` and `PUT /v1/account/avatar`: the
//! seed's obtainPostAvatarUrl and link-avatar, over the uploads of §11.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::account::profile;
use uome_core::uploads::{self, NewUpload, UploadPurpose};
use uome_http::problem_responses::{BusinessAuth, Invalid};
use uome_http::{ApiError, AppContext, Business, Json, Problem};

use super::profile_of;
use crate::dto::{AvatarRequest, ProfileResponse, UploadUrlRequest, UploadUrlResponse};
use uome_http::version::{IfMatch, expected_version, versioned};

/// A presigned URL to upload an avatar image to (png, jpeg or webp, ≤ 5 MiB,
/// valid 15 minutes).
#[utoipa::path(
    post,
    path = "/v1/account/avatar/upload-url",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body = UploadUrlRequest,
    responses(
        (status = 201, description = "PUT the bytes to `url` with `headers`", body = UploadUrlResponse),
        BusinessAuth,
        Invalid,
    )
)]
pub async fn post_upload_url(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Json(body): Json<UploadUrlRequest>,
) -> Result<(StatusCode, Json<UploadUrlResponse>), ApiError> {
    let input = NewUpload {
        purpose: UploadPurpose::Avatar,
        file_name: body.file_name.unwrap_or_default(),
        content_type: body.content_type.unwrap_or_default(),
        size_bytes: body.size_bytes.unwrap_or(0),
        import_type: None,
        owner_id: None,
    };
    let presigned = uploads::create(&ctx.ports, &principal.account_id, input).await?;
    Ok((StatusCode::CREATED, Json(presigned.into())))
}

/// Links an uploaded image as the profile's avatar.
#[utoipa::path(
    put,
    path = "/v1/account/avatar",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("If-Match" = Option<String>, Header, description = "The profile's version (optional)")),
    request_body = AvatarRequest,
    responses(
        (status = 200, description = "The profile with its `avatar_url`", body = ProfileResponse),
        (status = 409, description = "`upload_not_ready`: the bytes have not landed (or were rejected); or `version_conflict`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`upload_id` names no upload of this account, or one that is not an image", body = Problem, content_type = "application/problem+json"),
        BusinessAuth,
    )
)]
pub async fn put_avatar(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    if_match: IfMatch,
    Json(body): Json<AvatarRequest>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let view = profile::link_avatar(
        &ctx.ports,
        &principal.account_id,
        profile_of(&principal),
        body.upload_id.trim(),
        expected,
    )
    .await?;
    Ok(versioned(
        StatusCode::OK,
        view.version,
        ProfileResponse::from(view),
    ))
}

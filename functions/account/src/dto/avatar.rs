//! `/v1/account/avatar/upload-url` and `/v1/account/avatar`.
//!
//! The answer is the shared `uome_http::uploads::UploadUrlResponse`.
//! [`UploadUrlRequest`] is not core's `NewUpload` (the route fixes the
//! purpose; the fields stay optional so a missing one is a field error);
//! [`AvatarRequest`] has no core input.

use serde::Deserialize;
use utoipa::ToSchema;

/// `POST /v1/account/avatar/upload-url`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"file_name": "me.png", "content_type": "image/png", "size_bytes": 48213}))]
pub struct UploadUrlRequest {
    /// ≤ 255 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub file_name: Option<String>,
    /// `image/png`, `image/jpeg` or `image/webp`.
    #[serde(default)]
    #[schema(required = true, pattern = "^image/(png|jpeg|webp)$")]
    pub content_type: Option<String>,
    /// 1 byte to 5 MiB.
    #[serde(default)]
    #[schema(required = true, minimum = 1, maximum = 5242880)]
    pub size_bytes: Option<i64>,
}

/// `PUT /v1/account/avatar`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"upload_id": "0192f0c4-5a6b-7c8d-9e0f-112233445566"}))]
pub struct AvatarRequest {
    /// A ready image upload of this account.
    pub upload_id: String,
    /// The profile's version (or send `If-Match`).
    #[serde(default)]
    pub version: Option<u64>,
}

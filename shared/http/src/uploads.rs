//! The answer every route that hands out a presigned upload shares
//! (`POST /v1/uploads`, `POST /v1/account/avatar/upload-url`; API.md §11).

use chrono::{DateTime, Utc};
use serde::Serialize;
use uome_core::uploads::PresignedUpload;
use utoipa::ToSchema;

/// A presigned upload (API.md §11): PUT the bytes to `url` with `headers`
/// before `expires_at`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadUrlResponse {
    pub upload_id: String,
    pub url: String,
    /// Always `PUT`.
    pub method: String,
    pub headers: std::collections::BTreeMap<String, String>,
    pub expires_at: DateTime<Utc>,
}

impl From<PresignedUpload> for UploadUrlResponse {
    fn from(p: PresignedUpload) -> Self {
        Self {
            upload_id: p.upload.id,
            url: p.request.url,
            method: p.request.method,
            headers: p.request.headers,
            expires_at: p.request.expires_at,
        }
    }
}

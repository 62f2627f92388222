//! `POST /v1/auth/login`, `/refresh` and `/logout`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::auth::Text;
use utoipa::ToSchema;

use super::User;

// The login body is core's `LoginInput`; this one has no core input (the
// use cases take the token alone).

/// `POST /v1/auth/refresh` and `POST /v1/auth/logout`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(default)]
    #[schema(value_type = String, required = true, max_length = 256)]
    pub refresh_token: Text,
}

/// 200 of login and refresh.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    /// JWT (HS256) for `Authorization: Bearer`.
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds the access token is valid: 900.
    #[schema(example = 900)]
    pub expires_in: i64,
    /// Opaque; exchange it at `/v1/auth/refresh` (once) for a new pair.
    pub refresh_token: String,
    /// When the refresh token expires unless exchanged first.
    pub refresh_token_expires_at: DateTime<Utc>,
    pub user: User,
}

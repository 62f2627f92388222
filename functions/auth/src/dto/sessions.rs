//! `POST /v1/auth/login`, `/refresh` and `/logout`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::auth::{self, Text};
use utoipa::ToSchema;

use super::User;

/// `POST /v1/auth/login`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ada@example.com", "password": "correct-horse-42"}))]
pub struct LoginRequest {
    #[serde(default)]
    #[schema(value_type = String, format = Email, required = true)]
    pub email: Text,
    #[serde(default)]
    #[schema(value_type = String, format = Password, required = true)]
    pub password: Text,
}

impl From<LoginRequest> for auth::LoginInput {
    fn from(body: LoginRequest) -> Self {
        Self {
            email: body.email,
            password: body.password,
        }
    }
}

/// `POST /v1/auth/refresh` and `POST /v1/auth/logout`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(default)]
    #[schema(value_type = String, required = true)]
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

//! `POST /v1/auth/forgot-password` and `/reset-password`.

use serde::{Deserialize, Serialize};
use uome_core::auth::{self, Text};
use utoipa::ToSchema;

/// `POST /v1/auth/reset-password`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// The `token` parameter of the reset link.
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub token: Text,
    /// The new password, under the sign-up policy.
    #[serde(default)]
    #[schema(value_type = String, format = Password, required = true)]
    pub password: Text,
}

impl From<ResetPasswordRequest> for auth::ResetInput {
    fn from(body: ResetPasswordRequest) -> Self {
        Self {
            token: body.token,
            password: body.password,
        }
    }
}

/// 200 of reset-password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PasswordResetResponse {
    #[schema(example = "password_reset")]
    pub status: String,
    pub message: String,
}

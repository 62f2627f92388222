//! `POST /v1/auth/forgot-password` and `/reset-password`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

// The reset body is core's `ResetInput`, schema and all.

/// 200 of reset-password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PasswordResetResponse {
    #[schema(example = "password_reset")]
    pub status: String,
    pub message: String,
}

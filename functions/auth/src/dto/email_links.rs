//! What the routes that may email a link take and answer: an address in,
//! the same 202 out whether or not the address has an account.

use serde::{Deserialize, Serialize};
use uome_core::auth::Text;
use utoipa::ToSchema;

/// `POST /v1/auth/forgot-password` and `POST /v1/auth/resend-verification`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailRequest {
    #[serde(default)]
    #[schema(value_type = String, format = Email, required = true)]
    pub email: Text,
}

/// 202 of the routes that may send an email: the same body whether or not
/// the address has an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AcceptedResponse {
    #[schema(example = "accepted")]
    pub status: String,
    pub message: String,
}

impl AcceptedResponse {
    pub fn new(message: &str) -> Self {
        Self {
            status: "accepted".to_string(),
            message: message.to_string(),
        }
    }
}

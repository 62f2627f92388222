//! `POST /v1/auth/signup`, `/verify-email` and `/resend-verification`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::accounts::AccountRecord;
use uome_core::auth::Text;
use utoipa::ToSchema;

use super::User;

// The sign-up body is core's `SignupInput`, schema and all; this one has no
// core input (the use case takes the token alone).

/// A token from an email link (`POST /v1/auth/verify-email`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// The `token` parameter of the link.
    #[serde(default)]
    #[schema(value_type = String, required = true, max_length = 256)]
    pub token: Text,
}

/// The account made at sign-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Account {
    pub id: String,
    pub owner_user_id: String,
    /// Until the owner verifies their email, nothing is emailed to third
    /// parties from this account (403 `email_unverified`).
    pub email_verified: bool,
    pub company_name: String,
    pub created_at: DateTime<Utc>,
}

impl Account {
    pub fn new(record: AccountRecord, company_name: String) -> Self {
        Self {
            id: record.id.to_string(),
            owner_user_id: record.owner_user_id,
            email_verified: record.email_verified,
            company_name,
            created_at: record.created_at,
        }
    }
}

/// 201 of sign-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignupResponse {
    pub user: User,
    pub account: Account,
}

/// 200 of verify-email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VerifiedResponse {
    #[schema(example = "email_verified")]
    pub status: String,
    pub user: User,
}

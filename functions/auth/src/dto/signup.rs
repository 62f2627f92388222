//! `POST /v1/auth/signup`, `/verify-email` and `/resend-verification`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::accounts::AccountRecord;
use uome_core::auth::{self, Text};
use utoipa::ToSchema;

use super::User;

/// `POST /v1/auth/signup`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "password": "correct-horse-42", "company_name": "Analytical Engines Ltd"}))]
pub struct SignupRequest {
    /// 1–255 characters.
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub first_name: Text,
    /// 1–255 characters.
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub last_name: Text,
    /// The owner's email address; unique across Uome (case-insensitive).
    #[serde(default)]
    #[schema(value_type = String, format = Email, required = true)]
    pub email: Text,
    /// 10–256 characters, not all letters, all digits or all symbols.
    #[serde(default)]
    #[schema(value_type = String, format = Password, required = true)]
    pub password: Text,
    /// Defaults to "<first name> <last name>".
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub company_name: Text,
}

impl From<SignupRequest> for auth::SignupInput {
    fn from(body: SignupRequest) -> Self {
        Self {
            first_name: body.first_name,
            last_name: body.last_name,
            email: body.email,
            password: body.password,
            company_name: body.company_name,
        }
    }
}

/// A token from an email link (`POST /v1/auth/verify-email`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// The `token` parameter of the link.
    #[serde(default)]
    #[schema(value_type = String, required = true)]
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
            id: record.id,
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

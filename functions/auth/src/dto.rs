//! Request and response bodies of the auth routes.
//!
//! Request fields are [`Text`]: any JSON value is accepted by the parser and
//! judged by the use case, so one 422 names every bad field (a number where
//! a string belongs included) instead of serde stopping at the first.
//! Unknown fields are still refused (mass assignment).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::accounts::AccountRecord;
use uome_core::auth::{self, Text, UserProfile};
use uome_http::Role;
use utoipa::ToSchema;

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

/// A token from an email link (`POST /v1/auth/verify-email`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// The `token` parameter of the link.
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub token: Text,
}

/// `POST /v1/auth/refresh` and `POST /v1/auth/logout`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub refresh_token: Text,
}

/// `POST /v1/auth/forgot-password` and `POST /v1/auth/resend-verification`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailRequest {
    #[serde(default)]
    #[schema(value_type = String, format = Email, required = true)]
    pub email: Text,
}

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

/// The signed-in user (Uome's authenticateJwtProfile).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct User {
    pub id: String,
    pub email: String,
    pub email_verified: bool,
    pub first_name: String,
    pub last_name: String,
    pub account_id: String,
    pub role: Role,
}

impl User {
    pub fn new(profile: UserProfile, role: Role) -> Self {
        Self {
            id: profile.id,
            email: profile.email,
            email_verified: profile.email_verified,
            first_name: profile.first_name,
            last_name: profile.last_name,
            account_id: profile.account_id,
            role,
        }
    }
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

/// 200 of verify-email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VerifiedResponse {
    #[schema(example = "email_verified")]
    pub status: String,
    pub user: User,
}

/// 200 of reset-password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PasswordResetResponse {
    #[schema(example = "password_reset")]
    pub status: String,
    pub message: String,
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

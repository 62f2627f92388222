//! `/v1/account/profile`.
//!
//! [`ProfileRequest`] is not core's `ProfileInput`: it takes the `version`
//! and refuses the read-only fields a `GET` answered, and names stay optional so a
//! missing one is a field error.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::account::profile::{ProfileInput, ProfileView};
use uome_domain::Address;
use utoipa::ToSchema;

use super::ReadOnly;

/// `PUT /v1/account/profile`: a full replace of the writable fields.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"first_name": "Ada", "last_name": "Lovelace", "phone": "+44 20 7946 0958", "address": {"line1": "1 High Street", "city": "London", "postal_code": "SW1A 1AA", "country_code": "GB"}, "version": 1}))]
pub struct ProfileRequest {
    /// 1–255 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub first_name: Option<String>,
    /// 1–255 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub last_name: Option<String>,
    /// Dialable as printed: 3 to 20 digits, no extension.
    #[serde(default)]
    #[schema(format = "phone-dialable")]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<Address>,
    /// The version read (or send `If-Match`).
    #[serde(default)]
    pub version: Option<u64>,
    #[serde(default)]
    #[schema(ignore)]
    pub id: ReadOnly,
    #[serde(default)]
    #[schema(ignore)]
    pub email: ReadOnly,
    #[serde(default)]
    #[schema(ignore)]
    pub email_verified: ReadOnly,
    #[serde(default)]
    #[schema(ignore)]
    pub avatar_upload_id: ReadOnly,
    #[serde(default)]
    #[schema(ignore)]
    pub avatar_url: ReadOnly,
    #[serde(default)]
    #[schema(ignore)]
    pub updated_at: ReadOnly,
}

impl From<ProfileRequest> for ProfileInput {
    fn from(body: ProfileRequest) -> Self {
        Self {
            first_name: body.first_name.unwrap_or_default(),
            last_name: body.last_name.unwrap_or_default(),
            phone: body.phone,
            address: body.address,
        }
    }
}

/// The signed-in user's profile (an API client sees the account owner's).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileResponse {
    pub id: String,
    pub email: String,
    pub email_verified: bool,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub address: Option<Address>,
    pub avatar_upload_id: Option<String>,
    /// Presigned download URL of the avatar, valid 15 minutes.
    pub avatar_url: Option<String>,
    pub version: u64,
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<ProfileView> for ProfileResponse {
    fn from(view: ProfileView) -> Self {
        let p = view.profile;
        Self {
            id: p.id,
            email: p.email,
            email_verified: p.email_verified,
            first_name: p.first_name,
            last_name: p.last_name,
            phone: p.phone,
            address: p.address,
            avatar_upload_id: p.avatar_upload_id,
            avatar_url: view.avatar_url,
            version: view.version,
            updated_at: p.updated_at,
        }
    }
}

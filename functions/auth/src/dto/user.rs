//! The signed-in user, as every auth answer shows them.

use serde::{Deserialize, Serialize};
use uome_core::auth::UserProfile;
use uome_http::Role;
use utoipa::ToSchema;

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
            account_id: profile.account_id.to_string(),
            role,
        }
    }
}

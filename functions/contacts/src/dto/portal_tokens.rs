//! `/v1/contacts/{id}/portal-token`: its options and the token shown once.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// `POST …/portal-token` options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PortalQuery {
    /// Also email the link to the contact (403 `email_unverified` until the
    /// account's email is verified; 422 `contact_has_no_email`).
    pub email: Option<bool>,
}

/// A portal token, shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct PortalTokenResponse {
    /// The contact's bearer token for `/v1/portal/...`.
    pub token: String,
    /// The front-end link carrying the token (`…/portal?token=…`).
    pub url: String,
    /// 30 days from now.
    pub expires_at: DateTime<Utc>,
    /// Where the link was emailed (`?email=true`), else `null`.
    pub emailed_to: Option<String>,
}

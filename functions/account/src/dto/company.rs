//! `/v1/account/company`.
//!
//! [`CompanyRequest`] is not core's `CompanyInput`: it takes the `version`
//! and refuses the read-only fields a `GET` answered, and `name` stays optional so
//! a missing one is a field error.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::account::company::{CompanyInput, CompanyView};
use uome_domain::Address;
use utoipa::ToSchema;

use super::ReadOnly;

/// `PUT /v1/account/company`: a full replace; an absent currency is GBP and
/// an absent time zone Europe/London.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Analytical Engines Ltd", "registration_number": "01234567", "vat_number": "GB123456789", "industry": "Engineering", "email": "accounts@example.com", "website": "https://example.com", "default_currency": "GBP", "timezone": "Europe/London", "version": 1}))]
pub struct CompanyRequest {
    /// 1–255 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub name: Option<String>,
    #[serde(default)]
    pub registration_number: Option<String>,
    #[serde(default)]
    pub vat_number: Option<String>,
    #[serde(default)]
    pub industry: Option<String>,
    #[serde(default)]
    pub address: Option<Address>,
    #[serde(default)]
    pub email: Option<String>,
    /// Dialable as printed: 3 to 20 digits, no extension.
    #[serde(default)]
    #[schema(format = "phone-dialable")]
    pub phone: Option<String>,
    /// `https://…`; a bare host gets `https://`. The pattern is the plain
    /// form; the server also takes other host characters and paths.
    #[serde(default)]
    #[schema(
        pattern = r"^( *|(https?://)?[A-Za-z0-9-]{1,20}(\.[A-Za-z0-9-]{1,20}){1,3}(/[A-Za-z0-9._~/-]{0,40})?)$"
    )]
    pub website: Option<String>,
    /// ISO 4217 code; default GBP.
    #[serde(default)]
    pub default_currency: Option<String>,
    /// IANA time zone; default Europe/London.
    #[serde(default)]
    pub timezone: Option<String>,
    /// A ready image upload of this account.
    #[serde(default)]
    pub logo_upload_id: Option<String>,
    #[serde(default)]
    pub version: Option<u64>,
    #[serde(default)]
    #[schema(ignore)]
    pub logo_url: ReadOnly,
    #[serde(default)]
    #[schema(ignore)]
    pub updated_at: ReadOnly,
}

impl From<CompanyRequest> for CompanyInput {
    fn from(body: CompanyRequest) -> Self {
        Self {
            name: body.name.unwrap_or_default(),
            registration_number: body.registration_number,
            vat_number: body.vat_number,
            industry: body.industry,
            address: body.address,
            email: body.email,
            phone: body.phone,
            website: body.website,
            default_currency: body.default_currency,
            timezone: body.timezone,
            logo_upload_id: body.logo_upload_id,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyResponse {
    pub name: String,
    pub registration_number: Option<String>,
    pub vat_number: Option<String>,
    pub industry: Option<String>,
    pub address: Option<Address>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub default_currency: String,
    pub timezone: String,
    pub logo_upload_id: Option<String>,
    /// Presigned download URL of the logo, valid 15 minutes.
    pub logo_url: Option<String>,
    /// 0 until the company details are first saved.
    pub version: u64,
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<CompanyView> for CompanyResponse {
    fn from(view: CompanyView) -> Self {
        let c = view.company;
        Self {
            name: c.name,
            registration_number: c.registration_number,
            vat_number: c.vat_number,
            industry: c.industry,
            address: c.address,
            email: c.email,
            phone: c.phone,
            website: c.website,
            default_currency: c.default_currency,
            timezone: c.timezone,
            logo_upload_id: c.logo_upload_id,
            logo_url: view.logo_url,
            version: view.version,
            updated_at: c.updated_at,
        }
    }
}

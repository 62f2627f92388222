//! Request and response bodies of the account routes.
//!
//! Requests refuse unknown fields (mass assignment), but accept the
//! read-only fields a `GET` answered and ignore them, so a client may send
//! back what it read with its changes. Text fields are optional in the
//! parser and required by the use case, so one 422 names every missing one.

use chrono::{DateTime, Utc};
use serde::de::{Deserializer, IgnoredAny};
use serde::{Deserialize, Serialize};
use uome_core::account::api_clients::{ApiClient, CreatedApiClient};
use uome_core::account::bank::{Bank, BankInput};
use uome_core::account::company::{CompanyInput, CompanyView};
use uome_core::account::profile::{ProfileInput, ProfileView};
use uome_core::account::settings::{
    Numbering, NumberingInput, Reminders, RemindersInput, Settings, SettingsInput,
};
use uome_core::uploads::PresignedUpload;
use uome_domain::Address;
use utoipa::ToSchema;

/// A read-only field sent back by a client: accepted, ignored.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOnly;

impl<'de> Deserialize<'de> for ReadOnly {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| ReadOnly)
    }
}

/// A postal address (API.md §2). `full_address` is derived and read-only.
#[derive(Debug, ToSchema)]
#[schema(as = Address, example = json!({"line1": "1 High Street", "city": "London", "postal_code": "SW1A 1AA", "country_code": "GB", "full_address": "1 High Street\nSW1A 1AA London\nGB"}))]
#[allow(dead_code)] // documents uome_domain::Address, which has no schema of its own
pub struct AddressSchema {
    line1: Option<String>,
    line2: Option<String>,
    line3: Option<String>,
    city: Option<String>,
    postal_code: Option<String>,
    region: Option<String>,
    /// ISO 3166-1 alpha-2.
    country_code: Option<String>,
    #[schema(read_only)]
    full_address: String,
}

// ---------------------------------------------------------------- profile

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
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<AddressSchema>)]
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
    #[schema(value_type = Option<AddressSchema>)]
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

// ---------------------------------------------------------------- company

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
    #[schema(value_type = Option<AddressSchema>)]
    pub address: Option<Address>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// `https://…`; a bare host gets `https://`.
    #[serde(default)]
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
    #[schema(value_type = Option<AddressSchema>)]
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

// ------------------------------------------------------------------- bank

/// `PUT /v1/account/bank`: a full replace. Sending back the masked
/// `account_number` or `iban` a read answered keeps the stored one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"account_name": "Analytical Engines Ltd", "sort_code": "12-34-56", "account_number": "12345678", "institution": "Westminster Bank", "iban": "GB82WEST12345698765432", "bic": "NWBKGB2L", "version": 1}))]
pub struct BankRequest {
    #[serde(default)]
    #[schema(required = true)]
    pub account_name: Option<String>,
    /// `NN-NN-NN` or six digits.
    #[serde(default)]
    #[schema(required = true)]
    pub sort_code: Option<String>,
    /// Exactly 8 digits.
    #[serde(default)]
    #[schema(required = true)]
    pub account_number: Option<String>,
    /// The bank's name.
    #[serde(default)]
    #[schema(required = true)]
    pub institution: Option<String>,
    /// Spaces allowed; checked with its check digits.
    #[serde(default)]
    pub iban: Option<String>,
    /// 8 or 11 characters.
    #[serde(default)]
    pub bic: Option<String>,
    #[serde(default)]
    pub version: Option<u64>,
    #[serde(default)]
    #[schema(ignore)]
    pub updated_at: ReadOnly,
}

// By hand: the numbers must never reach a log line.
impl std::fmt::Debug for BankRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BankRequest").finish_non_exhaustive()
    }
}

impl From<BankRequest> for BankInput {
    fn from(body: BankRequest) -> Self {
        Self {
            account_name: body.account_name.unwrap_or_default(),
            sort_code: body.sort_code.unwrap_or_default(),
            account_number: body.account_number.unwrap_or_default(),
            institution: body.institution.unwrap_or_default(),
            iban: body.iban,
            bic: body.bic,
        }
    }
}

/// Bank details; `account_number` and `iban` masked but for the last 4.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"account_name": "Analytical Engines Ltd", "sort_code": "12-34-56", "account_number": "****5678", "institution": "Westminster Bank", "iban": "******************5432", "bic": "NWBKGB2L", "version": 1, "updated_at": "2026-11-21T09:00:00Z"}))]
pub struct BankResponse {
    pub account_name: Option<String>,
    pub sort_code: Option<String>,
    pub account_number: Option<String>,
    pub institution: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub version: u64,
    pub updated_at: Option<DateTime<Utc>>,
}

impl BankResponse {
    /// From details the use case already masked.
    pub fn from_masked(bank: Bank, version: u64) -> Self {
        Self {
            account_name: bank.account_name,
            sort_code: bank.sort_code,
            account_number: bank.account_number,
            institution: bank.institution,
            iban: bank.iban,
            bic: bank.bic,
            version,
            updated_at: bank.updated_at,
        }
    }
}

// --------------------------------------------------------------- settings

/// `PUT /v1/account/settings`: a full replace; anything absent takes its
/// default.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"purchase_orders_enabled": true, "default_payment_terms_days": 14, "numbering": {"invoice_prefix": "INV-", "quote_prefix": "QUO-", "order_prefix": "ORD-", "purchase_order_prefix": "PO-", "credit_note_prefix": "CN-", "padding": 4}, "reminders": {"enabled": true, "before_due_days": 3, "levels": [1, 7, 14]}, "version": 1}))]
pub struct SettingsRequest {
    /// Default false.
    #[serde(default)]
    pub purchase_orders_enabled: Option<bool>,
    /// 0–365, default 30.
    #[serde(default)]
    pub default_payment_terms_days: Option<i64>,
    #[serde(default)]
    pub numbering: Option<NumberingRequest>,
    #[serde(default)]
    pub reminders: Option<RemindersRequest>,
    #[serde(default)]
    pub version: Option<u64>,
    #[serde(default)]
    #[schema(ignore)]
    pub updated_at: ReadOnly,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberingRequest {
    /// ≤ 20 characters, no spaces; default `INV-`.
    #[serde(default)]
    pub invoice_prefix: Option<String>,
    /// Default `QUO-`.
    #[serde(default)]
    pub quote_prefix: Option<String>,
    /// Default `ORD-`.
    #[serde(default)]
    pub order_prefix: Option<String>,
    /// Default `PO-`.
    #[serde(default)]
    pub purchase_order_prefix: Option<String>,
    /// Default `CN-`.
    #[serde(default)]
    pub credit_note_prefix: Option<String>,
    /// Digits of the sequence, 1–12; default 4 (`INV-0001`).
    #[serde(default)]
    pub padding: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RemindersRequest {
    /// Default true.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Days before the due date of the courtesy reminder, 0–365; default 3.
    #[serde(default)]
    pub before_due_days: Option<i64>,
    /// Days after the due date of each dunning level: 1–365, strictly
    /// increasing, at most 10; default `[1, 7, 14]`.
    #[serde(default)]
    pub levels: Option<Vec<i64>>,
}

impl From<SettingsRequest> for SettingsInput {
    fn from(body: SettingsRequest) -> Self {
        Self {
            purchase_orders_enabled: body.purchase_orders_enabled,
            default_payment_terms_days: body.default_payment_terms_days,
            numbering: body.numbering.map(|n| NumberingInput {
                invoice_prefix: n.invoice_prefix,
                quote_prefix: n.quote_prefix,
                order_prefix: n.order_prefix,
                purchase_order_prefix: n.purchase_order_prefix,
                credit_note_prefix: n.credit_note_prefix,
                padding: n.padding,
            }),
            reminders: body.reminders.map(|r| RemindersInput {
                enabled: r.enabled,
                before_due_days: r.before_due_days,
                levels: r.levels,
            }),
        }
    }
}

/// `PUT /v1/account/settings/purchase-orders` (seed 000's form).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"status": "A"}))]
pub struct PurchaseOrdersRequest {
    /// `A` (active: contacts may order) or `I` (inactive).
    #[serde(default)]
    #[schema(required = true)]
    pub status: Option<String>,
    #[serde(default)]
    pub version: Option<u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsResponse {
    pub purchase_orders_enabled: bool,
    pub default_payment_terms_days: u32,
    pub numbering: NumberingResponse,
    pub reminders: RemindersResponse,
    /// 0 until the settings are first saved.
    pub version: u64,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NumberingResponse {
    pub invoice_prefix: String,
    pub quote_prefix: String,
    pub order_prefix: String,
    pub purchase_order_prefix: String,
    pub credit_note_prefix: String,
    pub padding: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RemindersResponse {
    pub enabled: bool,
    pub before_due_days: u32,
    pub levels: Vec<u32>,
}

impl SettingsResponse {
    pub fn new(settings: Settings, version: u64) -> Self {
        let Numbering {
            invoice_prefix,
            quote_prefix,
            order_prefix,
            purchase_order_prefix,
            credit_note_prefix,
            padding,
        } = settings.numbering;
        let Reminders {
            enabled,
            before_due_days,
            levels,
        } = settings.reminders;
        Self {
            purchase_orders_enabled: settings.purchase_orders_enabled,
            default_payment_terms_days: settings.default_payment_terms_days,
            numbering: NumberingResponse {
                invoice_prefix,
                quote_prefix,
                order_prefix,
                purchase_order_prefix,
                credit_note_prefix,
                padding,
            },
            reminders: RemindersResponse {
                enabled,
                before_due_days,
                levels,
            },
            version,
            updated_at: settings.updated_at,
        }
    }
}

// ----------------------------------------------------------------- avatar

/// `POST /v1/account/avatar/upload-url`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"file_name": "me.png", "content_type": "image/png", "size_bytes": 48213}))]
pub struct UploadUrlRequest {
    /// ≤ 255 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub file_name: Option<String>,
    /// `image/png`, `image/jpeg` or `image/webp`.
    #[serde(default)]
    #[schema(required = true)]
    pub content_type: Option<String>,
    /// 1 byte to 5 MiB.
    #[serde(default)]
    #[schema(required = true)]
    pub size_bytes: Option<i64>,
}

/// A presigned upload (API.md §11): PUT the bytes to `url` with `headers`
/// before `expires_at`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadUrlResponse {
    pub upload_id: String,
    pub url: String,
    /// Always `PUT`.
    pub method: String,
    pub headers: std::collections::BTreeMap<String, String>,
    pub expires_at: DateTime<Utc>,
}

impl From<PresignedUpload> for UploadUrlResponse {
    fn from(p: PresignedUpload) -> Self {
        Self {
            upload_id: p.upload.id,
            url: p.request.url,
            method: p.request.method,
            headers: p.request.headers,
            expires_at: p.request.expires_at,
        }
    }
}

/// `PUT /v1/account/avatar`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"upload_id": "0192f0c4-5a6b-7c8d-9e0f-112233445566"}))]
pub struct AvatarRequest {
    /// A ready image upload of this account.
    pub upload_id: String,
    /// The profile's version (or send `If-Match`).
    #[serde(default)]
    pub version: Option<u64>,
}

// ------------------------------------------------------------ API clients

/// `POST /v1/account/api-clients`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Warehouse sync"}))]
pub struct ApiClientRequest {
    /// 1–255 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub name: Option<String>,
}

/// An API client as listed: never its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiClientResponse {
    pub id: String,
    /// Send as `X-Client-Id` (alias `api_key`); equal to `id`.
    pub client_id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl From<ApiClient> for ApiClientResponse {
    fn from(c: ApiClient) -> Self {
        Self {
            id: c.id,
            client_id: c.client_id,
            name: c.name,
            created_at: c.created_at,
        }
    }
}

/// A new API client. `client_secret` is shown here once and never again.
#[derive(Serialize, ToSchema)]
pub struct CreatedApiClientResponse {
    pub id: String,
    pub client_id: String,
    /// Send as `X-Client-Secret` (alias `api_secret`). Store it now: only
    /// its hash is kept.
    pub client_secret: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl From<CreatedApiClient> for CreatedApiClientResponse {
    fn from(c: CreatedApiClient) -> Self {
        Self {
            id: c.client.id,
            client_id: c.client.client_id,
            client_secret: c.client_secret,
            name: c.client.name,
            created_at: c.client.created_at,
        }
    }
}

/// A page of API clients.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiClientList {
    pub data: Vec<ApiClientResponse>,
    /// Pass back as `?cursor=`; `null` on the last page.
    pub next_cursor: Option<String>,
}

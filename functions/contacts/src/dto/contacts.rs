//! `/v1/contacts` bodies, answers and query options.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uome_core::contacts::{Contact, ContactInput, ContactPerson, ContactPersonInput};
use uome_domain::Address;
use utoipa::{IntoParams, ToSchema};

/// `company` or `person`.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactTypeName {
    Company,
    Person,
}

/// What the contact is to the business.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactRoleName {
    Customer,
    Vendor,
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactStatusName {
    Customer,
    Lead,
}

/// Given in any case, answered in lower case (AbaNinja's `Mr`, `Ms`,
/// `Family` included).
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SalutationName {
    Mr,
    Mrs,
    Ms,
    Mx,
    Dr,
    Prof,
    Family,
}

/// A contact as written by POST and PUT (every field optional as far as
/// the schema goes; the rules are in the 422's `errors`). PATCH takes any
/// subset as an RFC 7386 merge patch. Read-only fields (`id`,
/// `display_name`, `created_at`, `updated_at`) may be sent back; they are
/// ignored (a different `id` is refused).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactBody {
    /// Default: `company` when `company_name` is given, else `person`.
    #[serde(rename = "type")]
    #[schema(value_type = Option<ContactTypeName>)]
    pub kind: Option<String>,
    /// Default: the next `CUS-0001` number. Unique in the account, ignoring case.
    #[schema(example = "CUS-0042", max_length = 64)]
    pub number: Option<String>,
    /// Default `["customer"]`; non-empty, no repeats.
    #[schema(value_type = Option<Vec<ContactRoleName>>)]
    pub roles: Option<Vec<String>>,
    /// Default `customer`.
    #[schema(value_type = Option<ContactStatusName>)]
    pub status: Option<String>,
    /// Required for a company.
    #[schema(max_length = 255)]
    pub company_name: Option<String>,
    /// Required for a person.
    #[schema(max_length = 255)]
    pub first_name: Option<String>,
    /// Required for a person.
    #[schema(max_length = 255)]
    pub last_name: Option<String>,
    #[schema(value_type = Option<SalutationName>)]
    pub salutation: Option<String>,
    /// Another contact of the account with this email (ignoring case) is a
    /// 409 `duplicate_contact` unless `?force=true`.
    #[schema(example = "ada@example.com", max_length = 255)]
    pub email: Option<String>,
    #[schema(max_length = 64)]
    pub phone: Option<String>,
    #[schema(max_length = 255)]
    pub website: Option<String>,
    #[schema(max_length = 64)]
    pub vat_number: Option<String>,
    #[schema(max_length = 64)]
    pub registration_number: Option<String>,
    #[schema(max_length = 64)]
    pub taxpayer_id: Option<String>,
    pub billing_address: Option<Address>,
    pub shipping_address: Option<Address>,
    /// At most 50.
    pub contact_persons: Option<Vec<ContactPersonBody>>,
    /// ISO 4217 code.
    #[schema(example = "GBP")]
    pub currency: Option<String>,
    /// ISO 639-1 code (answered in lower case).
    #[schema(example = "en")]
    pub language: Option<String>,
    /// 0–365; absent: the account's default terms.
    #[schema(minimum = 0, maximum = 365)]
    pub payment_terms_days: Option<i64>,
    /// At most 50 tags of at most 64 characters, unique ignoring case.
    pub tags: Option<Vec<String>>,
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    #[schema(max_length = 2000)]
    pub private_notes: Option<String>,
    /// Default true.
    pub automatic_dunning: Option<bool>,
    /// Default false.
    pub opt_in_email: Option<bool>,
    /// Default false.
    pub archived: Option<bool>,
    /// The version read (alternative to `If-Match`); stale: 409 `version_conflict`.
    pub version: Option<u64>,
    #[schema(read_only)]
    pub id: Option<String>,
    #[schema(read_only, value_type = Option<String>)]
    pub display_name: Option<Value>,
    #[schema(read_only, value_type = Option<String>)]
    pub created_at: Option<Value>,
    #[schema(read_only, value_type = Option<String>)]
    pub updated_at: Option<Value>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPersonBody {
    /// Send back the id read to keep the person; absent for a new one.
    pub id: Option<String>,
    #[schema(max_length = 255)]
    pub first_name: Option<String>,
    #[schema(max_length = 255)]
    pub last_name: Option<String>,
    #[schema(value_type = Option<SalutationName>)]
    pub salutation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl From<ContactPersonBody> for ContactPersonInput {
    fn from(b: ContactPersonBody) -> Self {
        let ContactPersonBody {
            id,
            first_name,
            last_name,
            salutation,
            email,
            phone,
        } = b;
        Self {
            id,
            first_name,
            last_name,
            salutation,
            email,
            phone,
        }
    }
}

impl From<ContactBody> for ContactInput {
    fn from(b: ContactBody) -> Self {
        // Destructured so a field added on one side and not the other
        // fails to compile.
        let ContactBody {
            kind,
            number,
            roles,
            status,
            company_name,
            first_name,
            last_name,
            salutation,
            email,
            phone,
            website,
            vat_number,
            registration_number,
            taxpayer_id,
            billing_address,
            shipping_address,
            contact_persons,
            currency,
            language,
            payment_terms_days,
            tags,
            notes,
            private_notes,
            automatic_dunning,
            opt_in_email,
            archived,
            version,
            id,
            display_name,
            created_at,
            updated_at,
        } = b;
        Self {
            kind,
            number,
            roles,
            status,
            company_name,
            first_name,
            last_name,
            salutation,
            email,
            phone,
            website,
            vat_number,
            registration_number,
            taxpayer_id,
            billing_address,
            shipping_address,
            contact_persons: contact_persons.map(|ps| ps.into_iter().map(Into::into).collect()),
            currency,
            language,
            payment_terms_days,
            tags,
            notes,
            private_notes,
            automatic_dunning,
            opt_in_email,
            archived,
            version,
            id,
            display_name,
            created_at,
            updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContactPersonResponse {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    #[schema(value_type = Option<SalutationName>)]
    pub salutation: Option<&'static str>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl From<ContactPerson> for ContactPersonResponse {
    fn from(p: ContactPerson) -> Self {
        Self {
            id: p.id,
            first_name: p.first_name,
            last_name: p.last_name,
            salutation: p.salutation.map(|s| s.as_str()),
            email: p.email,
            phone: p.phone,
        }
    }
}

/// A contact.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactResponse {
    pub id: String,
    #[schema(example = "CUS-0001")]
    pub number: String,
    #[serde(rename = "type")]
    #[schema(value_type = ContactTypeName)]
    pub kind: &'static str,
    #[schema(value_type = Vec<ContactRoleName>)]
    pub roles: Vec<&'static str>,
    #[schema(value_type = ContactStatusName)]
    pub status: &'static str,
    pub company_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    #[schema(value_type = Option<SalutationName>)]
    pub salutation: Option<&'static str>,
    /// The company name, or "first last" for a person.
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub vat_number: Option<String>,
    pub registration_number: Option<String>,
    pub taxpayer_id: Option<String>,
    pub billing_address: Option<Address>,
    pub shipping_address: Option<Address>,
    pub contact_persons: Vec<ContactPersonResponse>,
    #[schema(example = "GBP")]
    pub currency: Option<&'static str>,
    #[schema(example = "en")]
    pub language: Option<String>,
    pub payment_terms_days: Option<u32>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub private_notes: Option<String>,
    pub automatic_dunning: bool,
    pub opt_in_email: bool,
    pub archived: bool,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Contact> for ContactResponse {
    fn from(c: Contact) -> Self {
        let Contact {
            id,
            number,
            kind,
            roles,
            status,
            company_name,
            first_name,
            last_name,
            salutation,
            display_name,
            email,
            phone,
            website,
            vat_number,
            registration_number,
            taxpayer_id,
            billing_address,
            shipping_address,
            contact_persons,
            currency,
            language,
            payment_terms_days,
            tags,
            notes,
            private_notes,
            automatic_dunning,
            opt_in_email,
            archived,
            version,
            created_at,
            updated_at,
        } = c;
        Self {
            id,
            number,
            kind: kind.as_str(),
            roles: roles.into_iter().map(|r| r.as_str()).collect(),
            status: status.as_str(),
            company_name,
            first_name,
            last_name,
            salutation: salutation.map(|s| s.as_str()),
            display_name,
            email,
            phone,
            website,
            vat_number,
            registration_number,
            taxpayer_id,
            billing_address,
            shipping_address,
            contact_persons: contact_persons.into_iter().map(Into::into).collect(),
            currency: currency.map(|c| c.code()),
            language,
            payment_terms_days,
            tags,
            notes,
            private_notes,
            automatic_dunning,
            opt_in_email,
            archived,
            version,
            created_at,
            updated_at,
        }
    }
}

/// `GET /v1/contacts` filters (plus `limit` and `cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Case-insensitive prefix of the name (display, last or company
    /// name), email or number. Longer than 255 characters: the rest is
    /// ignored.
    pub search: Option<String>,
    /// Contacts with this tag (ignoring case).
    pub tag: Option<String>,
    /// `customer` or `vendor`.
    pub role: Option<String>,
    /// `customer` or `lead`.
    pub status: Option<String>,
    /// `true`: archived contacts only. Default `false`: active ones only.
    pub archived: Option<bool>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// `POST /v1/contacts` options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CreateQuery {
    /// Save even when another contact has the same email.
    pub force: Option<bool>,
}

/// `PUT`/`PATCH` options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UpdateQuery {
    /// Save even when another contact has the new email.
    pub force: Option<bool>,
}

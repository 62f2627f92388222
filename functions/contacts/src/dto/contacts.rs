//! `/v1/contacts` bodies, answers and query options.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::contacts::{
    Contact, ContactAddress, ContactPerson, ContactRole, ContactStatus, ContactType, Salutation,
};
use uome_domain::Address;
use utoipa::{IntoParams, ToSchema};

// The contact body is core's `ContactInput` (and `ContactPersonInput`),
// schema and all: the same fields, so no copy here.

#[derive(Debug, Serialize, ToSchema)]
pub struct ContactPersonResponse {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    #[schema(value_type = Option<Salutation>)]
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
    #[schema(value_type = ContactType)]
    pub kind: &'static str,
    #[schema(value_type = Vec<ContactRole>)]
    pub roles: Vec<&'static str>,
    #[schema(value_type = ContactStatus)]
    pub status: &'static str,
    pub company_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    #[schema(value_type = Option<Salutation>)]
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
    /// Further addresses a document may name by id.
    pub addresses: Vec<ContactAddress>,
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
    /// `GET /v1/contacts/{id}` only: the open credit of the contact's
    /// credit notes per currency (API.md §7b), e.g. `{"GBP": "59.50"}`;
    /// `{}` when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<std::collections::BTreeMap<String, String>>)]
    pub credit_balance: Option<std::collections::BTreeMap<String, String>>,
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
            addresses,
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
            id: id.to_string(),
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
            addresses,
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
            credit_balance: None,
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
    #[param(pattern = "^(|customer|vendor)$")]
    pub role: Option<String>,
    /// `customer` or `lead`.
    #[param(pattern = "^(|customer|lead)$")]
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

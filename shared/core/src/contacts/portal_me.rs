//! The contact side of the client portal (API.md §10): what a portal token's
//! holder sees of itself and of the business (`GET /v1/portal/me`), and the
//! one thing it may change about itself, its addresses
//! (`PUT /v1/portal/address`).
//!
//! The portal view is its own type holding only what a client may see: the
//! contact's private fields (notes, private notes, tags, dunning flags...)
//! never reach it, so no response shape downstream can leak them.
//!
//! A token whose contact was deleted is useless: every use case here answers
//! 401 `invalid_token` for it, as the extractor does for a revoked token.

use serde_json::{Map, Value};
use uome_domain::AccountId;
use uome_domain::ContactId;
use uome_domain::{Address, FieldError};

use super::model::Contact;
use super::store::{from_item, load_contact};
use super::update::{Expected, patch_contact};
use crate::account::company::Company;
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{company_key, contact_key};
use crate::ports::{Ports, Table};
use crate::stored::parse_or_default;
use crate::uploads;

/// The contact as its portal shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalContact {
    pub id: ContactId,
    pub number: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub billing_address: Option<Address>,
    pub shipping_address: Option<Address>,
}

impl From<Contact> for PortalContact {
    fn from(c: Contact) -> Self {
        Self {
            id: c.id,
            number: c.number,
            display_name: c.display_name,
            email: c.email,
            phone: c.phone,
            billing_address: c.billing_address,
            shipping_address: c.shipping_address,
        }
    }
}

/// The business as its clients see it: its public contact details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalBusiness {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub address: Option<Address>,
    /// A short-lived signed link to the company logo, when it has one.
    pub logo_url: Option<String>,
}

/// `GET /v1/portal/me`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalMe {
    pub contact: PortalContact,
    pub business: PortalBusiness,
}

/// `PUT /v1/portal/address`: the billing address (required) and, when
/// given, the shipping address. An absent or `null` shipping address leaves
/// the stored one as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = PortalAddressBody))]
pub struct PortalAddressInput {
    // Optional here so that a missing billing address is listed in the
    // same 422 as every other bad field.
    /// Needs at least `line1` and `country_code`.
    #[cfg_attr(feature = "utoipa", schema(value_type = Address, required = true))]
    pub billing_address: Option<Address>,
    /// Needs at least `line1` and `country_code`.
    pub shipping_address: Option<Address>,
}

/// The fields a portal address must have: enough to print on a document
/// and post to. Everything else of API.md §2's Address is optional.
const REQUIRED_ADDRESS_FIELDS: [&str; 2] = ["line1", "country_code"];

/// 401 `invalid_token`: the token names a contact that is gone.
fn contact_gone() -> CoreError {
    CoreError::unauthorized("invalid_token")
}

/// The portal client's contact; 401 `invalid_token` when it was deleted
/// since the token was issued. For every portal route that needs the
/// contact itself (documents filter by the token's contact id and need not
/// call this).
pub async fn portal_contact(
    table: &dyn Table,
    account_id: &AccountId,
    contact_id: &ContactId,
) -> CoreResult<Contact> {
    load_contact(table, account_id, contact_id)
        .await
        .map_err(gone_if_not_found)
}

/// The client's view of itself and of the business: one batch read of the
/// contact and the company.
pub async fn portal_me(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
) -> CoreResult<PortalMe> {
    if contact_id.is_empty() {
        return Err(contact_gone());
    }
    let contact_key = contact_key(account_id, contact_id);
    let company_key = company_key(account_id);
    let mut fetched = Fetched::read(
        ports.table.as_ref(),
        vec![contact_key.clone(), company_key.clone()],
    )
    .await?;
    let contact = fetched
        .take(&contact_key)
        .ok_or_else(contact_gone)
        .and_then(|item| from_item(&item))?;
    // Sign-up writes the company; read defaults rather than fail if not.
    let company: Company = parse_or_default(fetched.take(&company_key))?;
    view(ports, contact, company).await
}

/// Sets the client's billing (and shipping) address through the contacts
/// module's own update path, so the version, the search rows and indexes
/// move together exactly as for a `PATCH` by the business. A lost race with
/// another writer is retried there (the client holds no version). Every bad
/// field is listed in one 422 before anything is read or written.
pub async fn set_portal_address(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
    input: PortalAddressInput,
) -> CoreResult<PortalMe> {
    let (billing, shipping) = validate(input)?;
    let mut patch = Map::new();
    patch.insert("billing_address".into(), address_patch(&billing));
    if let Some(shipping) = &shipping {
        patch.insert("shipping_address".into(), address_patch(shipping));
    }
    let patch = Value::Object(patch);
    let table = ports.table.as_ref();
    // The company is independent of the contact's write: read it meanwhile.
    let (updated, company) = tokio::join!(
        patch_contact(ports, account_id, contact_id, &patch, Expected(None), false),
        crate::account::load_company(table, account_id)
    );
    let contact = updated.map_err(gone_if_not_found)?;
    view(ports, contact, company?).await
}

fn gone_if_not_found(error: CoreError) -> CoreError {
    match error {
        CoreError::NotFound => contact_gone(),
        other => other,
    }
}

async fn view(ports: &Ports, contact: Contact, company: Company) -> CoreResult<PortalMe> {
    let logo_url = match &company.logo_key {
        Some(key) => Some(uploads::download_url(ports, key).await?),
        None => None,
    };
    Ok(PortalMe {
        contact: contact.into(),
        business: PortalBusiness {
            name: company.name,
            email: company.email,
            phone: company.phone,
            website: company.website,
            address: company.address.filter(|a| !a.is_empty()),
            logo_url,
        },
    })
}

/// Both addresses checked and normalised, every failure named.
fn validate(input: PortalAddressInput) -> CoreResult<(Address, Option<Address>)> {
    let mut errors = Vec::new();
    let billing = match input.billing_address {
        Some(address) => Some(checked(address, "billing_address", &mut errors)),
        None => {
            errors.push(FieldError::new("billing_address", "is required"));
            None
        }
    };
    let shipping = input
        .shipping_address
        .map(|address| checked(address, "shipping_address", &mut errors));
    match billing {
        Some(billing) if errors.is_empty() => Ok((billing, shipping)),
        _ => Err(CoreError::Validation(errors)),
    }
}

/// [`Address::validate`], then the required fields (unless already refused,
/// so a bad country code is named once).
fn checked(address: Address, prefix: &str, errors: &mut Vec<FieldError>) -> Address {
    let address = address.validate(prefix, errors);
    for name in REQUIRED_ADDRESS_FIELDS {
        let value = match name {
            "line1" => &address.line1,
            _ => &address.country_code,
        };
        let field = format!("{prefix}.{name}");
        if value.is_none() && !errors.iter().any(|e| e.field == field) {
            errors.push(FieldError::new(field, "is required"));
        }
    }
    address
}

/// A merge patch member replacing the whole stored address: every field is
/// named, `null` for the unset ones (RFC 7386 would otherwise keep a stored
/// `line2` the client left out).
fn address_patch(address: &Address) -> Value {
    let fields = [
        ("line1", &address.line1),
        ("line2", &address.line2),
        ("line3", &address.line3),
        ("city", &address.city),
        ("postal_code", &address.postal_code),
        ("region", &address.region),
        ("country_code", &address.country_code),
    ];
    Value::Object(
        fields
            .into_iter()
            .map(|(name, value)| {
                let value = value.clone().map(Value::String).unwrap_or(Value::Null);
                (name.to_string(), value)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(err: CoreError) -> Vec<String> {
        let CoreError::Validation(errors) = err else {
            panic!("{err:?}")
        };
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn every_bad_field_is_named_once() {
        let err = validate(PortalAddressInput {
            billing_address: Some(Address {
                line1: Some("  ".into()),
                country_code: Some("XX".into()),
                city: Some("a".repeat(300)),
                ..Address::default()
            }),
            shipping_address: Some(Address::default()),
        })
        .unwrap_err();
        assert_eq!(
            fields(err),
            [
                "billing_address.city",
                "billing_address.country_code",
                "billing_address.line1",
                "shipping_address.line1",
                "shipping_address.country_code",
            ]
        );
    }

    #[test]
    fn billing_address_is_required() {
        let err = validate(PortalAddressInput::default()).unwrap_err();
        assert_eq!(fields(err), ["billing_address"]);
    }

    #[test]
    fn valid_addresses_are_normalised() {
        let (billing, shipping) = validate(PortalAddressInput {
            billing_address: Some(Address {
                line1: Some(" 1 High St ".into()),
                country_code: Some("gb".into()),
                ..Address::default()
            }),
            shipping_address: None,
        })
        .unwrap();
        assert_eq!(billing.line1.as_deref(), Some("1 High St"));
        assert_eq!(billing.country_code.as_deref(), Some("GB"));
        assert_eq!(shipping, None);
    }

    #[test]
    fn the_patch_names_every_field() {
        let patch = address_patch(&Address {
            line1: Some("1 High St".into()),
            country_code: Some("GB".into()),
            ..Address::default()
        });
        let Value::Object(map) = patch else {
            panic!("not an object")
        };
        assert_eq!(map.len(), 7);
        assert_eq!(map["line2"], Value::Null);
        assert_eq!(map["line1"], "1 High St");
    }
}

//! What a client sends to create or replace a contact, and the rules that
//! turn it into a [`ValidContact`] (or a 422 listing every bad field).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::ContactId;
use uome_domain::read_only::ReadOnly;
use uome_domain::{Address, Code, Currency, Email, LongText, Name, Phone};

use super::language::parse_language;
use super::model::{
    Contact, ContactAddress, ContactPerson, ContactRole, ContactStatus, ContactType, Salutation,
    display_name,
};
use super::validate::{
    self, Errors, MAX_CODE, MAX_CONTACT_ADDRESSES, MAX_CONTACT_PERSONS, MAX_NAME,
    MAX_PAYMENT_TERMS_DAYS, given,
};
use crate::error::{CoreError, CoreResult};
use crate::ports::Ids;

/// A contact as the client writes it: every writable field, all optional
/// so that validation can name every missing or bad field at once. The
/// read-only fields (`id`, `display_name`, `created_at`, `updated_at`) are
/// refused, 422 `is read-only`, like every resource's.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = ContactBody))]
pub struct ContactInput {
    /// `company` or `person`; when absent, `company` if `company_name` is
    /// given, else `person`.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "utoipa", schema(value_type = Option<ContactType>))]
    pub kind: Option<String>,
    /// Default: the next `CUS-0001` number. Unique in the account, ignoring case.
    #[cfg_attr(feature = "utoipa", schema(example = "CUS-0042", max_length = 64))]
    pub number: Option<String>,
    /// Default `["customer"]`; non-empty, no repeats.
    #[cfg_attr(
        feature = "utoipa",
        schema(value_type = Option<Vec<ContactRole>>, min_items = 1)
    )]
    pub roles: Option<Vec<String>>,
    /// Default `customer`.
    #[cfg_attr(feature = "utoipa", schema(value_type = Option<ContactStatus>))]
    pub status: Option<String>,
    /// Required for a company.
    #[cfg_attr(feature = "utoipa", schema(max_length = 255))]
    pub company_name: Option<String>,
    /// Required for a person.
    #[cfg_attr(feature = "utoipa", schema(max_length = 255))]
    pub first_name: Option<String>,
    /// Required for a person.
    #[cfg_attr(feature = "utoipa", schema(max_length = 255))]
    pub last_name: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(value_type = Option<Salutation>))]
    pub salutation: Option<String>,
    /// Another contact of the account with this email (ignoring case) is a
    /// 409 `duplicate_contact` unless `?force=true`.
    #[cfg_attr(
        feature = "utoipa",
        schema(example = "ada@example.com", max_length = 255)
    )]
    pub email: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 64))]
    pub phone: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 255))]
    pub website: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 64))]
    pub vat_number: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 64))]
    pub registration_number: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 64))]
    pub taxpayer_id: Option<String>,
    pub billing_address: Option<Address>,
    pub shipping_address: Option<Address>,
    /// At most 50.
    #[serde(default, deserialize_with = "uome_domain::json_object::option_list")]
    pub contact_persons: Option<Vec<ContactPersonInput>>,
    /// Further addresses (at most 20) a document may name by id as its
    /// billing or shipping address.
    #[serde(default, deserialize_with = "uome_domain::json_object::option_list")]
    pub addresses: Option<Vec<ContactAddressInput>>,
    /// ISO 4217 code.
    #[cfg_attr(feature = "utoipa", schema(example = "GBP"))]
    pub currency: Option<String>,
    /// ISO 639-1 code (answered in lower case).
    #[cfg_attr(feature = "utoipa", schema(example = "en"))]
    pub language: Option<String>,
    /// 0–365; absent: the account's default terms.
    #[cfg_attr(feature = "utoipa", schema(minimum = 0, maximum = 365))]
    pub payment_terms_days: Option<i64>,
    /// At most 50 tags of at most 64 characters, unique ignoring case.
    pub tags: Option<Vec<String>>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 2000, format = "paragraphs"))]
    pub notes: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 2000, format = "paragraphs"))]
    pub private_notes: Option<String>,
    /// Default true.
    pub automatic_dunning: Option<bool>,
    /// Default false.
    pub opt_in_email: Option<bool>,
    /// Default false.
    pub archived: Option<bool>,
    /// The version the client read (alternative to `If-Match`); stale: 409
    /// `version_conflict`.
    pub version: Option<u64>,
    /// What an answer carries and a request may not set: 422 `is read-only`.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "utoipa", schema(ignore))]
    pub id: ReadOnly,
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "utoipa", schema(ignore))]
    pub display_name: ReadOnly,
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "utoipa", schema(ignore))]
    pub created_at: ReadOnly,
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "utoipa", schema(ignore))]
    pub updated_at: ReadOnly,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = ContactPersonBody))]
pub struct ContactPersonInput {
    /// Send back the id read to keep the person's identity; absent for a
    /// new person.
    pub id: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 255))]
    pub first_name: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 255))]
    pub last_name: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(value_type = Option<Salutation>))]
    pub salutation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = ContactAddressBody))]
pub struct ContactAddressInput {
    /// Send back the id read to keep the address's identity (documents
    /// name it); absent for a new address.
    pub id: Option<String>,
    #[cfg_attr(feature = "utoipa", schema(max_length = 255))]
    pub label: Option<String>,
    /// Required, not empty.
    pub address: Option<Address>,
}

/// A further address that passed validation; `id` is `None` for a new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressDraft {
    pub id: Option<String>,
    pub label: Option<Name>,
    pub address: Address,
}

/// A contact person that passed validation; `id` is `None` for a new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonDraft {
    pub id: Option<String>,
    pub first_name: Option<Name>,
    pub last_name: Option<Name>,
    pub salutation: Option<Salutation>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
}

/// The writable fields of a contact, normalised and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidContact {
    /// The client's number; `None` keeps the current one (or allocates one
    /// on create).
    pub number: Option<Code>,
    pub kind: ContactType,
    pub roles: Vec<ContactRole>,
    pub status: ContactStatus,
    pub company_name: Option<Name>,
    pub first_name: Option<Name>,
    pub last_name: Option<Name>,
    pub salutation: Option<Salutation>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub website: Option<Name>,
    pub vat_number: Option<Code>,
    pub registration_number: Option<Code>,
    pub taxpayer_id: Option<Code>,
    pub billing_address: Option<Address>,
    pub shipping_address: Option<Address>,
    pub contact_persons: Vec<PersonDraft>,
    pub addresses: Vec<AddressDraft>,
    pub currency: Option<Currency>,
    pub language: Option<String>,
    pub payment_terms_days: Option<u32>,
    pub tags: Vec<Code>,
    pub notes: Option<LongText>,
    pub private_notes: Option<LongText>,
    pub automatic_dunning: bool,
    pub opt_in_email: bool,
    pub archived: bool,
    pub version: Option<u64>,
}

impl ContactInput {
    /// The writable fields of a stored contact, as a client would send them.
    pub fn from_contact(contact: &Contact) -> Self {
        let c = contact.clone();
        Self {
            kind: Some(c.kind.as_str().to_string()),
            number: Some(c.number),
            roles: Some(c.roles.iter().map(|r| r.as_str().to_string()).collect()),
            status: Some(c.status.as_str().to_string()),
            company_name: c.company_name,
            first_name: c.first_name,
            last_name: c.last_name,
            salutation: c.salutation.map(|s| s.as_str().to_string()),
            email: c.email,
            phone: c.phone,
            website: c.website,
            vat_number: c.vat_number,
            registration_number: c.registration_number,
            taxpayer_id: c.taxpayer_id,
            billing_address: c.billing_address,
            shipping_address: c.shipping_address,
            contact_persons: Some(
                c.contact_persons
                    .into_iter()
                    .map(|p| ContactPersonInput {
                        id: Some(p.id),
                        first_name: p.first_name,
                        last_name: p.last_name,
                        salutation: p.salutation.map(|s| s.as_str().to_string()),
                        email: p.email,
                        phone: p.phone,
                    })
                    .collect(),
            ),
            addresses: Some(
                c.addresses
                    .into_iter()
                    .map(|a| ContactAddressInput {
                        id: Some(a.id),
                        label: a.label,
                        address: Some(a.address),
                    })
                    .collect(),
            ),
            currency: c.currency.map(|cur| cur.code().to_string()),
            language: c.language,
            payment_terms_days: c.payment_terms_days.map(i64::from),
            tags: Some(c.tags),
            notes: c.notes,
            private_notes: c.private_notes,
            automatic_dunning: Some(c.automatic_dunning),
            opt_in_email: Some(c.opt_in_email),
            archived: Some(c.archived),
            version: None,
            id: ReadOnly,
            display_name: ReadOnly,
            created_at: ReadOnly,
            updated_at: ReadOnly,
        }
    }

    /// Checks every field; `current` is the contact being replaced (`None`
    /// on create), whose contact-person ids may be sent back.
    pub fn validate(self, current: Option<&Contact>) -> CoreResult<ValidContact> {
        let mut e = Errors(Vec::new());

        let company_given = given(&self.company_name);
        let company_name = validate::line::<MAX_NAME>(&mut e, "company_name", self.company_name);
        let kind = match self
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            None if company_given => ContactType::Company,
            None => ContactType::Person,
            Some(text) => ContactType::parse(text).unwrap_or_else(|| {
                e.push("type", format!("must be {}", ContactType::choices()));
                ContactType::Person
            }),
        };
        let first_name;
        let last_name;
        match kind {
            ContactType::Company => {
                if !company_given {
                    e.push("company_name", "is required for a company");
                }
                first_name = validate::line(&mut e, "first_name", self.first_name);
                last_name = validate::line(&mut e, "last_name", self.last_name);
            }
            ContactType::Person => {
                first_name = validate::required(&mut e, "first_name", self.first_name);
                last_name = validate::required(&mut e, "last_name", self.last_name);
            }
        }
        let number = validate::line::<MAX_CODE>(&mut e, "number", self.number);
        let roles = roles(&mut e, self.roles);
        let status = enum_field(
            &mut e,
            "status",
            self.status,
            ContactStatus::parse,
            ContactStatus::choices,
        )
        .unwrap_or(ContactStatus::Customer);
        let salutation = enum_field(
            &mut e,
            "salutation",
            self.salutation,
            Salutation::parse,
            Salutation::choices,
        );
        let email = validate::email(&mut e, "email", self.email);
        let phone = validate::phone(&mut e, "phone", self.phone);
        let website = validate::line::<MAX_NAME>(&mut e, "website", self.website);
        if website
            .as_deref()
            .is_some_and(|w| w.chars().any(char::is_whitespace))
        {
            e.push("website", "must not contain spaces");
        }
        let vat_number = validate::line(&mut e, "vat_number", self.vat_number);
        let registration_number =
            validate::line(&mut e, "registration_number", self.registration_number);
        let taxpayer_id = validate::line(&mut e, "taxpayer_id", self.taxpayer_id);
        let billing_address = address(&mut e, "billing_address", self.billing_address);
        let shipping_address = address(&mut e, "shipping_address", self.shipping_address);
        let existing = current.map(|c| c.contact_persons.as_slice()).unwrap_or(&[]);
        let contact_persons = persons(&mut e, self.contact_persons, existing);
        let existing = current.map(|c| c.addresses.as_slice()).unwrap_or(&[]);
        let addresses = addresses(&mut e, self.addresses, existing);
        let currency = self
            .currency
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .and_then(|code| match Currency::parse(&code) {
                Ok(currency) => Some(currency),
                Err(_) => {
                    e.push("currency", "must be an ISO 4217 currency code");
                    None
                }
            });
        let language = self
            .language
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .and_then(|code| match parse_language(&code) {
                Some(code) => Some(code.to_string()),
                None => {
                    e.push("language", "must be an ISO 639-1 two-letter language code");
                    None
                }
            });
        let payment_terms_days = self.payment_terms_days.and_then(|days| {
            if (0..=MAX_PAYMENT_TERMS_DAYS).contains(&days) {
                u32::try_from(days).ok()
            } else {
                e.push(
                    "payment_terms_days",
                    format!("must be from 0 to {MAX_PAYMENT_TERMS_DAYS}"),
                );
                None
            }
        });
        let tags = validate::tags(&mut e, self.tags);
        let notes = validate::long_text(&mut e, "notes", self.notes);
        let private_notes = validate::long_text(&mut e, "private_notes", self.private_notes);

        if !e.0.is_empty() {
            return Err(CoreError::Validation(e.0));
        }
        Ok(ValidContact {
            number,
            kind,
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
            addresses,
            currency,
            language,
            payment_terms_days,
            tags,
            notes,
            private_notes,
            automatic_dunning: self.automatic_dunning.unwrap_or(true),
            opt_in_email: self.opt_in_email.unwrap_or(false),
            archived: self.archived.unwrap_or(false),
            version: self.version,
        })
    }
}

/// The fields a contact's identity and timestamps add to its writable ones.
pub struct Stamp<'a> {
    pub id: &'a str,
    pub number: String,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ValidContact {
    /// The contact these fields make; new contact persons get fresh ids.
    pub fn into_contact(self, stamp: Stamp<'_>, ids: &dyn Ids) -> Contact {
        let display_name = display_name(
            self.kind,
            self.company_name.as_deref(),
            self.first_name.as_deref(),
            self.last_name.as_deref(),
        );
        Contact {
            id: ContactId::from(stamp.id.to_string()),
            number: stamp.number,
            kind: self.kind,
            roles: self.roles,
            status: self.status,
            company_name: self.company_name.map(Name::into_string),
            first_name: self.first_name.map(Name::into_string),
            last_name: self.last_name.map(Name::into_string),
            salutation: self.salutation,
            display_name,
            email: self.email.map(Email::into_string),
            phone: self.phone.map(Phone::into_string),
            website: self.website.map(Name::into_string),
            vat_number: self.vat_number.map(Code::into_string),
            registration_number: self.registration_number.map(Code::into_string),
            taxpayer_id: self.taxpayer_id.map(Code::into_string),
            billing_address: self.billing_address,
            shipping_address: self.shipping_address,
            contact_persons: self
                .contact_persons
                .into_iter()
                .map(|p| ContactPerson {
                    id: p.id.unwrap_or_else(|| ids.new_id().to_string()),
                    first_name: p.first_name.map(Name::into_string),
                    last_name: p.last_name.map(Name::into_string),
                    salutation: p.salutation,
                    email: p.email.map(Email::into_string),
                    phone: p.phone.map(Phone::into_string),
                })
                .collect(),
            addresses: self
                .addresses
                .into_iter()
                .map(|a| ContactAddress {
                    id: a.id.unwrap_or_else(|| ids.new_id().to_string()),
                    label: a.label.map(Name::into_string),
                    address: a.address,
                })
                .collect(),
            currency: self.currency,
            language: self.language,
            payment_terms_days: self.payment_terms_days,
            tags: self.tags.into_iter().map(Code::into_string).collect(),
            notes: self.notes.map(LongText::into_string),
            private_notes: self.private_notes.map(LongText::into_string),
            automatic_dunning: self.automatic_dunning,
            opt_in_email: self.opt_in_email,
            archived: self.archived,
            version: stamp.version,
            created_at: stamp.created_at,
            updated_at: stamp.updated_at,
        }
    }
}

fn enum_field<T>(
    e: &mut Errors,
    field: &str,
    value: Option<String>,
    parse: fn(&str) -> Option<T>,
    choices: fn() -> String,
) -> Option<T> {
    let value = value.filter(|v| !v.trim().is_empty())?;
    let parsed = parse(&value);
    if parsed.is_none() {
        e.push(field, format!("must be {}", choices()));
    }
    parsed
}

/// Non-empty, known, no repeats; answered in canonical order.
fn roles(e: &mut Errors, value: Option<Vec<String>>) -> Vec<ContactRole> {
    let Some(value) = value else {
        return vec![ContactRole::Customer];
    };
    if value.is_empty() {
        e.push("roles", "must name at least one role");
    }
    let mut out = Vec::new();
    for (i, text) in value.iter().enumerate() {
        match ContactRole::parse(text) {
            None => e.push(
                format!("roles[{i}]"),
                format!("must be {}", ContactRole::choices()),
            ),
            Some(role) if out.contains(&role) => e.push(format!("roles[{i}]"), "is a duplicate"),
            Some(role) => out.push(role),
        }
    }
    out.sort();
    out
}

fn address(e: &mut Errors, prefix: &str, value: Option<Address>) -> Option<Address> {
    let address = value?.validate(prefix, &mut e.0);
    (!address.is_empty()).then_some(address)
}

/// Further addresses: each one not empty, ids sent back must be the
/// contact's own (and appear once).
fn addresses(
    e: &mut Errors,
    value: Option<Vec<ContactAddressInput>>,
    existing: &[ContactAddress],
) -> Vec<AddressDraft> {
    let value = value.unwrap_or_default();
    if value.len() > MAX_CONTACT_ADDRESSES {
        e.push(
            "addresses",
            format!("must hold at most {MAX_CONTACT_ADDRESSES} addresses"),
        );
        return Vec::new();
    }
    let mut out: Vec<AddressDraft> = Vec::with_capacity(value.len());
    for (i, entry) in value.into_iter().enumerate() {
        let at = |name: &str| format!("addresses[{i}].{name}");
        let id = entry
            .id
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty());
        if let Some(id) = &id {
            if !existing.iter().any(|a| &a.id == id) {
                e.push(at("id"), "is not an address of this contact");
            } else if out.iter().any(|a| a.id.as_ref() == Some(id)) {
                e.push(at("id"), "is a duplicate");
            }
        }
        let label = validate::line(e, &at("label"), entry.label);
        let address = match entry.address {
            Some(address) => address.validate(&at("address"), &mut e.0),
            None => Address::default(),
        };
        if address.is_empty() {
            e.push(at("address"), "is required");
        }
        out.push(AddressDraft { id, label, address });
    }
    out
}

fn persons(
    e: &mut Errors,
    value: Option<Vec<ContactPersonInput>>,
    existing: &[ContactPerson],
) -> Vec<PersonDraft> {
    let value = value.unwrap_or_default();
    if value.len() > MAX_CONTACT_PERSONS {
        e.push(
            "contact_persons",
            format!("must hold at most {MAX_CONTACT_PERSONS} persons"),
        );
        return Vec::new();
    }
    let mut out: Vec<PersonDraft> = Vec::with_capacity(value.len());
    for (i, person) in value.into_iter().enumerate() {
        let at = |name: &str| format!("contact_persons[{i}].{name}");
        let id = person
            .id
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty());
        if let Some(id) = &id {
            if !existing.iter().any(|p| &p.id == id) {
                e.push(at("id"), "is not a contact person of this contact");
            } else if out.iter().any(|p| p.id.as_ref() == Some(id)) {
                e.push(at("id"), "is a duplicate");
            }
        }
        let named = given(&person.first_name) || given(&person.last_name);
        let first_name = validate::line(e, &at("first_name"), person.first_name);
        let last_name = validate::line(e, &at("last_name"), person.last_name);
        if !named {
            e.push(at("last_name"), "a first or last name is required");
        }
        let salutation = enum_field(
            e,
            &at("salutation"),
            person.salutation,
            Salutation::parse,
            Salutation::choices,
        );
        let email = validate::email(e, &at("email"), person.email);
        let phone = validate::phone(e, &at("phone"), person.phone);
        out.push(PersonDraft {
            id,
            first_name,
            last_name,
            salutation,
            email,
            phone,
        });
    }
    out
}

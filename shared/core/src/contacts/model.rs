//! The stored contact, which is also what the API answers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::ContactId;
use uome_domain::{Address, Currency};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        $(#[$meta])*
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Case-insensitive, surrounding space ignored.
            pub fn parse(text: &str) -> Option<Self> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(text))
            }

            /// `"a, b or c"` for error messages.
            pub fn choices() -> String {
                let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                match names.split_last() {
                    Some((last, [])) => (*last).to_string(),
                    Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                    None => String::new(),
                }
            }
        }
    };
}

string_enum!(
    /// OneUp's customer type (1 company, 2 individual), AbaNinja's address type.
    #[cfg_attr(feature = "utoipa", schema(as = ContactTypeName, description = "`company` or `person`."))]
    ContactType { Company => "company", Person => "person" }
);

string_enum!(
    /// What the contact is to the business; a contact may be both.
    #[cfg_attr(feature = "utoipa", schema(as = ContactRoleName))]
    ContactRole { Customer => "customer", Vendor => "vendor" }
);

string_enum!(
    /// OneUp's customer status (1 customer, 2 lead).
    #[cfg_attr(feature = "utoipa", schema(as = ContactStatusName, description = "`customer` or `lead`."))]
    ContactStatus { Customer => "customer", Lead => "lead" }
);

string_enum!(
    /// AbaNinja's salutations (`Mr`, `Ms`, `Family`) plus the common
    /// English titles; given in any case, answered in lower case.
    #[cfg_attr(feature = "utoipa", schema(as = SalutationName))]
    Salutation {
        Mr => "mr",
        Mrs => "mrs",
        Ms => "ms",
        Mx => "mx",
        Dr => "dr",
        Prof => "prof",
        Family => "family",
    }
);

/// Someone to talk to at a company (OneUp's `contacts`, AbaNinja's
/// `contact_persons`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    /// Assigned by the server; kept across updates that send it back.
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub salutation: Option<Salutation>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// One of a contact's further addresses (AbaNinja's addresses of a
/// company): a document names it by id as its billing or shipping address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ContactAddress {
    /// Assigned by the server; kept across updates that send it back.
    pub id: String,
    /// What the business calls it ("Warehouse", "Head office").
    pub label: Option<String>,
    pub address: Address,
}

/// A contact as stored (the item's `data`) and as answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    /// `CUS-0001` from the account's counter, or the client's own.
    pub number: String,
    #[serde(rename = "type")]
    pub kind: ContactType,
    /// Never empty; in canonical order (customer before vendor).
    pub roles: Vec<ContactRole>,
    pub status: ContactStatus,
    pub company_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub salutation: Option<Salutation>,
    /// Company name, or "first last" for a person. Read-only.
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub vat_number: Option<String>,
    pub registration_number: Option<String>,
    pub taxpayer_id: Option<String>,
    pub billing_address: Option<Address>,
    pub shipping_address: Option<Address>,
    pub contact_persons: Vec<ContactPerson>,
    /// Further addresses a document may choose (`billing_address_id`,
    /// `shipping_address_id`).
    #[serde(default)]
    pub addresses: Vec<ContactAddress>,
    pub currency: Option<Currency>,
    /// ISO 639-1, lower case.
    pub language: Option<String>,
    /// `None`: the account's default terms apply.
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

impl Contact {
    /// The contact person `id`, if the contact has one.
    pub fn person(&self, id: &str) -> Option<&ContactPerson> {
        self.contact_persons.iter().find(|p| p.id == id)
    }

    /// The further address `id`, if the contact has one.
    pub fn address(&self, id: &str) -> Option<&ContactAddress> {
        self.addresses.iter().find(|a| a.id == id)
    }

    pub fn has_role(&self, role: ContactRole) -> bool {
        self.roles.contains(&role)
    }

    /// For documents: a `FieldError` under `field` (e.g. `contact_id`)
    /// unless the contact has `role` (quotes and invoices need a customer,
    /// purchase orders a vendor).
    pub fn require_role(
        &self,
        role: ContactRole,
        field: &str,
    ) -> Result<(), uome_domain::FieldError> {
        if self.has_role(role) {
            Ok(())
        } else {
            Err(uome_domain::FieldError::new(
                field,
                format!("the contact does not have the {} role", role.as_str()),
            ))
        }
    }
}

/// The read-only display name: the company name for companies, "first last"
/// for persons (whichever parts are set), else the number.
pub fn display_name(
    kind: ContactType,
    company_name: Option<&str>,
    first_name: Option<&str>,
    last_name: Option<&str>,
) -> String {
    let person = [first_name, last_name]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    match kind {
        ContactType::Company => company_name
            .map(str::to_string)
            .filter(|n| !n.is_empty())
            .unwrap_or(person),
        ContactType::Person => {
            if person.is_empty() {
                company_name.unwrap_or_default().to_string()
            } else {
                person
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_parse_in_any_case_and_list_their_choices() {
        assert_eq!(Salutation::parse(" Mr "), Some(Salutation::Mr));
        assert_eq!(Salutation::parse("FAMILY"), Some(Salutation::Family));
        assert_eq!(Salutation::parse("sir"), None);
        assert_eq!(ContactRole::choices(), "customer or vendor");
        assert_eq!(Salutation::choices(), "mr, mrs, ms, mx, dr, prof or family");
    }

    #[test]
    fn display_names() {
        assert_eq!(
            display_name(ContactType::Company, Some("Acme"), Some("A"), Some("B")),
            "Acme"
        );
        assert_eq!(
            display_name(ContactType::Person, None, Some("Ada"), Some("Lovelace")),
            "Ada Lovelace"
        );
        assert_eq!(
            display_name(ContactType::Person, None, None, Some("Lovelace")),
            "Lovelace"
        );
    }
}

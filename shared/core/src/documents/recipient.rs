//! Whom a document goes to within its contact (AbaNinja's `receiver`): the
//! address it is billed and shipped to, the person it is addressed to, and
//! who else is copied on its email.
//!
//! The addresses and the person's name are copies taken when the document
//! is written, and again when an invoice is issued, so an issued document
//! keeps what it said after the contact moves or renames someone.

use serde::{Deserialize, Serialize};
use uome_domain::{Address, FieldErrors};

use crate::contacts::{Contact, ContactPerson};

/// The most contact persons copied on a document's email.
pub const MAX_ADDITIONAL_RECIPIENTS: usize = 10;

/// What a client chooses (ids of the contact's own addresses and persons).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecipientInput {
    pub billing_address_id: Option<String>,
    pub shipping_address_id: Option<String>,
    pub contact_person_id: Option<String>,
    pub additional_recipients: Vec<String>,
}

/// The stored choice and its snapshots.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// One of the contact's further addresses; `None`: its billing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address_id: Option<String>,
    /// One of the contact's further addresses; `None`: its shipping address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address_id: Option<String>,
    /// The billing address as it was when the document was written (or
    /// issued); `None` on documents written before snapshots were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_person_id: Option<String>,
    /// The person's name as it was then: the PDF's addressee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_person_name: Option<String>,
    /// Contact persons copied on the document's email.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_recipients: Vec<String>,
}

fn given(id: &Option<String>) -> Option<&str> {
    id.as_deref().map(str::trim).filter(|id| !id.is_empty())
}

/// "First Last", or whichever is given.
pub fn person_name(person: &ContactPerson) -> Option<String> {
    let name = [person.first_name.as_deref(), person.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    (!name.trim().is_empty()).then_some(name)
}

impl RecipientInput {
    /// The choice checked against `contact` (`None`: a walk-in sale, which
    /// has nobody to choose from), every bad id named in `errors`.
    pub fn resolve(&self, contact: Option<&Contact>, errors: &mut FieldErrors) -> Recipient {
        let mut out = Recipient::default();
        let Some(contact) = contact else {
            for (field, id) in [
                ("billing_address_id", &self.billing_address_id),
                ("shipping_address_id", &self.shipping_address_id),
                ("contact_person_id", &self.contact_person_id),
            ] {
                if given(id).is_some() {
                    errors.push(field, "needs the document's contact");
                }
            }
            if !self.additional_recipients.is_empty() {
                errors.push("additional_recipients", "needs the document's contact");
            }
            return out;
        };
        for (field, id, slot) in [
            (
                "billing_address_id",
                &self.billing_address_id,
                &mut out.billing_address_id,
            ),
            (
                "shipping_address_id",
                &self.shipping_address_id,
                &mut out.shipping_address_id,
            ),
        ] {
            if let Some(id) = given(id) {
                if contact.address(id).is_some() {
                    *slot = Some(id.to_owned());
                } else {
                    errors.push(field, "is not an address of the document's contact");
                }
            }
        }
        if let Some(id) = given(&self.contact_person_id) {
            if contact.person(id).is_some() {
                out.contact_person_id = Some(id.to_owned());
            } else {
                errors.push(
                    "contact_person_id",
                    "is not a contact person of the document's contact",
                );
            }
        }
        if self.additional_recipients.len() > MAX_ADDITIONAL_RECIPIENTS {
            errors.push(
                "additional_recipients",
                format!("at most {MAX_ADDITIONAL_RECIPIENTS} persons are allowed"),
            );
        } else {
            for (i, id) in self.additional_recipients.iter().enumerate() {
                let id = id.trim();
                let field = format!("additional_recipients[{i}]");
                if contact.person(id).is_none() {
                    errors.push(field, "is not a contact person of the document's contact");
                } else if out.additional_recipients.iter().any(|r| r == id) {
                    errors.push(field, "is a duplicate");
                } else {
                    out.additional_recipients.push(id.to_owned());
                }
            }
        }
        out.snapshot(contact);
        out
    }
}

impl Recipient {
    pub fn is_empty(&self) -> bool {
        self == &Recipient::default()
    }

    /// Copies the chosen addresses and the person's name from `contact` as
    /// it is now. A choice the contact no longer has (deleted since)
    /// keeps the copy taken before.
    pub fn snapshot(&mut self, contact: &Contact) {
        let chosen = |id: &Option<String>, default: &Option<Address>| match id {
            Some(id) => contact.address(id).map(|a| Some(a.address.clone())),
            None => Some(default.clone()),
        };
        if let Some(address) = chosen(&self.billing_address_id, &contact.billing_address) {
            self.billing_address = address;
        }
        if let Some(address) = chosen(&self.shipping_address_id, &contact.shipping_address) {
            self.shipping_address = address;
        }
        match self
            .contact_person_id
            .as_deref()
            .map(|id| contact.person(id))
        {
            Some(Some(person)) => self.contact_person_name = person_name(person),
            Some(None) => {}
            None => self.contact_person_name = None,
        }
    }

    /// The address a bill goes to: the snapshot, else (documents written
    /// before snapshots) the contact's current billing address.
    pub fn billing<'a>(&'a self, contact: Option<&'a Contact>) -> Option<&'a Address> {
        self.billing_address
            .as_ref()
            .or_else(|| contact.and_then(|c| c.billing_address.as_ref()))
    }

    /// The address goods go to: the snapshot, else the contact's current
    /// shipping address.
    pub fn shipping<'a>(&'a self, contact: Option<&'a Contact>) -> Option<&'a Address> {
        self.shipping_address
            .as_ref()
            .or_else(|| contact.and_then(|c| c.shipping_address.as_ref()))
    }

    /// The shipping address when it says something the billing address
    /// does not: what the PDF's "Ship to" and the e-invoice's BG-15 show.
    pub fn ship_to<'a>(&'a self, contact: Option<&'a Contact>) -> Option<&'a Address> {
        self.shipping(contact)
            .filter(|to| !to.is_empty() && Some(*to) != self.billing(contact))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact() -> Contact {
        let mut contact: Contact = serde_json::from_value(serde_json::json!({
            "id": "c1", "number": "CUS-0001", "type": "company", "roles": ["customer"],
            "status": "customer", "company_name": "Acme", "first_name": null,
            "last_name": null, "salutation": null, "display_name": "Acme", "email": null,
            "phone": null, "website": null, "vat_number": null, "registration_number": null,
            "taxpayer_id": null,
            "billing_address": {"line1": "1 Main St", "city": "Bern", "country_code": "CH"},
            "shipping_address": null,
            "contact_persons": [{"id": "p1", "first_name": "Ada", "last_name": "Lovelace",
                "salutation": null, "email": "ada@example.com", "phone": null}],
            "addresses": [{"id": "a1", "label": "Depot",
                "address": {"line1": "2 Dock Rd", "city": "Basel", "country_code": "CH"}}],
            "currency": null, "language": null, "payment_terms_days": null, "tags": [],
            "notes": null, "private_notes": null, "automatic_dunning": true,
            "opt_in_email": false, "archived": false, "version": 1,
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
        }))
        .unwrap();
        contact.version = 1;
        contact
    }

    #[test]
    fn resolves_and_snapshots_the_choice() {
        let contact = contact();
        let mut errors = FieldErrors::new();
        let chosen = RecipientInput {
            shipping_address_id: Some("a1".into()),
            contact_person_id: Some("p1".into()),
            additional_recipients: vec!["p1".into()],
            ..RecipientInput::default()
        }
        .resolve(Some(&contact), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            chosen.billing_address.unwrap().city.as_deref(),
            Some("Bern")
        );
        assert_eq!(
            chosen.shipping_address.unwrap().city.as_deref(),
            Some("Basel")
        );
        assert_eq!(chosen.contact_person_name.as_deref(), Some("Ada Lovelace"));
    }

    #[test]
    fn names_every_foreign_id() {
        let contact = contact();
        let mut errors = FieldErrors::new();
        RecipientInput {
            billing_address_id: Some("nope".into()),
            shipping_address_id: Some("p1".into()),
            contact_person_id: Some("a1".into()),
            additional_recipients: vec!["x".into()],
        }
        .resolve(Some(&contact), &mut errors);
        let fields: Vec<String> = errors.into_vec().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "billing_address_id",
                "shipping_address_id",
                "contact_person_id",
                "additional_recipients[0]"
            ]
        );
    }

    #[test]
    fn a_snapshot_outlives_the_contact_moving() {
        let mut contact = contact();
        let mut errors = FieldErrors::new();
        let kept = RecipientInput::default().resolve(Some(&contact), &mut errors);
        contact.billing_address = None;
        assert_eq!(
            kept.billing(Some(&contact)).and_then(|a| a.city.as_deref()),
            Some("Bern")
        );
    }
}

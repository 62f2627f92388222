//! Who is on the document: the issuing company, the customer, and the bank
//! details an invoice asks to be paid to.

use uome_domain::Address;
use uome_pdf::{Field, Party, PaymentInstructions};

use crate::account::bank::Bank;
use crate::account::company::Company;
use crate::contacts::Contact;
use crate::documents::DocumentBody;
use crate::documents::render::RenderContext;

/// Trimmed, `None` when blank.
fn text(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// The address's `full_address`, one printed line per line.
fn address_lines(address: Option<&Address>) -> Vec<String> {
    address
        .map(|a| {
            a.full_address()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

pub fn company(company: &Company) -> Party {
    Party {
        name: company.name.trim().to_owned(),
        address_lines: address_lines(company.address.as_ref()),
        email: text(&company.email),
        phone: text(&company.phone),
        website: text(&company.website),
        vat_number: text(&company.vat_number),
        registration_number: text(&company.registration_number),
    }
}

/// The contact (email, tax numbers as they are now) at the billing
/// address the document kept, under the addressee it names; only the
/// stored name and address when the contact has since been deleted, so an
/// old invoice still renders.
pub fn customer(contact: Option<&Contact>, body: &DocumentBody) -> Party {
    let recipient = &body.recipient;
    let mut lines: Vec<String> = recipient.contact_person_name.iter().cloned().collect();
    lines.extend(address_lines(recipient.billing(contact)));
    match contact {
        Some(c) => Party {
            name: c.display_name.clone(),
            address_lines: lines,
            email: text(&c.email),
            phone: text(&c.phone),
            // A customer's website is not something an invoice prints.
            website: None,
            vat_number: text(&c.vat_number),
            registration_number: text(&c.registration_number),
        },
        None => Party {
            name: body.contact_name.clone(),
            address_lines: lines,
            ..Party::default()
        },
    }
}

/// The document's own labelled values: the customer's order number, where
/// goods go when that is not the billing address, and the custom fields
/// under the account's labels.
pub fn document_fields(body: &DocumentBody, ctx: &RenderContext) -> Vec<Field> {
    let mut fields = Vec::new();
    if let Some(number) = &body.purchase_order_number {
        fields.push(Field {
            label: "Your order".into(),
            value: number.clone(),
        });
    }
    if let Some(ship_to) = body.recipient.ship_to(ctx.contact.as_ref()) {
        fields.push(Field {
            label: "Ship to".into(),
            value: address_lines(Some(ship_to)).join(", "),
        });
    }
    for (i, value) in body.custom_fields.iter().enumerate() {
        let Some(value) = value else { continue };
        let label = ctx
            .custom_field_labels
            .get(i)
            .cloned()
            .flatten()
            .unwrap_or_else(|| format!("Custom field {}", i + 1));
        fields.push(Field {
            label,
            value: value.clone(),
        });
    }
    fields
}

/// How to pay by transfer, or `None` when the account has no usable bank
/// details (an IBAN, or a UK account number). `iban` (the invoice's own
/// `payment_instructions.iban`) wins over the bank's.
/// `bic` (the invoice's own) goes with its IBAN; the bank's BIC only with
/// the bank's IBAN.
pub fn payment_instructions(
    bank: &Bank,
    company_name: &str,
    iban: Option<&str>,
    bic: Option<&str>,
    reference: &str,
) -> Option<PaymentInstructions> {
    let own = iban.map(str::trim).filter(|i| !i.is_empty());
    let bic = bank.bic_for(own, bic);
    let iban = own.map(str::to_owned).or_else(|| text(&bank.iban));
    let account_number = text(&bank.account_number);
    if iban.is_none() && account_number.is_none() {
        return None;
    }
    Some(PaymentInstructions {
        account_name: text(&bank.account_name).unwrap_or_else(|| company_name.trim().to_owned()),
        iban: iban.as_deref().map(group_iban),
        bic,
        sort_code: text(&bank.sort_code),
        account_number,
        reference: reference.to_owned(),
    })
}

/// The IBAN's print form: groups of four (`GB29 NWBK 6016 …`), as banks
/// print it, so a reader can copy it without losing their place.
fn group_iban(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_print_in_groups_of_four() {
        assert_eq!(
            group_iban("GB29NWBK60161331926819"),
            "GB29 NWBK 6016 1331 9268 19"
        );
        assert_eq!(
            group_iban("CH93 0076 2011 6238 5295 7"),
            "CH93 0076 2011 6238 5295 7"
        );
    }

    #[test]
    fn no_bank_details_no_instructions() {
        assert_eq!(
            payment_instructions(&Bank::default(), "Acme", None, None, "INV-1"),
            None
        );
        let own = payment_instructions(
            &Bank::default(),
            "Acme",
            Some("GB29NWBK60161331926819"),
            Some("NWBKGB2L"),
            "INV-1",
        )
        .unwrap();
        assert_eq!(own.account_name, "Acme");
        assert_eq!(own.reference, "INV-1");
        assert_eq!(own.bic.as_deref(), Some("NWBKGB2L"));
    }

    #[test]
    fn the_banks_bic_goes_only_with_the_banks_iban() {
        let bank = Bank {
            iban: Some("GB29NWBK60161331926819".into()),
            bic: Some("NWBKGB2L".into()),
            ..Bank::default()
        };
        let with = |iban| {
            payment_instructions(&bank, "Acme", iban, None, "INV-1")
                .unwrap()
                .bic
        };
        assert_eq!(with(None).as_deref(), Some("NWBKGB2L"));
        assert_eq!(
            with(Some("GB29 NWBK 6016 1331 9268 19")).as_deref(),
            Some("NWBKGB2L")
        );
        assert_eq!(with(Some("DE89370400440532013000")), None);
    }
}

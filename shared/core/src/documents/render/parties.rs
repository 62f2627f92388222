//! Who is on the document: the issuing company, the customer, and the bank
//! details an invoice asks to be paid to.

use uome_domain::Address;
use uome_pdf::{Party, PaymentInstructions};

use crate::account::bank::Bank;
use crate::account::company::Company;
use crate::contacts::Contact;

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

/// The contact as it is now (billing address, email, tax numbers); only the
/// name stored on the document when the contact has since been deleted, so
/// an old invoice still renders.
pub fn customer(contact: Option<&Contact>, stored_name: &str) -> Party {
    match contact {
        Some(c) => Party {
            name: c.display_name.clone(),
            address_lines: address_lines(c.billing_address.as_ref()),
            email: text(&c.email),
            phone: text(&c.phone),
            // A customer's website is not something an invoice prints.
            website: None,
            vat_number: text(&c.vat_number),
            registration_number: text(&c.registration_number),
        },
        None => Party {
            name: stored_name.to_owned(),
            ..Party::default()
        },
    }
}

/// How to pay by transfer, or `None` when the account has no usable bank
/// details (an IBAN, or a UK account number). `iban` (the invoice's own
/// `payment_instructions.iban`) wins over the bank's.
pub fn payment_instructions(
    bank: &Bank,
    company_name: &str,
    iban: Option<&str>,
    reference: &str,
) -> Option<PaymentInstructions> {
    let iban = iban
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(str::to_owned)
        .or_else(|| text(&bank.iban));
    let account_number = text(&bank.account_number);
    if iban.is_none() && account_number.is_none() {
        return None;
    }
    Some(PaymentInstructions {
        account_name: text(&bank.account_name).unwrap_or_else(|| company_name.trim().to_owned()),
        iban: iban.as_deref().map(group_iban),
        bic: text(&bank.bic),
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
            payment_instructions(&Bank::default(), "Acme", None, "INV-1"),
            None
        );
        let own = payment_instructions(
            &Bank::default(),
            "Acme",
            Some("GB29NWBK60161331926819"),
            "INV-1",
        )
        .unwrap();
        assert_eq!(own.account_name, "Acme");
        assert_eq!(own.reference, "INV-1");
    }
}

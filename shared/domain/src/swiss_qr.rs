//! The data of a Swiss QR-bill's QR code (SIX Swiss Payment Standards,
//! Implementation Guidelines QR-bill 2.3, §4; API.md §14): the "SPC"
//! payload, element by element, with the guidelines' limits checked so a
//! bank app never meets a code it must refuse.

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::error::FieldError;
use crate::payment_reference::{is_creditor_reference, is_qr_iban, is_qr_reference};

/// A structured address (type `S`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QrAddress {
    /// ≤ 70 characters.
    pub name: String,
    /// Street (with its number where the address has no separate one),
    /// ≤ 70.
    pub street: Option<String>,
    /// ≤ 16.
    pub building_number: Option<String>,
    /// ≤ 16.
    pub postal_code: String,
    /// ≤ 35.
    pub town: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// What the payer quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QrReference {
    /// `QRR`: a QR reference, for a QR-IBAN.
    Qr(String),
    /// `SCOR`: an ISO 11649 creditor reference, for any other IBAN.
    Creditor(String),
    /// `NON`.
    None,
}

/// One QR-bill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrBill {
    /// A CH or LI IBAN, no spaces.
    pub iban: String,
    pub creditor: QrAddress,
    /// `None`: the payer fills it in.
    pub amount: Option<Decimal>,
    /// CHF or EUR.
    pub currency: Currency,
    pub debtor: Option<QrAddress>,
    pub reference: QrReference,
    /// ≤ 140 characters.
    pub message: Option<String>,
}

fn limit(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize, required: bool) {
    let count = value.chars().count();
    if required && value.trim().is_empty() {
        errors.push(FieldError::new(field, "is required on a QR-bill"));
    } else if count > max {
        errors.push(FieldError::new(
            field,
            format!("must be at most {max} characters on a QR-bill"),
        ));
    }
}

fn check_address(errors: &mut Vec<FieldError>, prefix: &str, a: &QrAddress) {
    limit(errors, &format!("{prefix}.name"), &a.name, 70, true);
    limit(
        errors,
        &format!("{prefix}.street"),
        a.street.as_deref().unwrap_or(""),
        70,
        false,
    );
    limit(
        errors,
        &format!("{prefix}.building_number"),
        a.building_number.as_deref().unwrap_or(""),
        16,
        false,
    );
    limit(
        errors,
        &format!("{prefix}.postal_code"),
        &a.postal_code,
        16,
        true,
    );
    limit(errors, &format!("{prefix}.town"), &a.town, 35, true);
    if a.country.len() != 2 || !a.country.bytes().all(|b| b.is_ascii_uppercase()) {
        errors.push(FieldError::new(
            format!("{prefix}.country_code"),
            "is required on a QR-bill: two capital letters",
        ));
    }
}

fn address_lines(out: &mut Vec<String>, a: Option<&QrAddress>) {
    match a {
        Some(a) => out.extend([
            "S".to_string(),
            a.name.trim().to_string(),
            a.street.clone().unwrap_or_default().trim().to_string(),
            a.building_number
                .clone()
                .unwrap_or_default()
                .trim()
                .to_string(),
            a.postal_code.trim().to_string(),
            a.town.trim().to_string(),
            a.country.clone(),
        ]),
        None => out.extend(std::iter::repeat_n(String::new(), 7)),
    }
}

impl QrBill {
    /// Every rule of the guidelines the bill breaks, by field.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let iban = self.iban.as_str();
        if !(iban.starts_with("CH") || iban.starts_with("LI")) || iban.len() != 21 {
            errors.push(FieldError::new(
                "iban",
                "a QR-bill needs a Swiss or Liechtenstein IBAN",
            ));
        }
        if !matches!(self.currency, Currency::CHF | Currency::EUR) {
            errors.push(FieldError::new("currency", "a QR-bill is in CHF or EUR"));
        }
        if let Some(amount) = self.amount
            && (amount < Decimal::new(1, 2) || amount > Decimal::new(99_999_999_999, 2))
        {
            errors.push(FieldError::new(
                "amount",
                "must be from 0.01 to 999,999,999.99 on a QR-bill",
            ));
        }
        check_address(&mut errors, "creditor", &self.creditor);
        if let Some(debtor) = &self.debtor {
            check_address(&mut errors, "debtor", debtor);
        }
        let qr_iban = is_qr_iban(iban);
        match &self.reference {
            QrReference::Qr(r) if !qr_iban || !is_qr_reference(r) => errors.push(FieldError::new(
                "reference",
                "a QR reference goes with a QR-IBAN, and must check",
            )),
            QrReference::Creditor(r) if qr_iban || !is_creditor_reference(r) => {
                errors.push(FieldError::new(
                    "reference",
                    "a creditor reference goes with an IBAN, and must check",
                ))
            }
            QrReference::None if qr_iban => errors.push(FieldError::new(
                "reference",
                "a QR-IBAN needs a QR reference",
            )),
            _ => {}
        }
        limit(
            &mut errors,
            "message",
            self.message.as_deref().unwrap_or(""),
            140,
            false,
        );
        errors
    }

    /// The QR code's text: the guidelines' elements one per line (LF),
    /// or every broken rule.
    pub fn payload(&self) -> Result<String, Vec<FieldError>> {
        let errors = self.check();
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut lines = vec![
            "SPC".to_string(),
            "0200".into(),
            "1".into(),
            self.iban.clone(),
        ];
        address_lines(&mut lines, Some(&self.creditor));
        // The ultimate creditor: reserved, always empty (IG 2.3 §4.2.2).
        address_lines(&mut lines, None);
        lines.push(
            self.amount
                .map(|a| format!("{:.2}", a.round_dp(2)))
                .unwrap_or_default(),
        );
        lines.push(self.currency.code().to_string());
        address_lines(&mut lines, self.debtor.as_ref());
        let (kind, reference) = match &self.reference {
            QrReference::Qr(r) => ("QRR", r.replace(' ', "")),
            QrReference::Creditor(r) => ("SCOR", r.replace(' ', "").to_ascii_uppercase()),
            QrReference::None => ("NON", String::new()),
        };
        lines.push(kind.to_string());
        lines.push(reference);
        lines.push(self.message.clone().unwrap_or_default().trim().to_string());
        lines.push("EPD".to_string());
        Ok(lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn bill() -> QrBill {
        QrBill {
            iban: "CH4431999123000889012".into(),
            creditor: QrAddress {
                name: "Robert Schneider AG".into(),
                street: Some("Rue du Lac".into()),
                building_number: Some("1268".into()),
                postal_code: "2501".into(),
                town: "Biel".into(),
                country: "CH".into(),
            },
            amount: Some(dec!(1949.75)),
            currency: Currency::CHF,
            debtor: Some(QrAddress {
                name: "Pia-Maria Rutschmann-Schnyder".into(),
                street: Some("Grosse Marktgasse".into()),
                building_number: Some("28".into()),
                postal_code: "9400".into(),
                town: "Rorschach".into(),
                country: "CH".into(),
            }),
            reference: QrReference::Qr("210000000003139471430009017".into()),
            message: Some("Order of 15 June 2020".into()),
        }
    }

    #[test]
    fn the_guidelines_example_payload() {
        let payload = bill().payload().unwrap();
        let lines: Vec<&str> = payload.split('\n').collect();
        assert_eq!(lines.len(), 31);
        assert_eq!(&lines[..4], ["SPC", "0200", "1", "CH4431999123000889012"]);
        assert_eq!(
            &lines[4..11],
            [
                "S",
                "Robert Schneider AG",
                "Rue du Lac",
                "1268",
                "2501",
                "Biel",
                "CH"
            ]
        );
        assert!(lines[11..18].iter().all(|l| l.is_empty()));
        assert_eq!(&lines[18..20], ["1949.75", "CHF"]);
        assert_eq!(lines[21], "Pia-Maria Rutschmann-Schnyder");
        assert_eq!(
            &lines[27..31],
            [
                "QRR",
                "210000000003139471430009017",
                "Order of 15 June 2020",
                "EPD"
            ]
        );
    }

    #[test]
    fn every_broken_rule_is_named() {
        let mut bad = bill();
        bad.iban = "DE89370400440532013000".into();
        bad.currency = Currency::GBP;
        bad.creditor.postal_code = String::new();
        bad.creditor.country = "Switzerland".into();
        bad.reference = QrReference::Creditor("RF18539007547034".into());
        let fields: Vec<String> = bad
            .payload()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "iban",
                "currency",
                "creditor.postal_code",
                "creditor.country_code"
            ]
        );
        let mut scor = bill();
        scor.iban = "CH9300762011623852957".into();
        scor.reference = QrReference::Creditor("RF18539007547034".into());
        assert!(scor.payload().is_ok());
        scor.reference = QrReference::Qr("210000000003139471430009017".into());
        assert_eq!(scor.check()[0].field, "reference");
    }
}

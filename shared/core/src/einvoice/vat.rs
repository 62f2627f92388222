//! Which VAT category each rate of a document is (API.md §14): `S` for a
//! positive rate; a zero rate is `AE` (reverse charge) when the account
//! has `settings.reverse_charge` on and the buyer has a VAT number of
//! another country, else `E` (exempt) when the account states a
//! `settings.vat_exemption_reason`, else `Z` (zero-rated).

use uome_domain::Decimal;
use uome_einvoice::{TaxCategory, VatCategory};

use crate::account::company::Company;
use crate::account::settings::Settings;
use crate::contacts::Contact;

/// The VATEX code and text of a reverse-charge breakdown (BT-121, BT-120).
const REVERSE_CHARGE_CODE: &str = "VATEX-EU-AE";
const REVERSE_CHARGE_TEXT: &str = "Reverse charge: VAT to be accounted for by the recipient";

pub(crate) struct VatRules {
    reverse_charge: bool,
    exemption_reason: Option<String>,
}

/// The country of a VAT number's prefix (`EL` is Greece's `GR`).
fn vat_country(vat: &str) -> Option<String> {
    let prefix: String = vat
        .trim()
        .chars()
        .take(2)
        .collect::<String>()
        .to_ascii_uppercase();
    if prefix.len() != 2 || !prefix.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(if prefix == "EL" {
        "GR".to_owned()
    } else {
        prefix
    })
}

impl VatRules {
    pub(crate) fn new(company: &Company, contact: Option<&Contact>, settings: &Settings) -> Self {
        let seller_country = company
            .vat_number
            .as_deref()
            .and_then(vat_country)
            .or_else(|| {
                company
                    .address
                    .as_ref()
                    .and_then(|a| a.country_code.clone())
                    .map(|c| c.to_ascii_uppercase())
            });
        let buyer_country = contact
            .and_then(|c| c.vat_number.as_deref())
            .and_then(vat_country);
        let reverse_charge = settings.reverse_charge
            && matches!((&seller_country, &buyer_country), (Some(s), Some(b)) if s != b);
        Self {
            reverse_charge,
            exemption_reason: settings
                .vat_exemption_reason
                .clone()
                .filter(|r| !r.trim().is_empty()),
        }
    }

    pub(crate) fn category(&self, rate: Decimal) -> TaxCategory {
        let category = if rate > Decimal::ZERO {
            VatCategory::Standard
        } else if self.reverse_charge {
            VatCategory::ReverseCharge
        } else if self.exemption_reason.is_some() {
            VatCategory::Exempt
        } else {
            VatCategory::ZeroRated
        };
        TaxCategory {
            category,
            rate: rate.normalize(),
        }
    }

    /// BT-121 and BT-120 of a breakdown of `category`.
    pub(crate) fn exemption(
        &self,
        category: VatCategory,
    ) -> (Option<&'static str>, Option<String>) {
        match category {
            VatCategory::ReverseCharge => (
                Some(REVERSE_CHARGE_CODE),
                Some(REVERSE_CHARGE_TEXT.to_owned()),
            ),
            VatCategory::Exempt => (None, self.exemption_reason.clone()),
            VatCategory::Standard | VatCategory::ZeroRated => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::vat_country;

    #[test]
    fn vat_prefixes_name_countries() {
        assert_eq!(vat_country("DE123456789").as_deref(), Some("DE"));
        assert_eq!(vat_country("el123456789").as_deref(), Some("GR"));
        assert_eq!(vat_country("123"), None);
    }
}

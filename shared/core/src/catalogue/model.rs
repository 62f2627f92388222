//! What the catalogue stores and answers: items and tax rates.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::{Currency, Decimal, decimal_string};

use super::measures::Measures;

/// Prices stay below 10^15 in any currency: far above any real unit price,
/// and far enough below `Decimal`'s range that quantity × price × rates on a
/// 500-line document can never overflow.
pub const MAX_PRICE: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// OneUp's two kinds of item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemType {
    Service,
    Product,
}

impl ItemType {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemType::Service => "service",
            ItemType::Product => "product",
        }
    }

    /// `service` or `product`, any case.
    pub fn parse(text: &str) -> Option<ItemType> {
        if text.eq_ignore_ascii_case("service") {
            Some(ItemType::Service)
        } else if text.eq_ignore_ascii_case("product") {
            Some(ItemType::Product)
        } else {
            None
        }
    }
}

/// A product or service of an account's catalogue.
///
/// Prices are unit prices in `currency`, exact, with up to 4 decimal places
/// (API.md §1); [`price_text`] writes them for the API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub number: String,
    #[serde(rename = "type")]
    pub item_type: ItemType,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(with = "decimal_string")]
    pub sales_price: Decimal,
    #[serde(with = "decimal_string")]
    pub purchase_price: Decimal,
    pub currency: Currency,
    /// Percent, 0–100. Copied from the linked tax rate when `tax_rate_id`
    /// is set at write time.
    #[serde(with = "decimal_string")]
    pub tax_rate: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_rate_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    pub active: bool,
    /// Private note, weight and dimensions (OneUp's item extras).
    #[serde(flatten)]
    pub measures: Measures,
    /// The table item's version; not part of the stored document.
    #[serde(skip)]
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A named tax rate of an account (`VAT 20%`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaxRate {
    pub id: String,
    pub name: String,
    /// Percent, 0–100, up to 4 decimal places.
    #[serde(with = "decimal_string")]
    pub rate: Decimal,
    #[serde(skip)]
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A unit price as the API writes it: every decimal place it has (up to 4),
/// but at least the currency's minor units (`"19.90"` GBP, `"0.1234"` GBP,
/// `"1500"` JPY, `"2.500"` BHD).
pub fn price_text(value: Decimal, currency: Currency) -> String {
    let mut value = value.normalize();
    if value.scale() < currency.minor_units() {
        value.rescale(currency.minor_units());
    }
    value.to_string()
}

/// A percentage as the API writes it: no trailing zeros (`"20"`, `"5.5"`).
pub fn rate_text(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn max_price_is_ten_to_the_fifteen() {
        assert_eq!(MAX_PRICE, d("1000000000000000"));
    }

    #[test]
    fn prices_keep_their_digits_but_at_least_the_minor_units() {
        assert_eq!(price_text(d("19.9"), Currency::GBP), "19.90");
        assert_eq!(price_text(d("19.9900"), Currency::GBP), "19.99");
        assert_eq!(price_text(d("0.1234"), Currency::GBP), "0.1234");
        assert_eq!(price_text(d("1500.00"), Currency::JPY), "1500");
        assert_eq!(price_text(d("1500.5"), Currency::JPY), "1500.5");
        assert_eq!(price_text(d("2.5"), Currency::BHD), "2.500");
        assert_eq!(price_text(Decimal::ZERO, Currency::GBP), "0.00");
        assert_eq!(price_text(Decimal::ZERO, Currency::JPY), "0");
    }

    #[test]
    fn rates_drop_trailing_zeros() {
        assert_eq!(rate_text(d("20.0000")), "20");
        assert_eq!(rate_text(d("5.50")), "5.5");
        assert_eq!(rate_text(Decimal::ZERO), "0");
    }

    #[test]
    fn item_types_parse_any_case() {
        assert_eq!(ItemType::parse("Service"), Some(ItemType::Service));
        assert_eq!(ItemType::parse("PRODUCT"), Some(ItemType::Product));
        assert_eq!(ItemType::parse("gadget"), None);
    }
}

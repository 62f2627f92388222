//! The reference lists' entries: currencies, units, payment terms.

use serde::{Deserialize, Serialize};
use uome_core::catalogue::reference::{CurrencyInfo, PaymentTerm, Unit};
use utoipa::ToSchema;

/// An ISO 4217 currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CurrencyResponse {
    #[schema(example = "GBP")]
    pub code: String,
    #[schema(example = "Pound Sterling")]
    pub name: String,
    #[schema(example = 826)]
    pub numeric_code: u16,
    /// Digits after the decimal point of amounts (JPY 0, GBP 2, BHD 3).
    #[schema(example = 2)]
    pub minor_units: u32,
    /// The account's default currency.
    pub default: bool,
}

impl From<CurrencyInfo> for CurrencyResponse {
    fn from(c: CurrencyInfo) -> Self {
        Self {
            code: c.code.to_owned(),
            name: c.name.to_owned(),
            numeric_code: c.numeric_code,
            minor_units: c.minor_units,
            default: c.default,
        }
    }
}

/// A suggested unit for items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UnitResponse {
    /// What an item's `unit` would hold.
    #[schema(example = "hour")]
    pub id: String,
    #[schema(example = "Hour")]
    pub name: String,
    /// `piece`, `weight`, `dimension`, `surface`, `volume` or `time`.
    #[serde(rename = "type")]
    #[schema(example = "time")]
    pub kind: String,
}

impl From<&Unit> for UnitResponse {
    fn from(u: &Unit) -> Self {
        Self {
            id: u.id.to_owned(),
            name: u.name.to_owned(),
            kind: u.kind.as_str().to_owned(),
        }
    }
}

/// A payment term: due `days` after the issue date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PaymentTermResponse {
    #[schema(example = "net_30")]
    pub id: String,
    #[schema(example = "Net 30")]
    pub name: String,
    #[schema(example = 30)]
    pub days: u32,
    /// The account's `default_payment_terms_days`.
    pub default: bool,
}

impl From<PaymentTerm> for PaymentTermResponse {
    fn from(t: PaymentTerm) -> Self {
        Self {
            id: t.id,
            name: t.name,
            days: t.days,
            default: t.default,
        }
    }
}

//! Request and response shapes of the catalogue routes.
//!
//! Request bodies refuse unknown fields. Every field of an item or tax rate
//! body is optional at the JSON level and three-valued (absent, `null`, a
//! value) so one shape serves `POST`, `PUT` and `PATCH` (RFC 7396 merge
//! patch); the use case decides what is required. Numbers are a JSON string
//! or a JSON number, parsed exactly from their text; one that does not
//! parse is reported along with every other bad field.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use uome_core::catalogue::reference::{CurrencyInfo, PaymentTerm, Unit};
use uome_core::catalogue::{
    Item, ItemChanges, ItemType, Parsed, Patch, TaxRate, TaxRateChanges, price_text, rate_text,
};
use uome_domain::decimal_input::parse_json_decimal;
use uome_domain::{Decimal, DomainError};
use utoipa::{IntoParams, ToSchema};

/// A decimal as sent, or why it is not one.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberField(pub Parsed<Decimal>);

impl<'de> Deserialize<'de> for NumberField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The raw text, never an f64: `19.99` stays exactly 19.99.
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Ok(NumberField(parse_json_decimal(raw.get()).map_err(
            |e| match e {
                DomainError::InvalidNumber(message) => message,
                other => other.to_string(),
            },
        )))
    }
}

/// Body of `POST /v1/items`, `PUT` and `PATCH /v1/items/{id}`.
///
/// `POST`: absent or `null` fields take their defaults; `name` is required.
/// `PUT`: a full replace; absent fields take their defaults, except
/// `number` and `currency`, which stay. `PATCH`: absent fields stay, `null`
/// resets a field to its default.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    /// Unique in the account (case-insensitive), at most 64 characters.
    /// Default: the next `ITM-0001`-style number.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "ITM-0012")]
    pub number: Patch<String>,
    /// `service` (default) or `product`.
    #[serde(default, rename = "type")]
    #[schema(value_type = Option<String>, example = "product")]
    pub item_type: Patch<String>,
    /// Required, at most 255 characters.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "Nintendo Wii")]
    pub name: Patch<String>,
    /// At most 2,000 characters.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "A video game console.")]
    pub description: Patch<String>,
    /// Free text, at most 64 characters; `GET /v1/units` suggests some.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "piece")]
    pub unit: Patch<String>,
    /// Unit price in `currency`: ≥ 0, up to 4 decimal places. Default 0.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "199.00")]
    pub sales_price: Patch<NumberField>,
    /// Unit cost in `currency`: ≥ 0, up to 4 decimal places. Default 0.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "159.00")]
    pub purchase_price: Patch<NumberField>,
    /// ISO 4217. Default: the company's `default_currency`, else GBP.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "GBP")]
    pub currency: Patch<String>,
    /// Percent, 0–100, up to 4 decimal places. Default 0; with
    /// `tax_rate_id`, the linked rate's.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "20")]
    pub tax_rate: Patch<NumberField>,
    /// A tax rate of the account; its rate becomes the item's `tax_rate`.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub tax_rate_id: Patch<String>,
    /// Free-text category, at most 64 characters.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "Video Game")]
    pub family: Patch<String>,
    /// Default true. Inactive items stay readable but are not for sale.
    #[serde(default)]
    #[schema(value_type = Option<bool>)]
    pub active: Patch<bool>,
    /// `PUT`/`PATCH` only: the version read (or send `If-Match`).
    #[serde(default)]
    pub version: Option<u64>,
}

impl ItemBody {
    pub fn into_changes(self) -> ItemChanges {
        let number = |p: Patch<NumberField>| p.map(|n| n.0);
        ItemChanges {
            number: self.number,
            item_type: self.item_type,
            name: self.name,
            description: self.description,
            unit: self.unit,
            sales_price: number(self.sales_price),
            purchase_price: number(self.purchase_price),
            currency: self.currency,
            tax_rate: number(self.tax_rate),
            tax_rate_id: self.tax_rate_id,
            family: self.family,
            active: self.active,
        }
    }
}

/// An item of the catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ItemResponse {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(example = "ITM-0001")]
    pub number: String,
    /// `service` or `product`.
    #[serde(rename = "type")]
    #[schema(example = "product")]
    pub item_type: String,
    pub name: String,
    pub description: Option<String>,
    pub unit: Option<String>,
    /// Every decimal place it has (up to 4), at least the currency's.
    #[schema(example = "199.00")]
    pub sales_price: String,
    #[schema(example = "159.00")]
    pub purchase_price: String,
    #[schema(example = "GBP")]
    pub currency: String,
    /// Percent, without trailing zeros.
    #[schema(example = "20")]
    pub tax_rate: String,
    #[schema(format = Uuid)]
    pub tax_rate_id: Option<String>,
    pub family: Option<String>,
    pub active: bool,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Item> for ItemResponse {
    fn from(item: Item) -> Self {
        Self {
            sales_price: price_text(item.sales_price, item.currency),
            purchase_price: price_text(item.purchase_price, item.currency),
            tax_rate: rate_text(item.tax_rate),
            currency: item.currency.code().to_owned(),
            item_type: item.item_type.as_str().to_owned(),
            id: item.id,
            number: item.number,
            name: item.name,
            description: item.description,
            unit: item.unit,
            tax_rate_id: item.tax_rate_id,
            family: item.family,
            active: item.active,
            version: item.version,
            created_at: item.created_at,
            updated_at: item.updated_at,
        }
    }
}

/// `type` filter values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemTypeParam {
    Service,
    Product,
}

impl From<ItemTypeParam> for ItemType {
    fn from(value: ItemTypeParam) -> Self {
        match value {
            ItemTypeParam::Service => ItemType::Service,
            ItemTypeParam::Product => ItemType::Product,
        }
    }
}

/// Filters of `GET /v1/items` (with `limit` and `cursor`).
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemListQuery {
    /// Case-insensitive prefix of the name or the number.
    pub search: Option<String>,
    /// `service` or `product`.
    #[serde(rename = "type")]
    #[param(rename = "type", inline)]
    pub item_type: Option<ItemTypeParam>,
    /// Exact family, case-insensitive.
    pub family: Option<String>,
    /// Only active (`true`) or inactive (`false`) items.
    pub active: Option<bool>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Body of `POST /v1/tax-rates`, `PUT` and `PATCH /v1/tax-rates/{id}`.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxRateBody {
    /// Required, unique in the account (case-insensitive), at most 255
    /// characters.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "VAT 20%")]
    pub name: Patch<String>,
    /// Required: percent, 0–100, up to 4 decimal places.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "20")]
    pub rate: Patch<NumberField>,
    /// `PUT`/`PATCH` only: the version read (or send `If-Match`).
    #[serde(default)]
    pub version: Option<u64>,
}

impl TaxRateBody {
    pub fn into_changes(self) -> TaxRateChanges {
        TaxRateChanges {
            name: self.name,
            rate: self.rate.map(|n| n.0),
        }
    }
}

/// A tax rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TaxRateResponse {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(example = "VAT 20%")]
    pub name: String,
    /// Percent, without trailing zeros.
    #[schema(example = "20")]
    pub rate: String,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<TaxRate> for TaxRateResponse {
    fn from(t: TaxRate) -> Self {
        Self {
            rate: rate_text(t.rate),
            id: t.id,
            name: t.name,
            version: t.version,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

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

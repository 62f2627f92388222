//! `/v1/items` bodies and the list's filters.
//!
//! [`ItemBody`] is not core's `ItemChanges`: it carries the `version` a
//! write expects and takes numbers as [`NumberField`]s (the exact JSON text).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::catalogue::{Item, ItemChanges, ItemType, Patch, price_text, rate_text};
use utoipa::{IntoParams, ToSchema};

use super::NumberField;

uome_http::resource_body! {
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
        #[schema(value_type = Option<String>, max_length = 2000, format = "paragraphs", example = "A video game console.")]
        pub description: Patch<String>,
        /// Free text, at most 64 characters; `GET /v1/units` suggests some.
        #[serde(default)]
        #[schema(value_type = Option<String>, example = "piece")]
        pub unit: Patch<String>,
        /// Unit price in `currency`: ≥ 0, up to 4 decimal places. Default 0.
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "decimal-non-negative", example = "199.00")]
        pub sales_price: Patch<NumberField>,
        /// Unit cost in `currency`: ≥ 0, up to 4 decimal places. Default 0.
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "decimal-non-negative", example = "159.00")]
        pub purchase_price: Patch<NumberField>,
        /// ISO 4217. Default: the company's `default_currency`, else GBP.
        #[serde(default)]
        #[schema(value_type = Option<String>, example = "GBP")]
        pub currency: Patch<String>,
        /// Percent, 0–100, up to 4 decimal places. Default 0; with
        /// `tax_rate_id`, the linked rate's.
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "percent", example = "20")]
        pub tax_rate: Patch<NumberField>,
        /// A tax rate of the account; its rate becomes the item's `tax_rate`.
        /// `null` or `""` links none.
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "uuid-or-empty")]
        pub tax_rate_id: Patch<String>,
        /// Free-text category, at most 64 characters.
        #[serde(default)]
        #[schema(value_type = Option<String>, example = "Video Game")]
        pub family: Patch<String>,
        /// Default true. Inactive items stay readable but are not for sale.
        #[serde(default)]
        #[schema(value_type = Option<bool>)]
        pub active: Patch<bool>,
        /// Never printed (OneUp `private_note`); at most 2,000 characters.
        #[serde(default)]
        #[schema(value_type = Option<String>, max_length = 2000, format = "paragraphs")]
        pub private_note: Patch<String>,
        /// Kilograms: ≥ 0, up to 4 decimal places.
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "decimal-non-negative", example = "1.74")]
        pub net_weight: Patch<NumberField>,
        /// In `dimension_unit`: ≥ 0, up to 4 decimal places.
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "decimal-non-negative", example = "0.157")]
        pub width: Patch<NumberField>,
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "decimal-non-negative", example = "0.215")]
        pub length: Patch<NumberField>,
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "decimal-non-negative", example = "0.44")]
        pub height: Patch<NumberField>,
        /// `mm`, `cm`, `m` (default once a dimension is given), `in`, `ft`.
        #[serde(default)]
        #[schema(value_type = Option<String>, pattern = "^(mm|cm|m|in|ft)$", example = "m")]
        pub dimension_unit: Patch<String>,
        /// `PUT`/`PATCH` only: the version read (or send `If-Match`).
        #[serde(default)]
        pub version: Option<u64>,
    }
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
            private_note: self.private_note,
            net_weight: number(self.net_weight),
            width: number(self.width),
            length: number(self.length),
            height: number(self.height),
            dimension_unit: self.dimension_unit,
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
    pub private_note: Option<String>,
    /// Kilograms.
    #[schema(example = "1.74")]
    pub net_weight: Option<String>,
    #[schema(example = "0.157")]
    pub width: Option<String>,
    #[schema(example = "0.215")]
    pub length: Option<String>,
    #[schema(example = "0.44")]
    pub height: Option<String>,
    #[schema(example = "m")]
    pub dimension_unit: Option<String>,
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
            private_note: item.measures.private_note,
            net_weight: item.measures.net_weight.map(|v| v.normalize().to_string()),
            width: item.measures.width.map(|v| v.normalize().to_string()),
            length: item.measures.length.map(|v| v.normalize().to_string()),
            height: item.measures.height.map(|v| v.normalize().to_string()),
            dimension_unit: item.measures.dimension_unit.map(|u| u.as_str().to_owned()),
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

//! `GET /v1/portal/catalogue`: an item as a client may see it, without
//! what is the business's own (purchase price, tax rate id, versions).

use serde::{Deserialize, Serialize};
use uome_core::catalogue::{Item, price_text, rate_text};
use utoipa::{IntoParams, ToSchema};

/// An item the client may order.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CatalogueItemView {
    /// What a line of `POST /v1/portal/orders` names.
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
    /// The unit price an order is charged, before tax.
    #[schema(example = "199.00")]
    pub price: String,
    #[schema(example = "GBP")]
    pub currency: String,
    /// Percent, without trailing zeros.
    #[schema(example = "20")]
    pub tax_rate: String,
    pub family: Option<String>,
}

impl From<Item> for CatalogueItemView {
    fn from(item: Item) -> Self {
        Self {
            price: price_text(item.sales_price, item.currency),
            tax_rate: rate_text(item.tax_rate),
            currency: item.currency.code().to_owned(),
            item_type: item.item_type.as_str().to_owned(),
            id: item.id,
            number: item.number,
            name: item.name,
            description: item.description,
            unit: item.unit,
            family: item.family,
        }
    }
}

/// `GET /v1/portal/catalogue` (plus `limit` and `cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogueQuery {
    /// A prefix of the name or the number, case-insensitive.
    pub search: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

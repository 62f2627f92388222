//! The catalogue of an account: items (products and services), tax rates,
//! and the read-only reference lists (currencies, units, payment terms).
//!
//! Items are what quotes, invoices, orders and POS sales are priced from.
//! Documents copy an item's description and price into their lines when
//! they are created, so changing, deactivating or deleting an item never
//! changes a document; [`load_item`] and [`load_items`] are the door the
//! document use cases come through.
//!
//! Storage (docs/storage.md): `ACCOUNT#<acc>` / `ITEM#<id>` with gsi1
//! `ACCOUNT#<acc>#ITEMS` / `<name key>\x01<id>` (list and search by name) and
//! gsi2 `ACCOUNT#<acc>#ITEM_NUMBERS` / `<number key>\x01<id>` (search by
//! number); `TAXRATE#<id>` with gsi1 `ACCOUNT#<acc>#TAXRATES`. Numbers and
//! tax-rate names are unique through `UNIQUE#...` guard items written in the
//! same transaction; automatic numbers come from `COUNTER#item`.

mod draft;
pub mod input;
mod item_list;
mod items;
pub mod measures;
pub mod model;
mod number_field;
mod numbering;
mod reads;
pub mod reference;
mod tax_rates;
mod text;

pub use input::{ItemChanges, Parsed, Patch, TaxRateChanges};
pub use item_list::{ItemFilter, ItemPage, list_items};
pub use items::{create_item, delete_item, get_item, load_item, load_items, update_item};
pub use measures::{DimensionUnit, Measures};
pub use model::{Item, ItemType, MAX_PRICE, TaxRate, price_text, rate_text};
pub use number_field::NumberField;
pub use tax_rates::{
    TaxRatePage, create_tax_rate, delete_tax_rate, get_tax_rate, list_tax_rates, update_tax_rate,
};
/// An item number as its guard compares it (case-folded).
pub(crate) use text::guard_text as number_key;

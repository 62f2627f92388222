//! Request and response shapes of the catalogue routes, one file per resource.
//!
//! Request bodies refuse unknown fields. Every field of an item or tax rate
//! body is optional at the JSON level and three-valued (absent, `null`, a
//! value) so one shape serves `POST`, `PUT` and `PATCH` (RFC 7396 merge
//! patch); the use case decides what is required. Numbers are a JSON string
//! or a JSON number, parsed exactly from their text; one that does not
//! parse is reported along with every other bad field.

mod items;
mod reference;
mod tax_rates;

pub use items::{ItemBody, ItemListQuery, ItemResponse, ItemTypeParam};
pub use reference::{CurrencyResponse, PaymentTermResponse, UnitResponse};
pub use tax_rates::{TaxRateBody, TaxRateResponse};
pub use uome_core::catalogue::NumberField;

//! A decimal field of a request body, parsed exactly from its JSON text.

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use uome_domain::decimal_input::parse_json_decimal;
use uome_domain::{Decimal, DomainError};

use super::input::{Parsed, Patch};

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

/// `deserialize_with` for a `Patch<Parsed<Decimal>>` field: absent (with
/// `serde(default)`) keeps, `null` clears, anything else is parsed exactly.
pub(crate) fn exact_patch<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Patch<Parsed<Decimal>>, D::Error> {
    Patch::<NumberField>::deserialize(deserializer).map(|patch| patch.map(|n| n.0))
}

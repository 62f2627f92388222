//! Document lines (API.md §2 "Line"): what a client sends and what is
//! computed for each.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::decimal_input::{json, json_opt};
use crate::decimal_string;
use crate::read_only::ReadOnly;

/// What a line is. Only `item` lines carry numbers and count in totals;
/// the others lay the document out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    #[default]
    Item,
    Subtitle,
    /// Shows the sum of the section it closes (see [`crate::compute_totals`]).
    SectionTotal,
    Divider,
    Text,
}

/// A line as a client writes it (request JSON: numbers as JSON numbers or
/// strings, parsed exactly; see [`crate::decimal_input`]).
///
/// The read-only `position`, `net`, `tax` and `total` a line is answered
/// with are refused (422 `is read-only`), like any resource's read-only
/// fields; other unknown fields too.
///
/// Deserialize with serde_json (not through `#[serde(flatten)]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineInput {
    /// `null` is the default (`item`), as the document marks it nullable.
    #[serde(default, deserialize_with = "kind_or_default")]
    pub kind: LineKind,
    /// The catalogue item, if any (validated and resolved by the caller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    /// Also accepted as `title` (AbaNinja's name for headings). `null`, like
    /// every nullable field of a line, is the default.
    #[serde(default, alias = "title", deserialize_with = "null_is_default")]
    pub description: String,
    /// Greater than 0, at most 4 decimal places; default 1.
    #[serde(
        default = "one",
        serialize_with = "json::serialize",
        deserialize_with = "quantity_or_one"
    )]
    pub quantity: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// At most 4 decimal places. `None` means "the item's sales price": the
    /// caller fills it in before computing; an item line still without a
    /// price fails validation (`lines[i].unit_price: is required`).
    #[serde(default, with = "json_opt", skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Decimal>,
    /// Percent, 0–100, at most 4 decimal places; default 0.
    #[serde(
        default,
        serialize_with = "json::serialize",
        deserialize_with = "decimal_or_zero"
    )]
    pub discount_rate: Decimal,
    /// Percent, 0–100, at most 4 decimal places; default 0.
    #[serde(
        default,
        serialize_with = "json::serialize",
        deserialize_with = "decimal_or_zero"
    )]
    pub tax_rate: Decimal,
    #[serde(default, skip_serializing)]
    pub position: ReadOnly,
    #[serde(default, skip_serializing)]
    pub net: ReadOnly,
    #[serde(default, skip_serializing)]
    pub tax: ReadOnly,
    #[serde(default, skip_serializing)]
    pub total: ReadOnly,
}

fn one() -> Decimal {
    Decimal::ONE
}

impl LineInput {
    /// An `item` line.
    pub fn item(
        description: impl Into<String>,
        quantity: Decimal,
        unit_price: Decimal,
        discount_rate: Decimal,
        tax_rate: Decimal,
    ) -> Self {
        Self {
            kind: LineKind::Item,
            item_id: None,
            description: description.into(),
            quantity,
            unit: None,
            unit_price: Some(unit_price),
            discount_rate,
            tax_rate,
            position: ReadOnly,
            net: ReadOnly,
            tax: ReadOnly,
            total: ReadOnly,
        }
    }

    /// A line of another kind (subtitle, section total, divider, text).
    pub fn text(kind: LineKind, description: impl Into<String>) -> Self {
        Self {
            kind,
            item_id: None,
            description: description.into(),
            quantity: Decimal::ONE,
            unit: None,
            unit_price: None,
            discount_rate: Decimal::ZERO,
            tax_rate: Decimal::ZERO,
            position: ReadOnly,
            net: ReadOnly,
            tax: ReadOnly,
            total: ReadOnly,
        }
    }
}

/// The read-only values of one line, in the currency's scale.
///
/// [`LineInput`] never writes these names (it only refuses them), so a
/// response may `#[serde(flatten)]` both into one line object
/// (serialization only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineTotals {
    /// 1-based, counting every line of every kind.
    pub position: u32,
    /// `item`: round(quantity × unit_price × (1 − discount_rate/100)), a
    /// gross amount when prices include tax. `section_total`: the sum of the
    /// section's item nets. Other kinds: absent.
    #[serde(
        default,
        with = "decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub net: Option<Decimal>,
    /// The line's own tax, before the document discount (informational; the
    /// document's tax is computed per rate, see [`crate::compute_totals`]).
    #[serde(
        default,
        with = "decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub tax: Option<Decimal>,
    /// `net + tax`, or `net` when prices include tax.
    #[serde(
        default,
        with = "decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub total: Option<Decimal>,
}

/// A line's `kind`, `null` read as absent.
fn kind_or_default<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<LineKind, D::Error> {
    null_is_default(deserializer)
}

fn null_is_default<'de, D: serde::Deserializer<'de>, T: Deserialize<'de> + Default>(
    deserializer: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

fn quantity_or_one<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    Ok(json_opt::deserialize(deserializer)?.unwrap_or(Decimal::ONE))
}

fn decimal_or_zero<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    Ok(json_opt::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_null_kind_is_an_item() {
        let line: LineInput =
            serde_json::from_str(r#"{"kind": null, "description": "Work", "unit_price": "1"}"#)
                .unwrap();
        assert_eq!(line.kind, LineKind::Item);
        let bad = serde_json::from_str::<LineInput>(r#"{"kind": "nope", "description": "x"}"#);
        assert!(bad.is_err());
    }

    #[test]
    fn defaults_and_exact_numbers() {
        let line: LineInput = serde_json::from_str(r#"{"unit_price": 9.99}"#).unwrap();
        assert_eq!(line.kind, LineKind::Item);
        assert_eq!(line.quantity, dec!(1));
        assert_eq!(line.unit_price, Some(dec!(9.99)));
        assert_eq!(line.discount_rate, dec!(0));
        // A line read back whole names its read-only figures: refused.
        let err = serde_json::from_str::<LineInput>(
            r#"{"kind":"section_total","title":"Sum","position":4,"net":"1.00"}"#,
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("is read-only"), "{err}");
        let line: LineInput =
            serde_json::from_str(r#"{"kind":"section_total","title":"Sum"}"#).unwrap();
        assert_eq!(line.kind, LineKind::SectionTotal);
        assert_eq!(line.description, "Sum");
        assert!(serde_json::from_str::<LineInput>(r#"{"kind":"product"}"#).is_err());
        assert!(serde_json::from_str::<LineInput>(r#"{"quantity":"1,5"}"#).is_err());
    }

    #[test]
    fn serializes_numbers_as_strings() {
        let line = LineInput::item("Album", dec!(20), dec!(9.99), dec!(0), dec!(0));
        let json = serde_json::to_value(&line).unwrap();
        assert_eq!(json["quantity"], "20");
        assert_eq!(json["unit_price"], "9.99");
        assert_eq!(json["kind"], "item");
        let back: LineInput = serde_json::from_value(json).unwrap();
        assert_eq!(back, line);
    }

    #[test]
    fn totals_omit_absent_values() {
        let t = LineTotals {
            position: 1,
            net: None,
            tax: None,
            total: None,
        };
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"position":1}"#);
        let back: LineTotals = serde_json::from_str(r#"{"position":1}"#).unwrap();
        assert_eq!(back, t);
    }
}

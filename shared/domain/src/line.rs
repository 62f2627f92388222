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

/// Where a line's kind came from when a client wrote another system's name
/// for it: AbaNinja's `product` position is our `item` line. Kept so a
/// round trip through Uome hands the other system back its own word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Product,
}

/// The kinds a client may write: ours, plus the foreign names of
/// [`SourceKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindInput {
    #[default]
    Item,
    Subtitle,
    SectionTotal,
    Divider,
    Text,
    Product,
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
#[serde(from = "LineWire")]
pub struct LineInput {
    pub kind: LineKind,
    /// The other system's name for `kind` (`product`), if the client used it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_kind: Option<SourceKind>,
    /// The catalogue item, if any (validated and resolved by the caller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    /// The catalogue item by its number (AbaNinja `productNumber`): the
    /// caller resolves it to `item_id`, and keeps the item's number here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_number: Option<String>,
    pub description: String,
    #[serde(serialize_with = "json::serialize")]
    pub quantity: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(with = "json_opt", skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Decimal>,
    /// Percent, 0–100, at most 4 decimal places; absent is 0. One of
    /// `discount_rate` and `discount_amount`.
    #[serde(with = "json_opt", skip_serializing_if = "Option::is_none")]
    pub discount_rate: Option<Decimal>,
    /// A fixed amount off the line (AbaNinja `discount.amount`), in the
    /// document's currency: ≥ 0 and at most the line's amount before it.
    #[serde(with = "json_opt", skip_serializing_if = "Option::is_none")]
    pub discount_amount: Option<Decimal>,
    #[serde(serialize_with = "json::serialize")]
    pub tax_rate: Decimal,
}

/// The wire form of [`LineInput`]: every field optional, `null` the
/// default, foreign kinds accepted, read-only fields refused. A separate
/// type because serde derives cannot set two fields (`kind`,
/// `source_kind`) from one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineWire {
    /// `null` is the default (`item`), as the document marks it nullable.
    #[serde(default, deserialize_with = "null_is_default")]
    kind: KindInput,
    /// Accepted so a stored line (and a client's round trip) reads back.
    #[serde(default)]
    source_kind: Option<SourceKind>,
    #[serde(default)]
    item_id: Option<String>,
    #[serde(default)]
    item_number: Option<String>,
    /// Also accepted as `title` (AbaNinja's name for headings). `null`, like
    /// every nullable field of a line, is the default.
    #[serde(default, alias = "title", deserialize_with = "null_is_default")]
    description: String,
    /// Greater than 0, at most 4 decimal places; default 1.
    #[serde(default = "one", deserialize_with = "quantity_or_one")]
    quantity: Decimal,
    #[serde(default)]
    unit: Option<String>,
    /// At most 4 decimal places. `None` means "the item's sales price": the
    /// caller fills it in before computing; an item line still without a
    /// price fails validation (`lines[i].unit_price: is required`).
    #[serde(default, with = "json_opt")]
    unit_price: Option<Decimal>,
    #[serde(default, with = "json_opt")]
    discount_rate: Option<Decimal>,
    #[serde(default, with = "json_opt")]
    discount_amount: Option<Decimal>,
    /// Percent, 0–100, at most 4 decimal places; default 0.
    #[serde(default, deserialize_with = "decimal_or_zero")]
    tax_rate: Decimal,
    #[serde(default)]
    #[allow(dead_code)]
    position: ReadOnly,
    #[serde(default)]
    #[allow(dead_code)]
    net: ReadOnly,
    #[serde(default)]
    #[allow(dead_code)]
    tax: ReadOnly,
    #[serde(default)]
    #[allow(dead_code)]
    total: ReadOnly,
}

impl From<LineWire> for LineInput {
    fn from(wire: LineWire) -> Self {
        let (kind, source_kind) = match wire.kind {
            KindInput::Item => (LineKind::Item, wire.source_kind),
            KindInput::Subtitle => (LineKind::Subtitle, None),
            KindInput::SectionTotal => (LineKind::SectionTotal, None),
            KindInput::Divider => (LineKind::Divider, None),
            KindInput::Text => (LineKind::Text, None),
            KindInput::Product => (LineKind::Item, Some(SourceKind::Product)),
        };
        Self {
            kind,
            source_kind,
            item_id: wire.item_id,
            item_number: wire.item_number,
            description: wire.description,
            quantity: wire.quantity,
            unit: wire.unit,
            unit_price: wire.unit_price,
            discount_rate: wire.discount_rate,
            discount_amount: wire.discount_amount,
            tax_rate: wire.tax_rate,
        }
    }
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
            source_kind: None,
            item_id: None,
            item_number: None,
            description: description.into(),
            quantity,
            unit: None,
            unit_price: Some(unit_price),
            discount_rate: (!discount_rate.is_zero()).then_some(discount_rate),
            discount_amount: None,
            tax_rate,
        }
    }

    /// A line of another kind (subtitle, section total, divider, text).
    pub fn text(kind: LineKind, description: impl Into<String>) -> Self {
        Self {
            kind,
            source_kind: None,
            item_id: None,
            item_number: None,
            description: description.into(),
            quantity: Decimal::ONE,
            unit: None,
            unit_price: None,
            discount_rate: None,
            discount_amount: None,
            tax_rate: Decimal::ZERO,
        }
    }

    /// The percentage discount, 0 when none.
    pub fn rate_off(&self) -> Decimal {
        self.discount_rate.unwrap_or_default()
    }

    /// An item line with a fixed amount off instead of a rate.
    pub fn with_discount_amount(mut self, amount: Decimal) -> Self {
        self.discount_rate = None;
        self.discount_amount = Some(amount);
        self
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
        assert_eq!(line.discount_rate, None);
        assert_eq!(line.rate_off(), dec!(0));
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
        assert!(serde_json::from_str::<LineInput>(r#"{"kind":"service"}"#).is_err());
        assert!(serde_json::from_str::<LineInput>(r#"{"quantity":"1,5"}"#).is_err());
    }

    #[test]
    fn a_product_is_an_item_that_remembers_its_name() {
        let line: LineInput = serde_json::from_str(
            r#"{"kind":"product","item_number":"T0001","quantity":2.5,"unit_price":10,"discount_amount":0}"#,
        )
        .unwrap();
        assert_eq!(line.kind, LineKind::Item);
        assert_eq!(line.source_kind, Some(SourceKind::Product));
        assert_eq!(line.item_number.as_deref(), Some("T0001"));
        assert_eq!(line.discount_amount, Some(dec!(0)));
        let stored = serde_json::to_value(&line).unwrap();
        assert_eq!(stored["kind"], "item");
        assert_eq!(stored["source_kind"], "product");
        let back: LineInput = serde_json::from_value(stored).unwrap();
        assert_eq!(back, line);
        // Only item lines have a foreign name.
        let heading: LineInput =
            serde_json::from_str(r#"{"kind":"subtitle","source_kind":"product"}"#).unwrap();
        assert_eq!(heading.source_kind, None);
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

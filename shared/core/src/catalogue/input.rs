//! What a create, replace or merge-patch asks for, before validation.
//!
//! One shape serves all three: every field is a [`Patch`] (absent, `null`,
//! or a value). A create treats absent and `null` alike (the default); a
//! merge-patch (RFC 7396) keeps what is absent and resets what is `null`;
//! a replace is a merge-patch whose absent fields were turned into `null`
//! by [`ItemChanges::replacing`].
//!
//! Numbers arrive as [`Parsed`] values: a number that did not parse is
//! reported with every other bad field instead of stopping the parse at
//! the first one.
//!
//! Both change sets deserialise themselves from a JSON body (unknown
//! fields refused), so use-case tests and the HTTP bodies read JSON the
//! same way; the catalogue's bodies add the `version` a write expects.

use serde::{Deserialize, Deserializer};
use uome_domain::Decimal;

use super::number_field::exact_patch;

/// A number as read from the request: the exact value, or the message of
/// why the text is not one.
pub type Parsed<T> = Result<T, String>;

/// One field of a change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// Not mentioned: keep the current value (a create: the default).
    #[default]
    Keep,
    /// `null`: back to the default.
    Clear,
    /// A new value.
    Set(T),
}

impl<T> Patch<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Keep => Patch::Keep,
            Patch::Clear => Patch::Clear,
            Patch::Set(v) => Patch::Set(f(v)),
        }
    }

    pub fn as_ref(&self) -> Patch<&T> {
        match self {
            Patch::Keep => Patch::Keep,
            Patch::Clear => Patch::Clear,
            Patch::Set(v) => Patch::Set(v),
        }
    }

    pub fn is_set(&self) -> bool {
        matches!(self, Patch::Set(_))
    }

    /// The value after the change, given the current one.
    pub fn apply(self, current: Option<T>) -> Option<T> {
        match self {
            Patch::Keep => current,
            Patch::Clear => None,
            Patch::Set(v) => Some(v),
        }
    }

    /// A replace: what is not mentioned goes back to its default.
    pub fn or_clear(self) -> Patch<T> {
        match self {
            Patch::Keep => Patch::Clear,
            other => other,
        }
    }
}

/// Absent is `Keep` (with `#[serde(default)]`), `null` is `Clear`.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(|value| match value {
            Some(v) => Patch::Set(v),
            None => Patch::Clear,
        })
    }
}

/// The fields of an item a request may set. Text fields are taken as sent
/// and validated (trimmed, lengths, known codes) by the use case.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ItemChanges {
    pub number: Patch<String>,
    #[serde(rename = "type")]
    pub item_type: Patch<String>,
    pub name: Patch<String>,
    pub description: Patch<String>,
    pub unit: Patch<String>,
    #[serde(deserialize_with = "exact_patch")]
    pub sales_price: Patch<Parsed<Decimal>>,
    #[serde(deserialize_with = "exact_patch")]
    pub purchase_price: Patch<Parsed<Decimal>>,
    pub currency: Patch<String>,
    #[serde(deserialize_with = "exact_patch")]
    pub tax_rate: Patch<Parsed<Decimal>>,
    pub tax_rate_id: Patch<String>,
    pub family: Patch<String>,
    pub active: Patch<bool>,
    /// OneUp's item extras (see `measures`).
    pub private_note: Patch<String>,
    #[serde(deserialize_with = "exact_patch")]
    pub net_weight: Patch<Parsed<Decimal>>,
    #[serde(deserialize_with = "exact_patch")]
    pub width: Patch<Parsed<Decimal>>,
    #[serde(deserialize_with = "exact_patch")]
    pub length: Patch<Parsed<Decimal>>,
    #[serde(deserialize_with = "exact_patch")]
    pub height: Patch<Parsed<Decimal>>,
    pub dimension_unit: Patch<String>,
}

impl ItemChanges {
    /// A full replace (`PUT`): every field not given goes back to its
    /// default, except `number` and `currency`, which keep the item's
    /// current values (a number is the item's identity for people; a
    /// currency silently changing would reprice the item).
    pub fn replacing(self) -> Self {
        Self {
            number: self.number,
            currency: self.currency,
            item_type: self.item_type.or_clear(),
            name: self.name.or_clear(),
            description: self.description.or_clear(),
            unit: self.unit.or_clear(),
            sales_price: self.sales_price.or_clear(),
            purchase_price: self.purchase_price.or_clear(),
            tax_rate: self.tax_rate.or_clear(),
            tax_rate_id: self.tax_rate_id.or_clear(),
            family: self.family.or_clear(),
            active: self.active.or_clear(),
            private_note: self.private_note.or_clear(),
            net_weight: self.net_weight.or_clear(),
            width: self.width.or_clear(),
            length: self.length.or_clear(),
            height: self.height.or_clear(),
            dimension_unit: self.dimension_unit.or_clear(),
        }
    }
}

/// The fields of a tax rate a request may set.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaxRateChanges {
    pub name: Patch<String>,
    #[serde(deserialize_with = "exact_patch")]
    pub rate: Patch<Parsed<Decimal>>,
}

impl TaxRateChanges {
    /// A full replace (`PUT`): both fields are required anyway.
    pub fn replacing(self) -> Self {
        Self {
            name: self.name.or_clear(),
            rate: self.rate.or_clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Body {
        #[serde(default)]
        a: Patch<String>,
        #[serde(default)]
        b: Patch<String>,
        #[serde(default)]
        c: Patch<String>,
    }

    #[test]
    fn absent_null_and_value_are_three_things() {
        let body: Body = serde_json::from_str(r#"{"b": null, "c": "x"}"#).unwrap();
        assert_eq!(body.a, Patch::Keep);
        assert_eq!(body.b, Patch::Clear);
        assert_eq!(body.c, Patch::Set("x".to_owned()));
    }

    #[test]
    fn replacing_clears_all_but_number_and_currency() {
        let changes = ItemChanges {
            name: Patch::Set("A".into()),
            ..ItemChanges::default()
        }
        .replacing();
        assert_eq!(changes.number, Patch::Keep);
        assert_eq!(changes.currency, Patch::Keep);
        assert_eq!(changes.unit, Patch::Clear);
        assert_eq!(changes.name, Patch::Set("A".into()));
    }

    #[test]
    fn apply_follows_merge_patch() {
        assert_eq!(Patch::Keep.apply(Some(1)), Some(1));
        assert_eq!(Patch::Clear.apply(Some(1)), None);
        assert_eq!(Patch::Set(2).apply(Some(1)), Some(2));
    }
}

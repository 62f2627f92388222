//! What a product weighs and measures (OneUp's `net_weight`, `width`,
//! `length`, `height` and `dimension_unit_id`), and its private note. The
//! catalogue keeps them for the business (shipping, stock); documents do
//! not print them.

use serde::{Deserialize, Serialize};
use uome_domain::Decimal;
use uome_domain::FieldErrors;
use uome_domain::validation::{MAX_INPUT_DECIMALS, check_decimal_places};

use super::input::{ItemChanges, Parsed, Patch};
use super::model::Item;
use super::text::free_text;

/// The unit of `width`, `length` and `height` (OneUp's dimension units;
/// metres by default, as there).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub enum DimensionUnit {
    Mm,
    Cm,
    #[default]
    M,
    In,
    Ft,
}

impl DimensionUnit {
    pub const ALL: [DimensionUnit; 5] = [Self::Mm, Self::Cm, Self::M, Self::In, Self::Ft];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mm => "mm",
            Self::Cm => "cm",
            Self::M => "m",
            Self::In => "in",
            Self::Ft => "ft",
        }
    }

    /// Exactly as the schema's pattern spells them (lower case).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.as_str() == text)
    }
}

/// The largest weight or dimension accepted (a billion units: anything
/// larger is a typing slip).
const MAX_MEASURE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// The item's private note and physical measures, as stored (flattened
/// into the item; decimals as strings).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measures {
    /// Never printed: for the business only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_note: Option<String>,
    /// Kilograms.
    #[serde(
        default,
        with = "uome_domain::decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub net_weight: Option<Decimal>,
    #[serde(
        default,
        with = "uome_domain::decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub width: Option<Decimal>,
    #[serde(
        default,
        with = "uome_domain::decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub length: Option<Decimal>,
    #[serde(
        default,
        with = "uome_domain::decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub height: Option<Decimal>,
    /// The unit of the three dimensions; `None` until one is given
    /// (then metres unless said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension_unit: Option<DimensionUnit>,
}

impl Measures {
    /// The measures after `changes` (merge-patch rules: absent keeps,
    /// `null` clears), every bad value named in `errors`.
    pub(crate) fn resolve(
        changes: &ItemChanges,
        current: Option<&Item>,
        errors: &mut FieldErrors,
    ) -> Measures {
        let now = current.map(|c| &c.measures);
        let private_note = free_text(
            "private_note",
            changes
                .private_note
                .clone()
                .apply(now.and_then(|m| m.private_note.clone())),
            errors,
        )
        .map(|t| t.as_str().to_owned());
        let mut take = |field: &str, change: &Patch<Parsed<Decimal>>, kept: Option<Decimal>| {
            measure(field, change.clone().apply(kept.map(Ok)), errors)
        };
        let net_weight = take(
            "net_weight",
            &changes.net_weight,
            now.and_then(|m| m.net_weight),
        );
        let width = take("width", &changes.width, now.and_then(|m| m.width));
        let length = take("length", &changes.length, now.and_then(|m| m.length));
        let height = take("height", &changes.height, now.and_then(|m| m.height));
        let unit = changes.dimension_unit.clone().apply(
            now.and_then(|m| m.dimension_unit)
                .map(|u| u.as_str().to_owned()),
        );
        let given_unit = unit.and_then(|text| {
            DimensionUnit::parse(&text).or_else(|| {
                errors.push("dimension_unit", "must be mm, cm, m, in or ft");
                None
            })
        });
        let has_dimension = width.is_some() || length.is_some() || height.is_some();
        Measures {
            private_note,
            net_weight,
            width,
            length,
            height,
            dimension_unit: given_unit.or(has_dimension.then(DimensionUnit::default)),
        }
    }
}

/// A weight or dimension: ≥ 0, below a billion, at most 4 decimal places.
fn measure(
    field: &str,
    value: Option<Parsed<Decimal>>,
    errors: &mut FieldErrors,
) -> Option<Decimal> {
    let value = match value? {
        Err(message) => {
            errors.push(field, message);
            return None;
        }
        Ok(value) => value,
    };
    if value.is_sign_negative() && !value.is_zero() {
        errors.push(field, "must not be negative");
    } else if value >= MAX_MEASURE {
        errors.push(field, format!("must be less than {MAX_MEASURE}"));
    } else if let Err(message) = check_decimal_places(value, MAX_INPUT_DECIMALS) {
        errors.push(field, message);
    }
    Some(value.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(json: serde_json::Value) -> ItemChanges {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_oneup_example_is_kept_and_round_trips() {
        let mut errors = FieldErrors::new();
        let m = Measures::resolve(
            &changes(serde_json::json!({
                "private_note": "I got one !", "net_weight": "1.740",
                "width": "0.157", "length": "0.215", "height": "0.440"
            })),
            None,
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(m.net_weight.unwrap().to_string(), "1.74");
        assert_eq!(m.dimension_unit, Some(DimensionUnit::M));
        let stored = serde_json::to_value(&m).unwrap();
        assert_eq!(stored["height"], "0.44");
        let back: Measures = serde_json::from_value(stored).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn bad_measures_are_named() {
        let mut errors = FieldErrors::new();
        Measures::resolve(
            &changes(serde_json::json!({
                "net_weight": "-1", "width": "0.00001", "dimension_unit": "parsec"
            })),
            None,
            &mut errors,
        );
        let fields: Vec<String> = errors.into_vec().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["net_weight", "width", "dimension_unit"]);
    }
}

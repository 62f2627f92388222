//! How a request's decimal reads in the published document (API.md §1): a
//! JSON string or a JSON number, exactly as [`uome_domain::decimal_input`]
//! parses it. A field says which kind of decimal it is with
//! `#[schema(format = "...")]` (one of [`KINDS`]); the document then gives
//! the string form as a pattern and the number form as bounds.
//!
//! The patterns spell the parser's grammar exactly: no exponent, no leading
//! zeros, at most [`MAX_INTEGER_DIGITS`] digits before the point, at most
//! four decimal places that count (trailing zeros do not:
//! `check_decimal_places` normalizes), and `-0` wherever zero is allowed.
//! JSON Schema cannot say "no exponent" of a number; the document's
//! description of each field does.

use serde_json::{Value, json};
use uome_domain::decimal_input::MAX_INTEGER_DIGITS;

/// One kind of decimal: its `format`, string pattern and number bounds.
pub struct Kind {
    pub format: &'static str,
    pub pattern: fn() -> String,
    pub bounds: fn() -> Value,
}

/// Every kind a request field may name.
pub const KINDS: [Kind; 5] = [
    // A unit price or an expected total: any sign (a negative line is a rebate).
    Kind {
        format: "decimal",
        pattern: any,
        bounds: || json!({"exclusiveMinimum": -limit(), "exclusiveMaximum": limit()}),
    },
    // A catalogue price or an included tax: zero or more.
    Kind {
        format: "decimal-non-negative",
        pattern: non_negative,
        bounds: || json!({"minimum": 0, "exclusiveMaximum": limit()}),
    },
    // A quantity or an amount paid: more than zero.
    Kind {
        format: "decimal-positive",
        pattern: positive,
        bounds: || json!({"exclusiveMinimum": 0, "exclusiveMaximum": limit()}),
    },
    // A tax or discount rate in percent.
    Kind {
        format: "percent",
        pattern: percent,
        bounds: || json!({"minimum": 0, "maximum": 100}),
    },
    // A cash discount in percent: more than zero.
    Kind {
        format: "percent-positive",
        pattern: percent_positive,
        bounds: || json!({"exclusiveMinimum": 0, "maximum": 100}),
    },
];

fn limit() -> f64 {
    10f64.powi(i32::try_from(MAX_INTEGER_DIGITS).unwrap_or(15))
}

/// Up to four places that count, then any trailing zeros a `Decimal` holds.
const FRACTION: &str = r"(\.[0-9]{1,4}0{0,24})?";
/// A fraction above zero: a nonzero digit within the first four places.
const NONZERO_FRACTION: &str =
    r"0\.([1-9][0-9]{0,3}|0[1-9][0-9]{0,2}|00[1-9][0-9]?|000[1-9])0{0,24}";
const NEGATIVE_ZERO: &str = r"-0(\.0{1,28})?";

fn integer() -> String {
    format!("(0|[1-9][0-9]{{0,{}}})", MAX_INTEGER_DIGITS - 1)
}

fn any() -> String {
    format!("^-?{}{FRACTION}$", integer())
}

fn non_negative() -> String {
    format!("^({}{FRACTION}|{NEGATIVE_ZERO})$", integer())
}

fn positive() -> String {
    format!(
        "^([1-9][0-9]{{0,{}}}{FRACTION}|{NONZERO_FRACTION})$",
        MAX_INTEGER_DIGITS - 1
    )
}

fn percent() -> String {
    format!(r"^(100(\.0{{1,28}})?|[1-9]?[0-9]{FRACTION}|{NEGATIVE_ZERO})$")
}

fn percent_positive() -> String {
    format!(r"^(100(\.0{{1,28}})?|[1-9][0-9]?{FRACTION}|{NONZERO_FRACTION})$")
}

/// Rewrites a property whose `format` names a kind: string or number (or
/// `null` where it was nullable), with the kind's pattern and bounds.
pub fn describe(property: &mut Value) {
    let Some(kind) = property
        .get("format")
        .and_then(Value::as_str)
        .and_then(|f| KINDS.iter().find(|k| k.format == f))
    else {
        return;
    };
    let nullable = match &property["type"] {
        Value::Array(types) => types.iter().any(|t| t == "null"),
        _ => false,
    };
    let object = property.as_object_mut().expect("a property is an object");
    object.insert(
        "type".into(),
        if nullable {
            json!(["string", "number", "null"])
        } else {
            json!(["string", "number"])
        },
    );
    object.insert("pattern".into(), json!((kind.pattern)()));
    if let Some(bounds) = (kind.bounds)().as_object() {
        object.extend(bounds.clone());
    }
}

#[cfg(test)]
mod tests {
    use regex::Regex;
    use uome_domain::decimal_input::parse_json_decimal;
    use uome_domain::validation::{check_decimal_places, check_quantity, check_rate};

    use super::*;

    fn pattern(format: &str) -> Regex {
        let kind = KINDS.iter().find(|k| k.format == format).unwrap();
        Regex::new(&(kind.pattern)()).unwrap()
    }

    /// What the server accepts of a string for each kind.
    fn accepts(format: &str, text: &str) -> bool {
        let Ok(value) = parse_json_decimal(&serde_json::to_string(text).unwrap()) else {
            return false;
        };
        let places = check_decimal_places(value, 4).is_ok();
        match format {
            "decimal" => places,
            "decimal-non-negative" => places && value >= uome_domain::Decimal::ZERO,
            "decimal-positive" => check_quantity(value).is_ok(),
            "percent" => check_rate(value).is_ok(),
            "percent-positive" => check_rate(value).is_ok() && !value.is_zero(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn each_pattern_matches_exactly_what_the_server_accepts() {
        let samples = [
            "0",
            "-0",
            "-0.0",
            "0.0",
            "1",
            "-1",
            "7.5",
            "007",
            "07.5",
            "1e3",
            "1.",
            ".5",
            "+1",
            "100",
            "100.0000",
            "100.0001",
            "101",
            "99.9999",
            "99.99999",
            "0.0001",
            "0.00001",
            "0.00010000",
            "1.50000",
            "12.3456",
            "12.34567",
            "-12.5",
            "999999999999999",
            "1000000000000000",
            "-999999999999999.9999",
            "50.5",
            "0.5",
            " 1",
            "1 ",
            "",
            "abc",
            "0.000",
            "-100",
            "100.00000000000000000000000000",
        ];
        for kind in &KINDS {
            let re = pattern(kind.format);
            for text in samples {
                assert_eq!(
                    re.is_match(text),
                    accepts(kind.format, text),
                    "{} on {text:?}",
                    kind.format
                );
            }
        }
    }

    #[test]
    fn a_described_property_is_a_string_or_a_number() {
        let mut property = json!({"type": ["string", "null"], "format": "percent"});
        describe(&mut property);
        assert_eq!(property["type"], json!(["string", "number", "null"]));
        assert_eq!(property["maximum"], 100);
        let mut plain = json!({"type": "string"});
        describe(&mut plain);
        assert_eq!(plain, json!({"type": "string"}));
    }
}

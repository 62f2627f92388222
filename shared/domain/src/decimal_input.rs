//! Exact decimal parsing: text and JSON numbers to `Decimal`, never through
//! binary floating point.
//!
//! Without serde_json's `arbitrary_precision` feature (which would change
//! `serde_json::Value` for the whole workspace) a JSON number such as `9.99`
//! reaches a `Visitor` only as an `f64`. So the JSON helpers here deserialize
//! a [`serde_json::value::RawValue`] instead — the literal text of the value —
//! and parse that text themselves. Consequences worth knowing:
//!
//! * they work with `serde_json::from_slice`/`from_str`/`from_reader`/
//!   `from_value`, and through `serde_path_to_error` (what axum's `Json`
//!   extractor uses);
//! * they do **not** work inside `#[serde(flatten)]` structs or untagged /
//!   internally tagged enums (serde buffers those values and the raw text is
//!   gone; the result is an error, never a silently rounded number), nor with
//!   non-JSON formats. Stored data should use [`crate::decimal_string`].

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::DomainError;

/// Longest number text accepted. 29 significant digits is all a `Decimal`
/// holds; the slack covers a sign, a point and leading zeros.
const MAX_TEXT_LEN: usize = 100;

/// Parse decimal text exactly.
///
/// Grammar: the JSON number grammar without an exponent, leniently allowing
/// leading zeros (`-?[0-9]+(\.[0-9]+)?`), no surrounding whitespace. So
/// `"NaN"`, `"inf"`, `"1_000"`, `"0x10"`, `".5"`, `"5."`, `"+1"` and `"1e3"`
/// (a JSON number in exponent form too) are all rejected. The scale
/// written is kept (`"1.50"` has two decimal places) unless it exceeds what
/// `Decimal` can carry and trailing zeros can be dropped. `-0` parses as
/// zero.
///
/// Errors ([`DomainError::InvalidNumber`]): bad grammar, more than 28
/// significant decimal places, or a magnitude beyond ±7.9 × 10²⁸.
pub fn parse_decimal(text: &str) -> Result<Decimal, DomainError> {
    let invalid = || DomainError::InvalidNumber("must be a decimal number".to_owned());
    let out_of_range = || DomainError::InvalidNumber("number is out of range".to_owned());

    if text.len() > MAX_TEXT_LEN {
        return Err(out_of_range());
    }
    let bytes = text.as_bytes();
    let mut pos = 0;
    let negative = bytes.first() == Some(&b'-');
    if negative {
        pos += 1;
    }

    // Mantissa digits (integer and fraction parts run together).
    let mut digits: Vec<u8> = Vec::with_capacity(bytes.len());
    let int_start = pos;
    while pos < bytes.len() && bytes[pos].is_ascii_digit() {
        digits.push(bytes[pos] - b'0');
        pos += 1;
    }
    if pos == int_start {
        return Err(invalid());
    }
    let mut frac_len: i64 = 0;
    if pos < bytes.len() && bytes[pos] == b'.' {
        pos += 1;
        let frac_start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            digits.push(bytes[pos] - b'0');
            pos += 1;
        }
        if pos == frac_start {
            return Err(invalid());
        }
        frac_len = i64::try_from(pos - frac_start).map_err(|_| out_of_range())?;
    }
    if pos < bytes.len() && (bytes[pos] == b'e' || bytes[pos] == b'E') {
        // Exact, but one value would have many spellings (`1e3`, `10E2`) and
        // a typo in the exponent is a thousandfold error: API.md §1 money
        // and rates are plain decimals.
        return Err(DomainError::InvalidNumber(
            "must be a plain decimal number, without an exponent".to_owned(),
        ));
    }
    if pos != bytes.len() {
        return Err(invalid());
    }

    // Value = ±digits × 10^(-scale).
    let first_nonzero = digits.iter().position(|&d| d != 0);
    let Some(first_nonzero) = first_nonzero else {
        // Zero keeps its written scale where representable ("0.00" → 0.00).
        let scale = frac_len.clamp(0, i64::from(Decimal::MAX_SCALE));
        let scale = u32::try_from(scale).map_err(|_| out_of_range())?;
        return Decimal::try_new(0, scale).map_err(|_| out_of_range());
    };
    let mut significant: Vec<u8> = digits[first_nonzero..].to_vec();
    let mut scale = frac_len;

    // Drop trailing zeros only while the scale is beyond what Decimal holds.
    while scale > i64::from(Decimal::MAX_SCALE) && significant.last() == Some(&0) {
        significant.pop();
        scale -= 1;
    }
    if scale > i64::from(Decimal::MAX_SCALE) {
        return Err(DomainError::InvalidNumber(
            "number has more than 28 decimal places".to_owned(),
        ));
    }
    if significant.len() > 29 {
        return Err(out_of_range());
    }
    let mut mantissa: i128 = 0;
    for d in significant {
        // 29 digits < 10^29 < i128::MAX: cannot overflow.
        mantissa = mantissa * 10 + i128::from(d);
    }
    if negative {
        mantissa = -mantissa;
    }
    let scale = u32::try_from(scale).map_err(|_| out_of_range())?;
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| out_of_range())
}

/// Most digits before the point a request's number may have: a trillion
/// and more in any currency, and room for a product of two within what a
/// `Decimal` holds.
pub const MAX_INTEGER_DIGITS: usize = 15;

/// A request's number in the one spelling the OpenAPI document's patterns
/// give: [`parse_decimal`]'s grammar without leading zeros (`"007"`, as a
/// JSON number would not have them) and with at most
/// [`MAX_INTEGER_DIGITS`] before the point.
pub fn parse_request_decimal(text: &str) -> Result<Decimal, DomainError> {
    let value = parse_decimal(text)?;
    let integer = text.strip_prefix('-').unwrap_or(text);
    let integer = integer.split('.').next().unwrap_or_default();
    if integer.len() > 1 && integer.starts_with('0') {
        return Err(DomainError::InvalidNumber(
            "must be a decimal number without leading zeros".to_owned(),
        ));
    }
    if integer.len() > MAX_INTEGER_DIGITS {
        return Err(DomainError::InvalidNumber(format!(
            "must have at most {MAX_INTEGER_DIGITS} digits before the decimal point"
        )));
    }
    Ok(value)
}

/// Parse the raw text of one JSON value of a request: a JSON string holding
/// a number, or a JSON number ([`parse_request_decimal`]).
pub fn parse_json_decimal(raw: &str) -> Result<Decimal, DomainError> {
    let raw = raw.trim();
    if raw.starts_with('"') {
        let text: String = serde_json::from_str(raw)
            .map_err(|_| DomainError::InvalidNumber("must be a decimal number".to_owned()))?;
        parse_request_decimal(&text)
    } else if raw.starts_with('-') || raw.starts_with(|c: char| c.is_ascii_digit()) {
        parse_request_decimal(raw)
    } else {
        Err(DomainError::InvalidNumber(
            "must be a decimal number (a JSON number or a string)".to_owned(),
        ))
    }
}

/// A request value that is a decimal: a JSON string (`"9.99"`) or a JSON
/// number (`9.99`), parsed exactly. Serializes as a string.
///
/// Works with `Option<DecimalInput>` and `#[serde(default)]`; see the module
/// docs for where the raw-text trick does not reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DecimalInput(pub Decimal);

impl DecimalInput {
    pub fn get(self) -> Decimal {
        self.0
    }
}

impl From<Decimal> for DecimalInput {
    fn from(value: Decimal) -> Self {
        Self(value)
    }
}

impl From<DecimalInput> for Decimal {
    fn from(value: DecimalInput) -> Self {
        value.0
    }
}

impl FromStr for DecimalInput {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_decimal(text).map(Self)
    }
}

impl fmt::Display for DecimalInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for DecimalInput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DecimalInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json::deserialize(deserializer).map(Self)
    }
}

/// `#[serde(with = "uome_domain::decimal_input::json")]` for a `Decimal`
/// request field: string or number in, string out.
pub mod json {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        parse_json_decimal(raw.get()).map_err(|e| D::Error::custom(ErrorMessage(e)))
    }
}

/// `#[serde(default, with = "uome_domain::decimal_input::json_opt")]` for an
/// `Option<Decimal>` request field: absent or `null` is `None`.
pub mod json_opt {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.collect_str(v),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Option::<DecimalInput>::deserialize(deserializer).map(|v| v.map(|d| d.0))
    }
}

/// Only the message of an `InvalidNumber`, so a serde error reads
/// "must be a decimal number at line 1 column 12".
struct ErrorMessage(DomainError);

impl fmt::Display for ErrorMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            DomainError::InvalidNumber(message) => f.write_str(message),
            other => fmt::Display::fmt(other, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn ok(text: &str) -> Decimal {
        parse_decimal(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn parses_plain_numbers_keeping_scale() {
        assert_eq!(ok("0"), dec!(0));
        assert_eq!(ok("9.99"), dec!(9.99));
        assert_eq!(ok("1.50").scale(), 2);
        assert_eq!(ok("-1140.20").to_string(), "-1140.20");
        assert_eq!(ok("007.5"), dec!(7.5));
        assert_eq!(ok("-0"), Decimal::ZERO);
        assert!(!ok("-0.00").is_sign_negative());
        assert_eq!(ok("0.00").to_string(), "0.00");
    }

    #[test]
    fn refuses_exponents() {
        for bad in [
            "1e2",
            "1.5E+2",
            "125e-3",
            "0e999999999999999999999",
            "1.0e0",
        ] {
            let err = parse_decimal(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_number", "{bad}");
            assert!(
                err.to_string().contains("without an exponent"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn extremes() {
        assert_eq!(ok("79228162514264337593543950335"), Decimal::MAX);
        assert_eq!(ok("-79228162514264337593543950335"), Decimal::MIN);
        assert_eq!(ok("0.0000000000000000000000000001"), Decimal::new(1, 28));
        for bad in [
            "79228162514264337593543950336",
            "1e29",
            "1e999999999999999999999",
            "0.00000000000000000000000000001",
            "1e-29",
        ] {
            let err = parse_decimal(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_number", "{bad}");
        }
        assert!(parse_decimal(&"1".repeat(200)).is_err());
    }

    #[test]
    fn rejects_non_numbers() {
        for bad in [
            "",
            "-",
            "NaN",
            "nan",
            "inf",
            "-Infinity",
            "Infinity",
            "1_000",
            "0x10",
            ".5",
            "5.",
            "+1",
            " 1",
            "1 ",
            "1e",
            "1e+",
            "1.2.3",
            "1,5",
            "١",
            "--1",
            "1e-",
            "e5",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[derive(Debug, Deserialize, Serialize)]
    struct Body {
        #[serde(with = "json")]
        amount: Decimal,
        #[serde(default, with = "json_opt")]
        price: Option<Decimal>,
        rate: Option<DecimalInput>,
    }

    #[test]
    fn json_number_and_string_are_exact() {
        // 0.1 as an f64 would be 0.1000000000000000055511151231257827...
        let b: Body = serde_json::from_str(
            r#"{"amount": 0.1000000000000000000000000001, "price": "9.99", "rate": 7.7}"#,
        )
        .unwrap();
        assert_eq!(b.amount.to_string(), "0.1000000000000000000000000001");
        assert_eq!(b.price, Some(dec!(9.99)));
        assert_eq!(b.rate, Some(DecimalInput(dec!(7.7))));
        // Beyond 28 places there is no exact Decimal: an error, not a rounding.
        assert!(
            serde_json::from_str::<Body>(r#"{"amount": 0.1000000000000000055511151231257827}"#)
                .is_err()
        );
        let b: Body = serde_json::from_str(r#"{"amount": 1140.20}"#).unwrap();
        assert_eq!(b.amount.to_string(), "1140.20");
        assert_eq!(b.price, None);
        assert_eq!(b.rate, None);
        let b: Body =
            serde_json::from_str(r#"{"amount": "12.345", "price": null, "rate": "7.70"}"#).unwrap();
        assert_eq!(b.amount, dec!(12.345));
        assert_eq!(b.rate.unwrap().0.to_string(), "7.70");
        let out = serde_json::to_string(&b).unwrap();
        assert_eq!(out, r#"{"amount":"12.345","price":null,"rate":"7.70"}"#);
    }

    #[test]
    fn json_rejects_other_types() {
        for bad in [
            r#"{"amount": true}"#,
            r#"{"amount": null}"#,
            r#"{"amount": [1]}"#,
            r#"{"amount": {"a": 1}}"#,
            r#"{"amount": "NaN"}"#,
            r#"{"amount": "1e400"}"#,
            r#"{"amount": 1e400}"#,
        ] {
            assert!(serde_json::from_str::<Body>(bad).is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Body>(r#"{"amount": "abc"}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("must be a decimal number"),
            "{err}"
        );
    }

    #[test]
    fn json_string_with_escapes() {
        let b: Body = serde_json::from_str(r#"{"amount": "\u0031.5"}"#).unwrap();
        assert_eq!(b.amount, dec!(1.5));
    }

    #[test]
    fn works_through_serde_path_to_error_and_value() {
        let text = r#"{"amount": 0.30000000000000004441, "rate": 5}"#;
        let mut de = serde_json::Deserializer::from_str(text);
        let b: Body = serde_path_to_error::deserialize(&mut de).unwrap();
        assert_eq!(b.amount.to_string(), "0.30000000000000004441");

        let mut de = serde_json::Deserializer::from_str(r#"{"amount": "x"}"#);
        let err = serde_path_to_error::deserialize::<_, Body>(&mut de).unwrap_err();
        assert_eq!(err.path().to_string(), "amount");

        let value: serde_json::Value = serde_json::from_str(r#"{"amount": 2.5}"#).unwrap();
        let b: Body = serde_json::from_value(value).unwrap();
        assert_eq!(b.amount, dec!(2.5));

        let b: Body = serde_json::from_slice(br#"{"amount": 3}"#).unwrap();
        assert_eq!(b.amount, dec!(3));
        let b: Body = serde_json::from_reader(&br#"{"amount": 4.25}"#[..]).unwrap();
        assert_eq!(b.amount, dec!(4.25));
    }
}

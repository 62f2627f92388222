//! Human document numbers (API.md §1): `INV-0001`, sequential per account
//! and document type, never reused.
//!
//! The sequence itself is a counter in storage (a conditional update in
//! core); this module only says what the next value is and how it is
//! written. A number is `prefix` + the counter zero-padded to `padding`
//! digits; past the padding it simply grows (`INV-12345`), so numbers never
//! wrap and never collide.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, FieldError};

/// Longest prefix accepted, in characters.
pub const MAX_PREFIX_CHARS: usize = 20;
/// Digits a number is padded to unless the account says otherwise.
pub const DEFAULT_PADDING: u8 = 4;
/// At least one digit: a padding of 0 would print nothing for… nothing, and
/// no account asked for it.
pub const MIN_PADDING: u8 = 1;
/// Twelve digits number a trillion documents; more would only add zeros.
pub const MAX_PADDING: u8 = 12;

/// Default prefixes per document type.
pub const QUOTE_PREFIX: &str = "QUO-";
pub const INVOICE_PREFIX: &str = "INV-";
pub const ORDER_PREFIX: &str = "ORD-";
pub const PURCHASE_ORDER_PREFIX: &str = "PO-";
pub const CREDIT_NOTE_PREFIX: &str = "CN-";
/// POS sales: the receipt and its paid invoice share this series.
pub const RECEIPT_PREFIX: &str = "RCT-";
/// Contacts and catalogue items are numbered with fixed prefixes.
pub const CONTACT_PREFIX: &str = "CUS-";
pub const ITEM_PREFIX: &str = "ITM-";

/// `format_number("INV-", 1, 4)` → `"INV-0001"`; `("INV-", 12345, 4)` →
/// `"INV-12345"`. Every human number (documents, contacts `CUS-`, items
/// `ITM-`) is written here.
pub fn format_number(prefix: &str, n: u64, padding: u8) -> String {
    let width = usize::from(padding.min(MAX_PADDING));
    format!("{prefix}{n:0width$}")
}

/// The number after `last` (the first number is `next_number(0)` = 1).
/// `None` past `u64::MAX`, which a counter will never reach, but a wrapped
/// number would be a reused one.
pub fn next_number(last: u64) -> Option<u64> {
    last.checked_add(1)
}

/// The counter value of a number written with `prefix` (`"INV-0042"` → 42),
/// for imports that bring their own numbers. `None` when the text is not
/// the prefix followed by ASCII digits only.
pub fn parse_number(prefix: &str, number: &str) -> Option<u64> {
    let digits = number.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A prefix is at most [`MAX_PREFIX_CHARS`] printable characters without
/// whitespace (it ends up in e-mail subjects, file names and sort keys).
/// The empty prefix is allowed: plain `0001`.
pub fn check_prefix(prefix: &str) -> Result<(), String> {
    if prefix.chars().count() > MAX_PREFIX_CHARS {
        return Err(format!("must be at most {MAX_PREFIX_CHARS} characters"));
    }
    if prefix.chars().any(char::is_whitespace) {
        return Err("must not contain whitespace".to_owned());
    }
    if prefix.chars().any(char::is_control) {
        return Err("must contain printable characters only".to_owned());
    }
    Ok(())
}

/// Padding is [`MIN_PADDING`]–[`MAX_PADDING`] digits.
pub fn check_padding(padding: i64) -> Result<(), String> {
    if !(i64::from(MIN_PADDING)..=i64::from(MAX_PADDING)).contains(&padding) {
        return Err(format!("must be from {MIN_PADDING} to {MAX_PADDING}"));
    }
    Ok(())
}

/// A number prefix that passed [`check_prefix`]: `INV-`, `Rechnung-2026/`,
/// or empty. Stored and answered as a plain string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(value_type = String, example = "INV-"))]
pub struct NumberPrefix(String);

impl NumberPrefix {
    pub fn parse(prefix: impl Into<String>) -> Result<Self, String> {
        let prefix = prefix.into();
        check_prefix(&prefix)?;
        Ok(Self(prefix))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for NumberPrefix {
    type Error = String;
    fn try_from(prefix: String) -> Result<Self, String> {
        Self::parse(prefix)
    }
}

impl From<NumberPrefix> for String {
    fn from(prefix: NumberPrefix) -> String {
        prefix.0
    }
}

impl PartialEq<&str> for NumberPrefix {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for NumberPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Digits the sequence is zero-padded to, [`MIN_PADDING`]–[`MAX_PADDING`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(value_type = u8, example = 4))]
pub struct Padding(u8);

impl Padding {
    pub const DEFAULT: Padding = Padding(DEFAULT_PADDING);

    pub fn new(digits: i64) -> Result<Self, String> {
        check_padding(digits)?;
        // In range, so it fits.
        Ok(Self(u8::try_from(digits).unwrap_or(DEFAULT_PADDING)))
    }

    pub fn digits(self) -> u8 {
        self.0
    }
}

impl Default for Padding {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<i64> for Padding {
    type Error = String;
    fn try_from(digits: i64) -> Result<Self, String> {
        Self::new(digits)
    }
}

impl PartialEq<u8> for Padding {
    fn eq(&self, other: &u8) -> bool {
        self.0 == *other
    }
}

impl From<Padding> for u8 {
    fn from(padding: Padding) -> u8 {
        padding.0
    }
}

/// [`check_prefix`] as a 422 on `field`.
pub fn validate_prefix(field: &str, prefix: &str) -> Result<(), DomainError> {
    check_prefix(prefix)
        .map_err(|message| DomainError::Validation(vec![FieldError::new(field, message)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_padded_then_grow() {
        assert_eq!(format_number("INV-", 1, 4), "INV-0001");
        assert_eq!(format_number("INV-", 9999, 4), "INV-9999");
        assert_eq!(format_number("INV-", 12345, 4), "INV-12345");
        assert_eq!(format_number("QUO-", 7, 0), "QUO-7");
        assert_eq!(format_number("", 42, 6), "000042");
        assert_eq!(format_number("X", u64::MAX, 255), format!("X{}", u64::MAX));
    }

    #[test]
    fn next_and_parse() {
        assert_eq!(next_number(0), Some(1));
        assert_eq!(next_number(41), Some(42));
        assert_eq!(next_number(u64::MAX), None);
        assert_eq!(parse_number("INV-", "INV-0042"), Some(42));
        assert_eq!(parse_number("INV-", "INV-12345"), Some(12345));
        assert_eq!(parse_number("INV-", "QUO-0042"), None);
        assert_eq!(parse_number("INV-", "INV-"), None);
        assert_eq!(parse_number("INV-", "INV-+42"), None);
        assert_eq!(parse_number("INV-", "INV-99999999999999999999999"), None);
        for n in [0, 1, 999, 10_000, u64::MAX] {
            assert_eq!(parse_number("INV-", &format_number("INV-", n, 4)), Some(n));
        }
    }

    #[test]
    fn prefixes() {
        assert!(check_prefix("INV-").is_ok());
        assert!(check_prefix("").is_ok());
        assert!(check_prefix("Rechnung-2026/").is_ok());
        assert!(check_prefix("ÄÖÜ-").is_ok());
        assert!(check_prefix(&"x".repeat(20)).is_ok());
        assert_eq!(
            check_prefix(&"x".repeat(21)),
            Err("must be at most 20 characters".to_owned())
        );
        assert_eq!(
            check_prefix("IN V"),
            Err("must not contain whitespace".to_owned())
        );
        assert!(check_prefix("INV\u{a0}").is_err());
        assert_eq!(
            check_prefix("INV\u{7}"),
            Err("must contain printable characters only".to_owned())
        );
        let err = validate_prefix("invoice_prefix", "a b").unwrap_err();
        assert_eq!(err.field_errors()[0].field, "invoice_prefix");
        assert!(check_padding(1).is_ok());
        assert!(check_padding(12).is_ok());
        assert!(check_padding(0).is_err());
        assert!(check_padding(13).is_err());
    }

    #[test]
    fn the_newtypes_parse_and_serialise_as_plain_values() {
        let prefix = NumberPrefix::parse("INV-").unwrap();
        assert_eq!(serde_json::to_value(&prefix).unwrap(), "INV-");
        assert_eq!(
            serde_json::from_value::<NumberPrefix>("QUO-".into())
                .unwrap()
                .as_str(),
            "QUO-"
        );
        assert!(serde_json::from_value::<NumberPrefix>("A B".into()).is_err());
        assert!(NumberPrefix::parse("x".repeat(21)).is_err());
        let padding = Padding::new(6).unwrap();
        assert_eq!(padding.digits(), 6);
        assert_eq!(serde_json::to_value(padding).unwrap(), 6);
        assert_eq!(
            serde_json::from_value::<Padding>(5.into())
                .unwrap()
                .digits(),
            5
        );
        assert!(serde_json::from_value::<Padding>(13.into()).is_err());
        assert!(Padding::new(-1).is_err());
        assert_eq!(Padding::default().digits(), 4);
    }
}

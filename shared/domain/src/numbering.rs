//! Human document numbers (API.md §1): `INV-0001`, sequential per account
//! and document type, never reused.
//!
//! The sequence itself is a counter in storage (a conditional update in
//! core); this module only says what the next value is and how it is
//! written. A number is `prefix` + the counter zero-padded to `padding`
//! digits; past the padding it simply grows (`INV-12345`), so numbers never
//! wrap and never collide.

use crate::error::{DomainError, FieldError};

/// Longest prefix accepted, in characters.
pub const MAX_PREFIX_CHARS: usize = 20;
/// Digits a number is padded to unless the account says otherwise.
pub const DEFAULT_PADDING: u8 = 4;
/// A `u64` has at most 20 digits; more padding would only add zeros.
pub const MAX_PADDING: u8 = 20;

/// Default prefixes per document type.
pub const QUOTE_PREFIX: &str = "QUO-";
pub const INVOICE_PREFIX: &str = "INV-";
pub const ORDER_PREFIX: &str = "ORD-";
pub const PURCHASE_ORDER_PREFIX: &str = "PO-";

/// `format_number("INV-", 1, 4)` → `"INV-0001"`; `("INV-", 12345, 4)` →
/// `"INV-12345"`.
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

/// Padding is 0–[`MAX_PADDING`] digits.
pub fn check_padding(padding: u8) -> Result<(), String> {
    if padding > MAX_PADDING {
        return Err(format!("must be at most {MAX_PADDING}"));
    }
    Ok(())
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
        assert!(check_padding(20).is_ok());
        assert!(check_padding(21).is_err());
    }
}

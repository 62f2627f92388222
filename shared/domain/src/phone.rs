//! Phone numbers as people write them.
//!
//! One length for every phone field: 64 characters, the seeds' limit for
//! contacts (OneUp `phone_number`: "64 characters max."). The account's
//! fields used 32 before; 64 holds every number those 32 did, and an
//! international number with an extension besides.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bounded_text::{TextError, check, string_newtype};

/// A phone number: trimmed, at most [`Phone::MAX_CHARS`] characters, at
/// least one digit, and only digits, spaces, `+ - ( ) . / #` and the
/// letters of an extension (`x`, `ext`, any case).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub const MAX_CHARS: usize = 64;

    /// Blank, too long and control characters are refused as for any
    /// text ([`TextError`]); anything else outside the rule is
    /// [`TextError::NotPhone`].
    pub fn parse(raw: &str) -> Result<Phone, TextError> {
        let phone = raw.trim();
        check(phone, Self::MAX_CHARS, |_| false)?;
        let allowed = |c: char| {
            c.is_ascii_digit()
                || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/' | '#')
                || is_extension_mark(c)
        };
        if phone.chars().all(allowed) && phone.chars().any(|c| c.is_ascii_digit()) {
            Ok(Phone(phone.to_owned()))
        } else {
            Err(TextError::NotPhone)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// How many digits the number has (extension included).
    pub fn digit_count(&self) -> usize {
        self.0.chars().filter(char::is_ascii_digit).count()
    }

    /// Whether the number names an extension (`ext 12`, `x12`, `#12`).
    pub fn has_extension(&self) -> bool {
        self.0.chars().any(|c| c == '#' || is_extension_mark(c))
    }
}

fn is_extension_mark(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'x' | 'e' | 't')
}

string_newtype!(Phone);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_write_them() {
        for ok in [
            "+44 20 7946 0958",
            "(020) 7946-0958",
            "555.123.4567",
            "+44 (0)20 7946-0958 ext 12",
            "0049/30/123456 x7",
            "12",
        ] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["call me", "+-()", "555-CALL-NOW", "١٢٣"] {
            assert_eq!(Phone::parse(bad), Err(TextError::NotPhone), "{bad}");
        }
        assert_eq!(Phone::parse("  "), Err(TextError::Blank));
        assert_eq!(Phone::parse("555\n123"), Err(TextError::ControlCharacter));
        assert_eq!(
            Phone::parse("  +44 20 7946 0958 ").unwrap().as_str(),
            "+44 20 7946 0958"
        );
        assert!(Phone::parse(&"1".repeat(64)).is_ok());
        assert_eq!(
            Phone::parse(&"1".repeat(65)).unwrap_err().to_string(),
            "must be at most 64 characters"
        );
        assert_eq!(
            Phone::parse("call me").unwrap_err().to_string(),
            "must be a phone number"
        );
    }

    #[test]
    fn digits_and_extensions() {
        let plain = Phone::parse("+44 20 7946 0958").unwrap();
        assert_eq!(plain.digit_count(), 12);
        assert!(!plain.has_extension());
        for ext in ["+44 20 7946 0958 ext 4", "7946 0958 X4", "7946 0958 #4"] {
            assert!(Phone::parse(ext).unwrap().has_extension(), "{ext}");
        }
    }

    #[test]
    fn serde_is_the_plain_string() {
        let phone = Phone::parse("+44 20 7946 0958").unwrap();
        assert_eq!(
            serde_json::to_string(&phone).unwrap(),
            "\"+44 20 7946 0958\""
        );
        assert!(serde_json::from_str::<Phone>("\"call me\"").is_err());
    }
}

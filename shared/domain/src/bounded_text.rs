//! Text a request may store: bounded in length, free of control characters.
//!
//! API.md §1 bounds every string "as the seeds say (names 255, codes 64),
//! else 2,000 chars". The bounds are part of the type ([`Name`], [`Code`],
//! [`LongText`]), and the constructors are the only way to get one, so a
//! value that reached a use case has been checked, once, by these rules:
//!
//! * [`Line`]: one line, trimmed, not blank, at most `MAX` characters
//!   (Unicode scalar values, not bytes), no control character at all.
//! * [`Paragraphs`]: free text kept as written (indentation and line breaks
//!   may be meant), not blank, at most `MAX` characters; tab, line feed and
//!   carriage return are allowed (browsers send text areas with CRLF), every
//!   other control character is refused.
//!
//! Serde goes through the same constructors (`try_from = "String"`) and
//! writes the plain string, so a record holding one of these has the JSON
//! shape of a record holding a `String`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a text value was refused; the `Display` is the message a client
/// sees under the field's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but white space (absent optional fields are the caller's
    /// business: they never reach a constructor).
    #[error("must not be blank")]
    Blank,
    #[error("must be at most {max} characters")]
    TooLong { max: usize },
    #[error("must not contain control characters")]
    ControlCharacter,
    /// See [`Email`](crate::Email).
    #[error("must be an email address")]
    NotEmail,
    /// See [`Phone`](crate::Phone).
    #[error("must be a phone number")]
    NotPhone,
}

/// Names of people, companies, items, tax rates (API.md §1: 255).
pub const MAX_NAME_CHARS: usize = 255;
/// Codes: numbers, VAT and registration numbers, units, tags (API.md §1: 64).
pub const MAX_CODE_CHARS: usize = 64;
/// Everything else: notes, descriptions (API.md §1: 2,000).
pub const MAX_LONG_TEXT_CHARS: usize = 2_000;

/// A name: one line of at most 255 characters.
pub type Name = Line<MAX_NAME_CHARS>;
/// A code: one line of at most 64 characters.
pub type Code = Line<MAX_CODE_CHARS>;
/// Free text of at most 2,000 characters, line breaks allowed.
pub type LongText = Paragraphs<MAX_LONG_TEXT_CHARS>;

/// One trimmed line of at most `MAX` characters without control characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Line<const MAX: usize>(String);

impl<const MAX: usize> Line<MAX> {
    pub const MAX_CHARS: usize = MAX;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let text = raw.trim();
        check(text, MAX, |_| false)?;
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Free text of at most `MAX` characters, kept as written; tabs and line
/// breaks are its only control characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Paragraphs<const MAX: usize>(String);

impl<const MAX: usize> Paragraphs<MAX> {
    pub const MAX_CHARS: usize = MAX;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        check(raw, MAX, |c| matches!(c, '\t' | '\n' | '\r'))?;
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The shared rule: not blank, then the length, then the characters (a
/// client fixing an over-long paste learns about the length first).
pub(crate) fn check(
    text: &str,
    max: usize,
    allowed_control: impl Fn(char) -> bool,
) -> Result<(), TextError> {
    if text.trim().is_empty() {
        Err(TextError::Blank)
    } else if text.chars().count() > max {
        Err(TextError::TooLong { max })
    } else if text.chars().any(|c| c.is_control() && !allowed_control(c)) {
        Err(TextError::ControlCharacter)
    } else {
        Ok(())
    }
}

/// `Ok(None)` for an absent or blank value, else `parse` of it: the shape
/// of every optional text field.
pub fn parse_optional<T>(
    raw: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, TextError>,
) -> Result<Option<T>, TextError> {
    match raw {
        Some(text) if !text.trim().is_empty() => parse(text).map(Some),
        _ => Ok(None),
    }
}

macro_rules! string_newtype {
    ($name:ident $(<const $max:ident: usize>)?) => {
        impl$(<const $max: usize>)? TryFrom<String> for $name$(<$max>)? {
            type Error = TextError;

            fn try_from(value: String) -> Result<Self, TextError> {
                Self::parse(&value)
            }
        }

        impl$(<const $max: usize>)? std::str::FromStr for $name$(<$max>)? {
            type Err = TextError;

            fn from_str(value: &str) -> Result<Self, TextError> {
                Self::parse(value)
            }
        }

        impl$(<const $max: usize>)? From<$name$(<$max>)?> for String {
            fn from(value: $name$(<$max>)?) -> String {
                value.into_string()
            }
        }

        impl$(<const $max: usize>)? AsRef<str> for $name$(<$max>)? {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl$(<const $max: usize>)? std::ops::Deref for $name$(<$max>)? {
            type Target = str;

            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl$(<const $max: usize>)? PartialEq<str> for $name$(<$max>)? {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl$(<const $max: usize>)? PartialEq<&str> for $name$(<$max>)? {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl$(<const $max: usize>)? fmt::Display for $name$(<$max>)? {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_newtype;

string_newtype!(Line<const MAX: usize>);
string_newtype!(Paragraphs<const MAX: usize>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_bounded_and_single() {
        assert_eq!(Name::parse("  Ada Ltd \t").unwrap().as_str(), "Ada Ltd");
        assert_eq!(Line::<5>::parse("   "), Err(TextError::Blank));
        assert_eq!(
            Line::<5>::parse("abcdef"),
            Err(TextError::TooLong { max: 5 })
        );
        assert_eq!(
            Line::<5>::parse("abcdef").unwrap_err().to_string(),
            "must be at most 5 characters"
        );
        // Characters, not bytes; surrounding space does not count.
        assert!(Line::<5>::parse(" ééééé ").is_ok());
        for bad in ["a\nb", "a\tb", "a\u{7}", "a\u{7f}b", "a\u{85}b"] {
            assert_eq!(
                Line::<5>::parse(bad),
                Err(TextError::ControlCharacter),
                "{bad:?}"
            );
        }
        assert_eq!(
            Code::parse("a\u{0}").unwrap_err().to_string(),
            "must not contain control characters"
        );
        assert_eq!(Code::MAX_CHARS, 64);
        assert_eq!(Name::MAX_CHARS, 255);
        assert!(Code::parse(&"x".repeat(64)).is_ok());
        assert!(Code::parse(&"x".repeat(65)).is_err());
    }

    #[test]
    fn paragraphs_keep_their_layout_and_only_tabs_and_breaks() {
        let text = "  Dear Ada,\r\n\tthanks.\n";
        assert_eq!(LongText::parse(text).unwrap().as_str(), text);
        assert_eq!(LongText::parse(" \n "), Err(TextError::Blank));
        assert_eq!(
            LongText::parse("a\u{1b}[31m"),
            Err(TextError::ControlCharacter)
        );
        assert!(LongText::parse(&"é".repeat(2000)).is_ok());
        assert_eq!(
            LongText::parse(&"é".repeat(2001)).unwrap_err().to_string(),
            "must be at most 2000 characters"
        );
    }

    #[test]
    fn optional_fields_treat_blank_as_absent() {
        assert_eq!(parse_optional(None, Name::parse), Ok(None));
        assert_eq!(parse_optional(Some("  "), Name::parse), Ok(None));
        assert_eq!(
            parse_optional(Some(" x "), Name::parse),
            Ok(Some(Name::parse("x").unwrap()))
        );
        assert_eq!(
            parse_optional(Some("a\u{0}"), Name::parse),
            Err(TextError::ControlCharacter)
        );
    }

    #[test]
    fn serde_is_the_plain_string_and_goes_through_the_constructor() {
        let name = Name::parse("Ada").unwrap();
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"Ada\"");
        let back: Name = serde_json::from_str("\" Ada \"").unwrap();
        assert_eq!(back, name);
        assert!(serde_json::from_str::<Code>(&format!("\"{}\"", "x".repeat(65))).is_err());
        assert!(serde_json::from_str::<LongText>("\"\\u0000\"").is_err());
        let text: LongText = "a\nb".parse().unwrap();
        assert_eq!(&*text, "a\nb");
        assert_eq!(text, "a\nb");
        assert_eq!(String::from(text), "a\nb");
    }
}

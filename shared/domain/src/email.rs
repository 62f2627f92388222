//! Email addresses: one rule for sign-up, login, contacts and the company.
//!
//! The rule is the shape of a deliverable address (RFC 5321/5322 dot-atom,
//! internationalised per RFC 6531), not its deliverability, which is the
//! mail server's business:
//!
//! * at most [`Email::MAX_CHARS`] characters, the longest path RFC 5321
//!   can deliver (the seeds allow 255; a 255th character could never
//!   arrive);
//! * `local@domain`, split at the last `@`;
//! * the local part: 1 to 64 characters of letters, digits and
//!   ``!#$%&'*+/=?^_`{|}~.-`` or any non-ASCII character that is neither
//!   space nor control, no leading, trailing or doubled dot (quoted local
//!   parts are refused: nobody types them, and they carry spaces and `@`s);
//! * the domain: two or more labels of 1 to 63 letters, digits and
//!   hyphens, neither starting nor ending with a hyphen; the last label is
//!   not all digits (`1.2.3.4` is an IP address, not a domain).
//!
//! The address is kept as typed, trimmed (its owner chose the case);
//! lookups compare [`Email::lookup_key`], the lower-cased form.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bounded_text::{TextError, string_newtype};

const MAX_LOCAL_PART_CHARS: usize = 64;
const MAX_DOMAIN_LABEL_CHARS: usize = 63;

/// A syntactically valid email address, trimmed, case as typed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// RFC 5321's longest usable address (a 256-octet path minus the brackets).
    pub const MAX_CHARS: usize = 254;

    /// Blank is [`TextError::Blank`], too long [`TextError::TooLong`],
    /// anything else that breaks the rule [`TextError::NotEmail`].
    pub fn parse(raw: &str) -> Result<Email, TextError> {
        let email = raw.trim();
        if email.is_empty() {
            return Err(TextError::Blank);
        }
        if email.chars().count() > Self::MAX_CHARS {
            return Err(TextError::TooLong {
                max: Self::MAX_CHARS,
            });
        }
        if is_email(email) {
            Ok(Email(email.to_owned()))
        } else {
            Err(TextError::NotEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The form lookups and uniqueness compare: lower-cased.
    pub fn lookup_key(&self) -> String {
        lookup_key(&self.0)
    }
}

/// The lookup form of an address stored as text: trimmed and lower-cased
/// (the same as [`Email::lookup_key`] for a parsed one).
pub fn lookup_key(email: &str) -> String {
    email.trim().to_lowercase()
}

fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.chars().count() <= MAX_LOCAL_PART_CHARS
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || "!#$%&'*+/=?^_`{|}~.-".contains(c)
                || (!c.is_ascii() && !c.is_whitespace() && !c.is_control())
        });
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.chars().count() <= MAX_DOMAIN_LABEL_CHARS
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
    local_ok && domain_ok
}

string_newtype!(Email);

#[cfg(test)]
mod tests {
    use super::*;

    /// The union of the examples the three former rules (auth, contacts,
    /// account) were tested with.
    #[test]
    fn accepts_what_people_type() {
        for ok in [
            "ada@example.com",
            "Ada.Lovelace+uome@mail.example.co.uk",
            "o'brien@example.ie",
            "jürgen@müller.de",
            "a@b.co",
            "first.last+tag@example.co.uk",
            "x@sub-domain.example",
            "ü@exämple.de",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "a b@example.com",
            ".ada@example.com",
            "ada..l@example.com",
            "ada@-example.com",
            "ada@example..com",
            "ada@1.2.3.4",
            "ada@exa_mple.com",
            "plain",
            "a@",
            "a@b",
            "a b@c.de",
            "a@b..c",
            ".a@b.c",
            "a..b@c.de",
            "a@-b.c",
            "a@b.123",
            "a@b.c\u{0}",
            "\"q\"@b.c",
            "@b.co",
            "a b@c.co",
            "a@.co",
            "a@b.co.",
        ] {
            assert_eq!(Email::parse(bad), Err(TextError::NotEmail), "{bad}");
        }
        assert_eq!(Email::parse(""), Err(TextError::Blank));
        assert_eq!(Email::parse(" \t"), Err(TextError::Blank));
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert_eq!(Email::parse(&long_local), Err(TextError::NotEmail));
    }

    #[test]
    fn length_is_counted_in_characters() {
        let domain = format!(
            "{}.{}.{}.com",
            "d".repeat(63),
            "e".repeat(63),
            "f".repeat(63)
        );
        let at_limit = format!("{}@{domain}", "é".repeat(254 - 1 - domain.len()));
        assert_eq!(at_limit.chars().count(), 254);
        // The local part is 58 'é': 116 bytes, but within 64 characters.
        assert!(Email::parse(&at_limit).is_ok());
        let over = format!("é{at_limit}");
        assert_eq!(
            Email::parse(&over).unwrap_err().to_string(),
            "must be at most 254 characters"
        );
    }

    #[test]
    fn kept_as_typed_and_looked_up_lower_cased() {
        let email = Email::parse("  Ada@Example.COM\t").unwrap();
        assert_eq!(email.as_str(), "Ada@Example.COM");
        assert_eq!(email.lookup_key(), "ada@example.com");
        assert_eq!(lookup_key(" ADA@example.com "), "ada@example.com");
        assert_eq!(
            Email::parse("nope").unwrap_err().to_string(),
            "must be an email address"
        );
    }

    #[test]
    fn serde_is_the_plain_string() {
        let email = Email::parse("ada@example.com").unwrap();
        assert_eq!(
            serde_json::to_string(&email).unwrap(),
            "\"ada@example.com\""
        );
        assert_eq!(
            serde_json::from_str::<Email>("\"ada@example.com\"").unwrap(),
            email
        );
        assert!(serde_json::from_str::<Email>("\"ada\"").is_err());
    }
}

//! Checks of the account's text fields. Each takes the raw value and the
//! error list, answers the normalised value (trimmed; empty becomes `None`)
//! and records what is wrong under the field's name, so a form's every
//! problem is reported at once.

use std::str::FromStr;

use uome_domain::{
    Address, Currency, Email, FieldError, Line, Phone, TextError, bounded_text, parse_optional,
};

/// API.md §1: names 255, codes 64.
pub const MAX_NAME: usize = bounded_text::MAX_NAME_CHARS;
pub const MAX_CODE: usize = bounded_text::MAX_CODE_CHARS;
pub const MAX_URL: usize = 2_000;
/// Digits of a number a caller can dial: E.164's 15 plus trunk and
/// international prefixes.
const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 3..=20;
const NOT_A_TELEPHONE_NUMBER: &str = "must be a telephone number (digits, spaces, + - . / ( ))";

pub(crate) type Errors = Vec<FieldError>;

fn push(errors: &mut Errors, field: &str, message: impl Into<String>) {
    errors.push(FieldError::new(field, message));
}

/// The parsed value; a refusal is recorded under `field`.
fn take<T>(errors: &mut Errors, field: &str, parsed: Result<Option<T>, TextError>) -> Option<T> {
    parsed.unwrap_or_else(|refusal| {
        push(errors, field, refusal.to_string());
        None
    })
}

/// One trimmed line of at most `MAX` characters without control
/// characters ([`Line`]); `None` when empty or refused.
pub(crate) fn optional_text<const MAX: usize>(
    errors: &mut Errors,
    field: &str,
    value: Option<String>,
) -> Option<Line<MAX>> {
    take(errors, field, parse_optional(value.as_deref(), Line::parse))
}

/// Like [`optional_text`], but empty is an error.
pub(crate) fn required_text<const MAX: usize>(
    errors: &mut Errors,
    field: &str,
    value: String,
) -> Option<Line<MAX>> {
    if value.trim().is_empty() {
        push(errors, field, "is required");
        return None;
    }
    optional_text(errors, field, Some(value))
}

/// A telephone number ([`Phone`]) that can be dialled as printed on a
/// document: no extension, 3 to 20 digits.
pub(crate) fn phone(errors: &mut Errors, field: &str, value: Option<String>) -> Option<Phone> {
    let parsed = parse_optional(value.as_deref(), Phone::parse).and_then(|phone| match phone {
        Some(p) if p.has_extension() || !PHONE_DIGITS.contains(&p.digit_count()) => {
            Err(TextError::NotPhone)
        }
        phone => Ok(phone),
    });
    match parsed {
        Err(TextError::NotPhone) => {
            push(errors, field, NOT_A_TELEPHONE_NUMBER);
            None
        }
        parsed => take(errors, field, parsed),
    }
}

/// An email address ([`Email`]): the shape, not deliverability.
pub(crate) fn email(errors: &mut Errors, field: &str, value: Option<String>) -> Option<Email> {
    take(
        errors,
        field,
        parse_optional(value.as_deref(), Email::parse),
    )
}

/// An `http(s)` URL; a bare host (`www.acme.co.uk/shop`) gets `https://`.
pub(crate) fn website(errors: &mut Errors, field: &str, value: Option<String>) -> Option<String> {
    let value = optional_text::<MAX_URL>(errors, field, value)?.into_string();
    let lower = value.to_ascii_lowercase();
    let (url, rest) = if lower.starts_with("https://") || lower.starts_with("http://") {
        let rest = value
            .split_once("://")
            .map(|(_, r)| r.to_string())
            .unwrap_or_default();
        (value, rest)
    } else if lower.contains("://") {
        push(errors, field, "must be an http or https URL");
        return Some(value);
    } else {
        (format!("https://{value}"), value)
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = !host.is_empty()
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if !host_ok || url.chars().any(char::is_whitespace) {
        push(errors, field, "must be an http or https URL");
    }
    Some(url)
}

/// An ISO 4217 code, upper-cased; `default` when absent.
pub(crate) fn currency(
    errors: &mut Errors,
    field: &str,
    value: Option<String>,
    default: Currency,
) -> String {
    match value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    {
        None => default.code().to_string(),
        Some(code) => match Currency::parse(&code) {
            Ok(currency) => currency.code().to_string(),
            Err(_) => {
                push(errors, field, "must be an ISO 4217 currency code");
                code
            }
        },
    }
}

/// An IANA time zone name (`Europe/London`), in its canonical spelling;
/// `default` when absent.
pub(crate) fn timezone(
    errors: &mut Errors,
    field: &str,
    value: Option<String>,
    default: &str,
) -> String {
    match value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    {
        None => default.to_string(),
        Some(name) => match parse_timezone(&name) {
            Some(canonical) => canonical.to_string(),
            None => {
                push(
                    errors,
                    field,
                    "must be an IANA time zone such as Europe/London",
                );
                name
            }
        },
    }
}

/// The canonical name of an IANA time zone, or `None`.
/// Every name [`parse_timezone`] takes, for the OpenAPI document.
pub fn timezone_names() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
}

pub fn parse_timezone(name: &str) -> Option<&'static str> {
    chrono_tz::Tz::from_str(name).ok().map(|tz| tz.name())
}

/// A validated address under `field`; `None` when nothing is set.
pub(crate) fn address(errors: &mut Errors, field: &str, value: Option<Address>) -> Option<Address> {
    value
        .map(|a| a.validate(field, errors))
        .filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T>(f: impl FnOnce(&mut Errors) -> T) -> (T, Vec<String>) {
        let mut errors = Vec::new();
        let out = f(&mut errors);
        (out, errors.into_iter().map(|e| e.field).collect())
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            check(|e| optional_text::<5>(e, "f", Some("  a ".into())))
                .0
                .as_deref(),
            Some("a")
        );
        assert_eq!(
            check(|e| optional_text::<5>(e, "f", Some("   ".into()))).0,
            None
        );
        assert_eq!(
            check(|e| optional_text::<5>(e, "f", Some("abcdef".into()))).1,
            ["f"]
        );
        assert_eq!(
            check(|e| optional_text::<5>(e, "f", Some("a\u{7}".into()))).1,
            ["f"]
        );
        assert_eq!(check(|e| required_text::<5>(e, "f", " ".into())).1, ["f"]);
    }

    #[test]
    fn phones() {
        for ok in ["+44 20 7946 0958", "(020) 7946-0958", "555.123.4567"] {
            assert!(
                check(|e| phone(e, "p", Some(ok.into()))).1.is_empty(),
                "{ok}"
            );
        }
        for bad in [
            "call me",
            "12",
            "+44 20 7946 0958 ext 4",
            "1".repeat(40).as_str(),
        ] {
            assert_eq!(check(|e| phone(e, "p", Some(bad.into()))).1, ["p"], "{bad}");
        }
    }

    #[test]
    fn emails_and_websites() {
        assert!(check(|e| email(e, "m", Some("a@b.co".into()))).1.is_empty());
        for bad in ["a@b", "@b.co", "a b@c.co", "a@.co", "a@b.co."] {
            assert_eq!(check(|e| email(e, "m", Some(bad.into()))).1, ["m"], "{bad}");
        }
        assert_eq!(
            check(|e| website(e, "w", Some("www.acme.co.uk/shop".into())))
                .0
                .as_deref(),
            Some("https://www.acme.co.uk/shop")
        );
        assert_eq!(
            check(|e| website(e, "w", Some("http://acme.com".into())))
                .0
                .as_deref(),
            Some("http://acme.com")
        );
        for bad in ["ftp://acme.com", "acme", "https://", "https://ac me.com"] {
            assert_eq!(
                check(|e| website(e, "w", Some(bad.into()))).1,
                ["w"],
                "{bad}"
            );
        }
    }

    #[test]
    fn currencies_and_time_zones() {
        assert_eq!(
            check(|e| currency(e, "c", Some("eur".into()), Currency::GBP)).0,
            "EUR"
        );
        assert_eq!(check(|e| currency(e, "c", None, Currency::GBP)).0, "GBP");
        assert_eq!(
            check(|e| currency(e, "c", Some("XYZ".into()), Currency::GBP)).1,
            ["c"]
        );
        assert_eq!(parse_timezone("Europe/London"), Some("Europe/London"));
        assert_eq!(parse_timezone("America/New_York"), Some("America/New_York"));
        assert_eq!(parse_timezone("UTC"), Some("UTC"));
        assert_eq!(parse_timezone("Mars/Olympus"), None);
        assert_eq!(parse_timezone(""), None);
        assert_eq!(
            check(|e| timezone(e, "t", Some("Nowhere".into()), "Europe/London")).1,
            ["t"]
        );
        assert_eq!(
            check(|e| timezone(e, "t", None, "Europe/London")).0,
            "Europe/London"
        );
    }
}

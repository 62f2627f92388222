//! Field rules of contacts; every check records into one error list so a
//! request learns about every bad field at once.

use uome_domain::FieldError;

/// Names and single-line text (OneUp: 255 characters).
pub const MAX_NAME: usize = 255;
/// Codes: numbers, VAT and registration numbers, taxpayer ids.
pub const MAX_CODE: usize = 64;
/// Phone numbers (OneUp: 64 characters).
pub const MAX_PHONE: usize = 64;
/// Notes and other long text (API.md §1).
pub const MAX_TEXT: usize = 2000;
/// Email addresses, in bytes (RFC 5321 allows 254 octets; a little slack).
pub const MAX_EMAIL_BYTES: usize = 255;
pub const MAX_TAGS: usize = 50;
pub const MAX_TAG: usize = 64;
pub const MAX_CONTACT_PERSONS: usize = 50;
pub const MAX_PAYMENT_TERMS_DAYS: i64 = 365;

pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }
}

/// Trims, turns "" into absent, and checks length and characters. Single
/// lines refuse every control character; multi-line text allows newlines
/// and tabs.
pub fn text(
    errors: &mut Errors,
    field: &str,
    value: Option<String>,
    max: usize,
    multiline: bool,
) -> Option<String> {
    let value = value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())?;
    if value.chars().count() > max {
        errors.push(field, format!("must be at most {max} characters"));
    } else if value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    {
        errors.push(field, "must not contain control characters");
    }
    Some(value)
}

/// A required single line: "is required" when absent or blank.
pub fn required(
    errors: &mut Errors,
    field: &str,
    value: Option<String>,
    max: usize,
) -> Option<String> {
    let value = text(errors, field, value, max, false);
    if value.is_none() {
        errors.push(field, "is required");
    }
    value
}

/// An email address: trimmed, at most 255 bytes, `local@domain` with a
/// dotted domain. Kept as typed (compared case-insensitively elsewhere).
pub fn email(errors: &mut Errors, field: &str, value: Option<String>) -> Option<String> {
    let value = value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())?;
    if value.len() > MAX_EMAIL_BYTES {
        errors.push(field, format!("must be at most {MAX_EMAIL_BYTES} bytes"));
    } else if !is_email(&value) {
        errors.push(field, "must be an email address");
    }
    Some(value)
}

/// A phone number: at most 64 characters, at least one digit, and only
/// digits, spaces and `+ - ( ) . / #` or an extension (`x`, `ext`).
pub fn phone(errors: &mut Errors, field: &str, value: Option<String>) -> Option<String> {
    let value = text(errors, field, value, MAX_PHONE, false)?;
    let allowed = |c: char| {
        c.is_ascii_digit()
            || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/' | '#')
            || matches!(c.to_ascii_lowercase(), 'x' | 'e' | 't')
    };
    if value.chars().count() <= MAX_PHONE
        && (!value.chars().all(allowed) || !value.chars().any(|c| c.is_ascii_digit()))
    {
        errors.push(field, "must be a phone number");
    }
    Some(value)
}

/// Syntax only (deliverability is the mail server's business): one `@`
/// splitting a non-empty local part of at most 64 bytes without spaces,
/// quotes or misplaced dots from a domain of two or more labels of letters,
/// digits and hyphens.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"()<>[]:;@\\,\"".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
    local_ok && domain_ok
}

/// Tags: each trimmed, non-empty, at most 64 characters; at most 50; no
/// two equal ignoring case (the first spelling is kept).
pub fn tags(errors: &mut Errors, value: Option<Vec<String>>) -> Vec<String> {
    let value = value.unwrap_or_default();
    if value.len() > MAX_TAGS {
        errors.push("tags", format!("must hold at most {MAX_TAGS} tags"));
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::with_capacity(value.len());
    for (i, tag) in value.into_iter().enumerate() {
        let field = format!("tags[{i}]");
        match text(errors, &field, Some(tag), MAX_TAG, false) {
            None => errors.push(field, "must not be empty"),
            Some(tag) => {
                let folded = tag.to_lowercase();
                if out.iter().any(|t| t.to_lowercase() == folded) {
                    errors.push(field, "is a duplicate (tags ignore case)");
                } else {
                    out.push(tag);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for good in [
            "a@b.co",
            "first.last+tag@example.co.uk",
            "x@sub-domain.example",
            "ü@exämple.de",
        ] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "plain",
            "@example.com",
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
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn tags_are_unique_ignoring_case() {
        let mut errors = Errors(Vec::new());
        let out = tags(
            &mut errors,
            Some(vec![
                "VIP".into(),
                " vip ".into(),
                "".into(),
                "x".repeat(65),
            ]),
        );
        assert_eq!(out[0], "VIP");
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["tags[1]", "tags[2]", "tags[3]"]);
    }

    #[test]
    fn phones() {
        let mut errors = Errors(Vec::new());
        phone(&mut errors, "p", Some("+44 (0)20 7946-0958 ext 12".into()));
        assert!(errors.0.is_empty());
        phone(&mut errors, "p", Some("call me".into()));
        phone(&mut errors, "p", Some("+-()".into()));
        assert_eq!(errors.0.len(), 2);
    }
}

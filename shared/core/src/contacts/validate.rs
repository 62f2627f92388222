//! Field rules of contacts; every check records into one error list so a
//! request learns about every bad field at once. The rules themselves are
//! the domain's newtypes ([`Line`], [`LongText`], [`Email`], [`Phone`]);
//! this module only says which field takes which, and trims.

use uome_domain::{
    Code, Email, FieldError, Line, LongText, Phone, TextError, bounded_text, parse_optional,
};

/// Names and single-line text (OneUp: 255 characters).
pub const MAX_NAME: usize = bounded_text::MAX_NAME_CHARS;
/// Codes: numbers, VAT and registration numbers, taxpayer ids.
pub const MAX_CODE: usize = bounded_text::MAX_CODE_CHARS;
pub const MAX_TAGS: usize = 50;
pub const MAX_TAG: usize = MAX_CODE;
pub const MAX_CONTACT_PERSONS: usize = 50;
/// Further addresses a contact keeps besides its billing and shipping ones.
pub const MAX_CONTACT_ADDRESSES: usize = 20;
pub const MAX_PAYMENT_TERMS_DAYS: i64 = 365;

pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// The parsed value; a refusal is recorded under `field`.
    fn take<T>(&mut self, field: &str, parsed: Result<Option<T>, TextError>) -> Option<T> {
        parsed.unwrap_or_else(|refusal| {
            self.push(field, refusal.to_string());
            None
        })
    }
}

/// Whether a text field was given at all (not absent, not blank): a refused
/// value still counts as given, so it is not reported as missing too.
pub fn given(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.trim().is_empty())
}

/// A one-line field of at most `MAX` characters, no control characters;
/// blank is absent.
pub fn line<const MAX: usize>(
    errors: &mut Errors,
    field: &str,
    value: Option<String>,
) -> Option<Line<MAX>> {
    errors.take(field, parse_optional(value.as_deref(), Line::parse))
}

/// A required single line: "is required" when absent or blank.
pub fn required<const MAX: usize>(
    errors: &mut Errors,
    field: &str,
    value: Option<String>,
) -> Option<Line<MAX>> {
    if !given(&value) {
        errors.push(field, "is required");
    }
    line(errors, field, value)
}

/// Notes: trimmed, line breaks and tabs allowed ([`LongText`]).
pub fn long_text(errors: &mut Errors, field: &str, value: Option<String>) -> Option<LongText> {
    let parsed = parse_optional(value.as_deref(), |v| LongText::parse(v.trim()));
    errors.take(field, parsed)
}

/// An email address ([`Email`]). Kept as typed (compared case-insensitively
/// elsewhere).
pub fn email(errors: &mut Errors, field: &str, value: Option<String>) -> Option<Email> {
    errors.take(field, parse_optional(value.as_deref(), Email::parse))
}

/// A phone number ([`Phone`]): at most 64 characters, an extension allowed.
pub fn phone(errors: &mut Errors, field: &str, value: Option<String>) -> Option<Phone> {
    errors.take(field, parse_optional(value.as_deref(), Phone::parse))
}

/// Tags: each trimmed, non-empty, at most 64 characters; at most 50; no
/// two equal ignoring case (the first spelling is kept).
pub fn tags(errors: &mut Errors, value: Option<Vec<String>>) -> Vec<Code> {
    let value = value.unwrap_or_default();
    if value.len() > MAX_TAGS {
        errors.push("tags", format!("must hold at most {MAX_TAGS} tags"));
        return Vec::new();
    }
    let mut out: Vec<Code> = Vec::with_capacity(value.len());
    for (i, tag) in value.into_iter().enumerate() {
        let field = format!("tags[{i}]");
        if tag.trim().is_empty() {
            errors.push(field, "must not be empty");
            continue;
        }
        if let Some(tag) = line::<MAX_TAG>(errors, &field, Some(tag)) {
            let folded = tag.to_lowercase();
            if out.iter().any(|t| t.to_lowercase() == folded) {
                errors.push(field, "is a duplicate (tags ignore case)");
            } else {
                out.push(tag);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

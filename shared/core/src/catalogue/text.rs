//! Text rules of the catalogue's fields and the case-folded text its keys
//! are built from.

use sha2::{Digest, Sha256};
use uome_domain::{FieldErrors, Line, LongText, TextError, bounded_text, parse_optional};

/// Names (API.md §1: "names 255").
pub(crate) const NAME_MAX: usize = bounded_text::MAX_NAME_CHARS;
/// Codes: numbers, units, families (API.md §1: "codes 64").
pub(crate) const CODE_MAX: usize = bounded_text::MAX_CODE_CHARS;

/// Index sort keys keep at most this many bytes of text: DynamoDB caps a
/// GSI sort key at 1,024 bytes and an id and a separator follow.
const KEY_TEXT_MAX_BYTES: usize = 400;
/// Guard sort keys carry case-folded text up to this length, a digest beyond.
const GUARD_TEXT_MAX_BYTES: usize = 200;

/// The parsed value; a refusal is recorded under `field`.
fn take<T>(
    field: &str,
    parsed: Result<Option<T>, TextError>,
    errors: &mut FieldErrors,
) -> Option<T> {
    parsed.unwrap_or_else(|refusal| {
        errors.push(field, refusal.to_string());
        None
    })
}

/// A one-line field (name, number, unit, family): a [`Line`] of at most
/// `MAX` characters; empty is absent, a refusal is recorded.
pub(crate) fn one_line<const MAX: usize>(
    field: &str,
    value: Option<String>,
    errors: &mut FieldErrors,
) -> Option<Line<MAX>> {
    take(field, parse_optional(value.as_deref(), Line::parse), errors)
}

/// Like [`one_line`], and absent is an error.
pub(crate) fn required_line<const MAX: usize>(
    field: &str,
    value: Option<String>,
    errors: &mut FieldErrors,
) -> Option<Line<MAX>> {
    if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
        errors.push(field, "is required");
        return None;
    }
    one_line(field, value, errors)
}

/// Free text (a description): a [`LongText`], kept as written; blank is
/// absent.
pub(crate) fn free_text(
    field: &str,
    value: Option<String>,
    errors: &mut FieldErrors,
) -> Option<LongText> {
    take(
        field,
        parse_optional(value.as_deref(), LongText::parse),
        errors,
    )
}

/// Between the text and the id in an index sort key. Below every character
/// the validated text can hold (control characters are refused), so `abc`
/// sorts before `abc d` and the id never splits a name's place in the order.
const KEY_SEPARATOR: char = '\u{1}';

/// An index sort key: the case-folded text, then the id.
pub(crate) fn sort_key(text: &str, id: &str) -> String {
    let mut key = key_text(text);
    key.push(KEY_SEPARATOR);
    key.push_str(id);
    key
}

/// Case-insensitive comparisons and prefix search go through this.
pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// Case-folded text for an index sort key, cut at a character boundary.
///
/// Cutting keeps prefix search correct: if `s` is a prefix of `n`, then
/// `key_text(s)` is a prefix of `key_text(n)` (the cut falls at the same
/// boundary or earlier), so a `begins_with(key_text(search))` query finds
/// every match, and the caller re-checks the full text.
pub(crate) fn key_text(text: &str) -> String {
    cut(fold(text), KEY_TEXT_MAX_BYTES)
}

/// Case-folded text for a guard sort key; long values become a digest so
/// the key stays well under DynamoDB's 1,024-byte limit.
pub(crate) fn guard_text(text: &str) -> String {
    let folded = fold(text.trim());
    if folded.len() <= GUARD_TEXT_MAX_BYTES {
        folded
    } else {
        format!("sha256:{}", hex::encode(Sha256::digest(folded.as_bytes())))
    }
}

fn cut(mut text: String, max_bytes: usize) -> String {
    if text.len() > max_bytes {
        let mut at = max_bytes;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_trims_and_checks() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            one_line::<5>("a", Some("  x ".into()), &mut errors).as_deref(),
            Some("x")
        );
        assert_eq!(one_line::<5>("a", Some("   ".into()), &mut errors), None);
        assert!(errors.is_empty());
        one_line::<5>("b", Some("toolong".into()), &mut errors);
        one_line::<5>("c", Some("a\nb".into()), &mut errors);
        required_line::<5>("d", None, &mut errors);
        let fields: Vec<_> = errors.into_vec().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["b", "c", "d"]);
    }

    #[test]
    fn key_text_cuts_at_char_boundaries_and_keeps_prefixes() {
        let long = "é".repeat(300);
        let key = key_text(&long);
        assert!(key.len() <= KEY_TEXT_MAX_BYTES);
        let name = format!("{long}zzz");
        assert!(key_text(&name).starts_with(&key_text(&long)));
        assert_eq!(key_text("ÄbC"), "äbc");
        assert!(sort_key("Widget", "z") < sort_key("widget large", "a"));
    }

    #[test]
    fn long_guards_are_digests() {
        assert_eq!(guard_text(" VAT "), "vat");
        let g = guard_text(&"x".repeat(500));
        assert!(g.starts_with("sha256:") && g.len() == 71);
    }
}

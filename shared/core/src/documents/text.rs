//! The free-text fields of a document and their limits (API.md §1: short
//! names 255 characters, other text 2,000).

use uome_domain::FieldErrors;
use uome_domain::validation::{check_line, check_text};

/// Short single-line fields (`reference`, `title`).
pub const MAX_SHORT_CHARS: usize = 255;

/// Trimmed, `None` when blank; an error under `field` when over `max`
/// characters or carrying a control character (a short field allows none,
/// long text tab and line breaks).
pub fn optional_text(
    field: &str,
    value: Option<String>,
    max: usize,
    errors: &mut FieldErrors,
) -> Option<String> {
    let value = value?.trim().to_string();
    if value.is_empty() {
        return None;
    }
    if max == MAX_SHORT_CHARS {
        errors.check(field, check_line::<MAX_SHORT_CHARS>(&value));
    } else {
        errors.check(field, check_text(&value));
    }
    Some(value)
}

/// Long text: notes, terms, footer, reasons.
pub const MAX_LONG_CHARS: usize = uome_domain::validation::MAX_TEXT_CHARS;

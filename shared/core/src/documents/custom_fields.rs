//! A document's custom fields (AbaNinja's `customField1`–`4`): up to four
//! short texts, printed on the PDF under the labels the account gives them
//! in `settings.custom_field_labels`.

use uome_domain::FieldErrors;

use super::text::{MAX_SHORT_CHARS, optional_text};

/// AbaNinja's four.
pub const MAX_CUSTOM_FIELDS: usize = 4;

/// Checked and trimmed, position kept (`null` or blank leaves a slot
/// empty), trailing empty slots dropped.
/// `field` names the list in errors (`custom_fields`, or the settings'
/// `custom_field_labels`).
pub fn custom_fields(
    field: &str,
    values: Vec<Option<String>>,
    errors: &mut FieldErrors,
) -> Vec<Option<String>> {
    if values.len() > MAX_CUSTOM_FIELDS {
        errors.push(field, format!("at most {MAX_CUSTOM_FIELDS} are allowed"));
        return Vec::new();
    }
    let mut out: Vec<Option<String>> = values
        .into_iter()
        .enumerate()
        .map(|(i, value)| optional_text(&format!("{field}[{i}]"), value, MAX_SHORT_CHARS, errors))
        .collect();
    while out.last().is_some_and(Option::is_none) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_and_checks_lengths() {
        let mut errors = FieldErrors::new();
        let kept = custom_fields(
            "custom_fields",
            vec![None, Some(" b ".into()), Some(String::new()), None],
            &mut errors,
        );
        assert!(errors.is_empty());
        assert_eq!(kept, [None, Some("b".to_owned())]);
        custom_fields("custom_fields", vec![Some("x".repeat(256))], &mut errors);
        custom_fields("custom_fields", vec![None; 5], &mut errors);
        let fields: Vec<String> = errors.into_vec().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["custom_fields[0]", "custom_fields"]);
    }
}

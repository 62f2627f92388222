//! JSON merge patch (RFC 7386) over a contact's writable fields, and the
//! parsing of the result with every bad field named.

use serde_json::{Map, Value};
use uome_domain::FieldError;

use super::input::ContactInput;
use super::model::Contact;
use crate::error::{CoreError, CoreResult};

/// The writable fields of `contact` as a JSON object without nulls: the
/// document a merge patch applies to.
pub fn input_json(contact: &Contact) -> CoreResult<Value> {
    let mut value = serde_json::to_value(ContactInput::from_contact(contact))
        .map_err(|e| CoreError::internal(format!("contact input does not serialise: {e}")))?;
    if let Value::Object(map) = &mut value {
        map.retain(|_, v| !v.is_null());
    }
    Ok(value)
}

/// RFC 7386: members of an object patch replace (or, when `null`, remove)
/// the target's members recursively; any other patch replaces the target.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(map) = target {
        for (key, value) in patch {
            if value.is_null() {
                map.remove(key);
            } else {
                merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

/// A JSON document as a [`ContactInput`]; every member that does not fit
/// (unknown, or of the wrong type) is its own field error.
pub fn parse_input(value: Value) -> CoreResult<ContactInput> {
    let Value::Object(map) = value else {
        return Err(CoreError::invalid_field("", "must be a JSON object"));
    };
    match serde_json::from_value::<ContactInput>(Value::Object(map.clone())) {
        Ok(input) => Ok(input),
        Err(whole) => {
            // Each member alone, to name the ones that fail.
            let mut errors: Vec<FieldError> = map
                .into_iter()
                .filter_map(|(key, member)| {
                    let single = Value::Object(Map::from_iter([(key.clone(), member)]));
                    serde_json::from_value::<ContactInput>(single)
                        .err()
                        .map(|e| FieldError::new(key, friendly(&e)))
                })
                .collect();
            if errors.is_empty() {
                errors.push(FieldError::new("", friendly(&whole)));
            }
            Err(CoreError::Validation(errors))
        }
    }
}

fn friendly(error: &serde_json::Error) -> String {
    let message = error.to_string();
    if message.starts_with("unknown field") {
        "is not a known field".to_string()
    } else {
        match message.rfind(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn merge_patch_follows_rfc_7386() {
        // The example of RFC 7386 section 3.
        let mut target = json!({
            "title": "Goodbye!",
            "author": {"givenName": "John", "familyName": "Doe"},
            "tags": ["example", "sample"],
            "content": "This will be unchanged"
        });
        let patch = json!({
            "title": "Hello!",
            "phoneNumber": "+01-123-456-7890",
            "author": {"familyName": null},
            "tags": ["example"]
        });
        merge_patch(&mut target, &patch);
        assert_eq!(
            target,
            json!({
                "title": "Hello!",
                "author": {"givenName": "John"},
                "tags": ["example"],
                "content": "This will be unchanged",
                "phoneNumber": "+01-123-456-7890"
            })
        );
    }

    #[test]
    fn every_bad_member_is_named() {
        let err = parse_input(json!({
            "email": "a@b.co", "nope": 1, "payment_terms_days": "ten", "tags": "x"
        }))
        .unwrap_err();
        let CoreError::Validation(errors) = err else {
            panic!("{err:?}")
        };
        let mut fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort();
        assert_eq!(fields, ["nope", "payment_terms_days", "tags"]);
        assert!(errors.iter().any(|e| e.message == "is not a known field"));
    }
}

//! Request fields as the client sent them.
//!
//! A body field of the wrong JSON type would make serde stop at the first
//! one; taking each field as [`Text`] lets validation name every bad field
//! of a body in one 422 (missing, blank, not a string, too long, ...).

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// One text field of a request body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Text {
    /// Absent or `null`.
    #[default]
    Missing,
    /// A JSON string, untouched (passwords are not trimmed).
    Given(String),
    /// Any other JSON value (number, object, ...).
    NotText,
}

impl Text {
    /// The string if one was given.
    pub fn as_given(&self) -> Option<&str> {
        match self {
            Text::Given(s) => Some(s),
            Text::Missing | Text::NotText => None,
        }
    }
}

impl From<&str> for Text {
    fn from(value: &str) -> Self {
        Text::Given(value.to_string())
    }
}

impl From<String> for Text {
    fn from(value: String) -> Self {
        Text::Given(value)
    }
}

impl From<Option<&str>> for Text {
    fn from(value: Option<&str>) -> Self {
        value.map_or(Text::Missing, Text::from)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::Null => Text::Missing,
            Value::String(s) => Text::Given(s),
            _ => Text::NotText,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        a: Text,
        #[serde(default)]
        b: Text,
        #[serde(default)]
        c: Text,
        #[serde(default)]
        d: Text,
    }

    #[test]
    fn every_json_shape_is_accepted_and_classified() {
        let body: Body = serde_json::from_str(r#"{"a": "x", "b": 5, "c": null}"#).unwrap();
        assert_eq!(body.a, Text::Given("x".into()));
        assert_eq!(body.b, Text::NotText);
        assert_eq!(body.c, Text::Missing);
        assert_eq!(body.d, Text::Missing);
        assert_eq!(body.a.as_given(), Some("x"));
        assert_eq!(body.b.as_given(), None);
    }
}

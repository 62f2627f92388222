//! Fields an answer carries that a request may not set.
//!
//! API.md §1 and issue 10: a read-only field in a body is a 422 naming the
//! field (`updated_at: is read-only`), the same way on every resource, so a
//! client that sends back what it read learns at once that the server does
//! not take it, instead of believing it changed something.

use serde::Deserialize;
use serde::de::{Deserializer, Error, IgnoredAny};

/// A read-only field: absent is fine (`#[serde(default)]`), any value is
/// refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOnly;

impl<'de> Deserialize<'de> for ReadOnly {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Err(D::Error::custom("is read-only"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Body {
        name: Option<String>,
        #[serde(default)]
        updated_at: ReadOnly,
    }

    #[test]
    fn absent_is_fine_and_any_value_is_refused() {
        assert!(serde_json::from_str::<Body>(r#"{"name": "a"}"#).is_ok());
        for value in ["null", "\"2026-01-01T00:00:00Z\"", "1", "{}"] {
            let err =
                serde_json::from_str::<Body>(&format!(r#"{{"updated_at": {value}}}"#)).unwrap_err();
            assert!(err.to_string().starts_with("is read-only"), "{err}");
        }
    }
}

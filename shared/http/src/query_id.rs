//! The one spelling of an id: a hyphenated UUID ([`canonical`]; the `Path`
//! extractor answers 404 to the others). Ids in query filters
//! (`?contact_id=`, `?document_id=`) are UUIDs in their
//! canonical hyphenated form, or the filter is a 400 `invalid_query` naming
//! the parameter. An id that cannot exist would otherwise answer an empty
//! 200, which a client reads as "no such documents" rather than "you sent
//! the wrong thing". An empty value means no filter.

use serde::{Deserialize, Deserializer};
use uuid::Uuid;

/// `#[serde(default, deserialize_with = "uome_http::query_id::optional")]`
/// on an `Option<String>` filter: the lower-case hyphenated UUID, or none.
pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    if text.is_empty() {
        return Ok(None);
    }
    canonical(&text)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("must be a UUID (8-4-4-4-12 hex digits)"))
}

/// The id in lower case if `text` is a hyphenated UUID (36 characters);
/// the other spellings `Uuid` accepts (32 bare digits, braces, `urn:uuid:`)
/// are refused, so one id has one spelling.
pub fn canonical(text: &str) -> Option<String> {
    if text.len() != 36 {
        return None;
    }
    Uuid::try_parse(text)
        .ok()
        .map(|id| id.hyphenated().to_string())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Filter {
        #[serde(default, deserialize_with = "optional")]
        contact_id: Option<String>,
    }

    /// `contact_id=<value>` as the query deserializer hands it over (a
    /// string), or no parameter at all.
    fn read(query: &str) -> Result<Filter, String> {
        let json = match query.strip_prefix("contact_id=") {
            Some(value) => serde_json::json!({ "contact_id": value }),
            None => serde_json::json!({}),
        };
        serde_json::from_value(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_uuid_or_nothing() {
        let id = "0193a9b6-7c1e-7f00-8a00-000000000001";
        assert_eq!(
            read(&format!("contact_id={id}"))
                .unwrap()
                .contact_id
                .as_deref(),
            Some(id)
        );
        let upper = id.to_uppercase();
        assert_eq!(
            read(&format!("contact_id={upper}"))
                .unwrap()
                .contact_id
                .as_deref(),
            Some(id)
        );
        assert_eq!(read("contact_id=").unwrap().contact_id, None);
        assert_eq!(read("").unwrap().contact_id, None);
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "no-such-contact",
            "0193a9b67c1e7f008a00000000000001",
            "{0193a9b6-7c1e-7f00-8a00-000000000001}",
            "urn:uuid:0193a9b6-7c1e-7f00-8a00-000000000001",
            "0193a9b6-7c1e-7f00-8a00-00000000000g",
        ] {
            let err = read(&format!("contact_id={bad}")).unwrap_err();
            assert!(err.contains("must be a UUID"), "{bad}: {err}");
        }
    }
}

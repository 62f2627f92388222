//! Postal addresses (API.md §2): what contacts, profiles and companies
//! carry. `full_address` is derived, read-only, and ignored on input.

use serde::{Deserialize, Serialize, Serializer};

use crate::bounded_text::{Line, MAX_NAME_CHARS};
use crate::country::parse_country;
use crate::error::FieldError;

/// Longest address line, city, postcode or region accepted.
pub const MAX_ADDRESS_FIELD: usize = MAX_NAME_CHARS;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    pub line1: Option<String>,
    pub line2: Option<String>,
    pub line3: Option<String>,
    pub city: Option<String>,
    pub postal_code: Option<String>,
    pub region: Option<String>,
    pub country_code: Option<String>,
}

/// The accepted input: the fields above, plus `full_address`, accepted so a
/// client can send back what it read (it is always recomputed).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddressInput {
    #[serde(default)]
    line1: Option<String>,
    #[serde(default)]
    line2: Option<String>,
    #[serde(default)]
    line3: Option<String>,
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    postal_code: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    country_code: Option<String>,
    #[serde(default, rename = "full_address")]
    _full_address: Option<serde::de::IgnoredAny>,
}

impl<'de> Deserialize<'de> for Address {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input: AddressInput = crate::json_object::one(deserializer)?;
        Ok(Address {
            line1: input.line1,
            line2: input.line2,
            line3: input.line3,
            city: input.city,
            postal_code: input.postal_code,
            region: input.region,
            country_code: input.country_code,
        })
    }
}

impl Address {
    /// Checks every field, naming failures under `prefix` (for example
    /// `billing_address.country_code`), and normalises: trims text, drops
    /// empty strings, upper-cases the country code.
    pub fn validate(mut self, prefix: &str, errors: &mut Vec<FieldError>) -> Address {
        let fields: [(&str, &mut Option<String>); 6] = [
            ("line1", &mut self.line1),
            ("line2", &mut self.line2),
            ("line3", &mut self.line3),
            ("city", &mut self.city),
            ("postal_code", &mut self.postal_code),
            ("region", &mut self.region),
        ];
        for (name, value) in fields {
            *value = value
                .take()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty());
            if let Some(Err(refusal)) = value.as_deref().map(Line::<MAX_ADDRESS_FIELD>::parse) {
                errors.push(FieldError::new(
                    format!("{prefix}.{name}"),
                    refusal.to_string(),
                ));
            }
        }
        if let Some(code) = self.country_code.take().filter(|c| !c.trim().is_empty()) {
            match parse_country(code.trim()) {
                Some(canonical) => self.country_code = Some(canonical.to_string()),
                None => errors.push(FieldError::new(
                    format!("{prefix}.country_code"),
                    "must be an ISO 3166-1 alpha-2 country code",
                )),
            }
        }
        self
    }

    /// The lines that are set, one per line, then "postcode city", region
    /// and country code.
    pub fn full_address(&self) -> String {
        let city_line = [self.postal_code.as_deref(), self.city.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.line1.as_deref(),
            self.line2.as_deref(),
            self.line3.as_deref(),
            Some(city_line.as_str()).filter(|s| !s.is_empty()),
            self.region.as_deref(),
            self.country_code.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.full_address().is_empty()
    }
}

impl Serialize for Address {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            line1: &'a Option<String>,
            line2: &'a Option<String>,
            line3: &'a Option<String>,
            city: &'a Option<String>,
            postal_code: &'a Option<String>,
            region: &'a Option<String>,
            country_code: &'a Option<String>,
            full_address: String,
        }
        Out {
            line1: &self.line1,
            line2: &self.line2,
            line3: &self.line3,
            city: &self.city,
            postal_code: &self.postal_code,
            region: &self.region,
            country_code: &self.country_code,
            full_address: self.full_address(),
        }
        .serialize(serializer)
    }
}

/// The schema of what [`Address`] reads and writes: its fields plus the
/// derived, read-only `full_address` (serde is by hand above, so the schema
/// is too).
#[cfg(feature = "utoipa")]
mod schema {
    use std::borrow::Cow;

    use utoipa::openapi::{RefOr, schema::Schema};
    use utoipa::{PartialSchema, ToSchema};

    /// A postal address (API.md §2). `full_address` is derived and read-only.
    /// Unknown fields are refused (`AddressInput`), which `deny_unknown_fields`
    /// here writes into the schema.
    #[derive(ToSchema, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[schema(example = json!({"line1": "1 High Street", "city": "London", "postal_code": "SW1A 1AA", "country_code": "GB", "full_address": "1 High Street\nSW1A 1AA London\nGB"}))]
    #[allow(dead_code)] // describes Address, never built
    struct Address {
        line1: Option<String>,
        line2: Option<String>,
        line3: Option<String>,
        city: Option<String>,
        postal_code: Option<String>,
        region: Option<String>,
        /// ISO 3166-1 alpha-2.
        country_code: Option<String>,
        #[schema(read_only)]
        full_address: String,
    }

    impl PartialSchema for super::Address {
        fn schema() -> RefOr<Schema> {
            Address::schema()
        }
    }

    impl ToSchema for super::Address {
        fn name() -> Cow<'static, str> {
            Address::name()
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn validates_normalises_and_derives_full_address() {
        let input: Address = serde_json::from_value(json!({
            "line1": " 1 High Street ", "line2": "", "city": "London",
            "postal_code": "SW1A 1AA", "country_code": "gb", "full_address": "ignored"
        }))
        .unwrap();
        let mut errors = Vec::new();
        let a = input.validate("address", &mut errors);
        assert!(errors.is_empty());
        assert_eq!(a.line1.as_deref(), Some("1 High Street"));
        assert_eq!(a.line2, None);
        assert_eq!(a.country_code.as_deref(), Some("GB"));
        let out = serde_json::to_value(&a).unwrap();
        assert_eq!(out["full_address"], "1 High Street\nSW1A 1AA London\nGB");
        // What is read can be sent back.
        let again: Address = serde_json::from_value(out).unwrap();
        assert_eq!(again.validate("address", &mut errors), a);
    }

    #[test]
    fn reports_every_bad_field() {
        let input: Address = serde_json::from_value(json!({
            "city": "x".repeat(256), "country_code": "XX", "line1": "a\u{0}b"
        }))
        .unwrap();
        let mut errors = Vec::new();
        input.validate("billing_address", &mut errors);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "billing_address.line1",
                "billing_address.city",
                "billing_address.country_code"
            ]
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(serde_json::from_value::<Address>(json!({"street": "x"})).is_err());
    }
}

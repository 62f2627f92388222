//! Nested request objects that are objects.
//!
//! serde's derived `Deserialize` for a struct also takes a JSON array of
//! its fields in order, so `"address": ["1 High St", null]` would be read as
//! an address. API.md §1 says a body is what its schema says; these helpers
//! take a struct only from a JSON object, for the fields that hold one:
//! `#[serde(default, deserialize_with = "uome_domain::json_object::option")]`
//! (or [`list`], [`option_list`]).
//!
//! The map is handed on unbuffered ([`MapAccessDeserializer`]), so fields
//! that read their raw JSON text (exact decimals) still can.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// A `T` read only from a JSON object.
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }

        deserializer
            .deserialize_map(ObjectVisitor(PhantomData))
            .map(Object)
    }
}

/// A struct, from an object only.
pub fn one<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<T, D::Error> {
    Object::deserialize(deserializer).map(|o| o.0)
}

/// An optional struct: absent or `null` is `None`, else an object.
pub fn option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    Option::<Object<T>>::deserialize(deserializer).map(|o| o.map(|o| o.0))
}

/// A list of structs, each an object.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    Vec::<Object<T>>::deserialize(deserializer).map(|v| v.into_iter().map(|o| o.0).collect())
}

/// An optional list of structs, each an object.
pub fn option_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    Option::<Vec<Object<T>>>::deserialize(deserializer)
        .map(|v| v.map(|v| v.into_iter().map(|o| o.0).collect()))
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Tier {
        days: u32,
        #[serde(with = "crate::decimal_input::json")]
        rate: Decimal,
    }

    #[derive(Debug, Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "option")]
        tier: Option<Tier>,
        #[serde(default, deserialize_with = "list")]
        tiers: Vec<Tier>,
    }

    #[test]
    fn objects_are_read_and_arrays_refused() {
        let body: Body = serde_json::from_str(
            r#"{"tier": {"days": 1, "rate": 2.5}, "tiers": [{"days": 2, "rate": "1"}]}"#,
        )
        .unwrap();
        assert_eq!(body.tier.unwrap().rate, Decimal::new(25, 1));
        assert_eq!(body.tiers.len(), 1);
        assert!(serde_json::from_value::<Body>(json!({"tier": [1, "2"]})).is_err());
        assert!(serde_json::from_str::<Body>(r#"{"tiers": [[1, "2"]]}"#).is_err());
        let none: Body = serde_json::from_str(r#"{"tier": null}"#).unwrap();
        assert!(none.tier.is_none());
    }
}

//! Which JSON value a body type expects at its top level.
//!
//! serde_json reads a struct from an array as readily as from an object
//! (the fields in declaration order), so `["Array VAT", "7"]` would create
//! a tax rate and `[]` would be an empty action body. API.md §1 bodies are
//! objects: [`expects_object`] asks the type itself, by letting its
//! `Deserialize` impl call one method on a probe that records which and
//! stops. A struct or a map expects an object; a sequence (the bulk
//! routes) or `serde_json::Value` (a merge patch, checked by its handler)
//! keeps serde's own rules. serde has no introspection API, and this is its
//! documented extension point (a custom `Deserializer`), so it is written
//! here rather than taken from a crate.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// Whether `T` reads a JSON object (a struct or a map) at the top level.
pub fn expects_object<'de, T: Deserialize<'de>>() -> bool {
    let mut wanted = Wanted::Other;
    let _ = T::deserialize(Probe {
        wanted: &mut wanted,
    });
    wanted == Wanted::Object
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wanted {
    Object,
    Other,
}

struct Probe<'a> {
    wanted: &'a mut Wanted,
}

/// The probe's way of stopping the `Deserialize` impl after one call.
#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("probe")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_map<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        *self.wanted = Wanted::Object;
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.wanted = Wanted::Object;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::Value;

    use super::expects_object;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Body {
        name: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        #[serde(default)]
        message: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum Loose {
        One(String),
    }

    #[test]
    fn structs_and_maps_expect_an_object() {
        assert!(expects_object::<Body>());
        assert!(expects_object::<Strict>());
        assert!(expects_object::<BTreeMap<String, i32>>());
    }

    #[test]
    fn sequences_values_and_scalars_do_not() {
        assert!(!expects_object::<Vec<Body>>());
        assert!(!expects_object::<Value>());
        assert!(!expects_object::<String>());
        assert!(!expects_object::<Loose>());
    }
}

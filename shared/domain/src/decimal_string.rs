//! `#[serde(with = "uome_domain::decimal_string")]`: a `Decimal` as a JSON
//! (or DynamoDB, or any format's) string, exactly, keeping its scale.
//!
//! For responses and stored data. Unlike [`crate::decimal_input::json`] it
//! works with every serde format, because it never needs raw JSON text: it
//! writes a string and reads a string (integers are accepted too, being
//! exact in every format). Floats are refused rather than rounded.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserializer, Serializer, de};

use crate::decimal_input::parse_decimal;

pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

/// The same for `Option<Decimal>` (`null`/absent is `None`; pair with
/// `#[serde(default)]`).
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.collect_str(v),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        deserializer.deserialize_option(OptionVisitor)
    }

    struct OptionVisitor;

    impl<'de> de::Visitor<'de> for OptionVisitor {
        type Value = Option<Decimal>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a decimal string or null")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            super::deserialize(d).map(Some)
        }
    }
}

struct DecimalVisitor;

impl de::Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number as a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        parse_decimal(text).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0).map_err(E::custom)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        i128::try_from(v)
            .ok()
            .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
            .ok_or_else(|| E::custom("number is out of range"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
        Err(E::custom(
            "a decimal with a fraction must be a string to stay exact",
        ))
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Stored {
        #[serde(with = "super")]
        total: Decimal,
        #[serde(default, with = "super::option")]
        paid: Option<Decimal>,
    }

    #[test]
    fn round_trip_keeps_scale() {
        let s = Stored {
            total: dec!(1140.20),
            paid: Some(dec!(0.00)),
        };
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"{"total":"1140.20","paid":"0.00"}"#);
        let back: Stored = serde_json::from_str(&json).unwrap();
        assert_eq!(back.total.to_string(), "1140.20");
        assert_eq!(back, s);
    }

    #[test]
    fn integers_and_null_are_fine_floats_are_not() {
        let s: Stored = serde_json::from_str(r#"{"total": 15, "paid": null}"#).unwrap();
        assert_eq!(s.total, dec!(15));
        assert_eq!(s.paid, None);
        let s: Stored = serde_json::from_str(r#"{"total": "-1"}"#).unwrap();
        assert_eq!(s.paid, None);
        assert!(serde_json::from_str::<Stored>(r#"{"total": 1.5}"#).is_err());
        assert!(serde_json::from_str::<Stored>(r#"{"total": "x"}"#).is_err());
    }
}

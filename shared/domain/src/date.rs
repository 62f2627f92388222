//! Dates as the API reads them (API.md §1): strictly `YYYY-MM-DD`, with a
//! year from [`MIN_YEAR`] to [`MAX_YEAR`].
//!
//! chrono's own parser is lenient where an invoicing API must not be: it
//! takes `2026-1-1`, signed and five-digit years (`+10000-01-01`) and year
//! 0, and such a date would be posted to the ledger and sort wrongly as
//! text in keys. The same range holds for dates the server derives (a due
//! date from payment terms, a recurring schedule's next run): [`in_range`].

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

/// The earliest year a date may have.
pub const MIN_YEAR: i32 = 1900;
/// The latest year a date may have (four digits).
pub const MAX_YEAR: i32 = 9999;

/// What a bad date is told.
pub const DATE_RULE: &str = "must be a date as YYYY-MM-DD between 1900-01-01 and 9999-12-31";

/// `YYYY-MM-DD` exactly (ten characters, digits and two hyphens), a real
/// calendar day, in range; else `Err` with [`DATE_RULE`].
pub fn parse_date(text: &str) -> Result<NaiveDate, &'static str> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(DATE_RULE);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(in_range)
        .ok_or(DATE_RULE)
}

/// The date if its year is within [`MIN_YEAR`]..=[`MAX_YEAR`].
pub fn in_range(date: NaiveDate) -> Option<NaiveDate> {
    (MIN_YEAR..=MAX_YEAR).contains(&date.year()).then_some(date)
}

/// `#[serde(with = "uome_domain::date::json")]` for a required date.
pub mod json {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&date.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_date(&text).map_err(serde::de::Error::custom)
    }
}

/// `#[serde(default, with = "uome_domain::date::json_opt")]` for an
/// optional date (`null` or absent: `None`).
pub mod json_opt {
    use super::*;

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => json::serialize(date, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => parse_date(&text)
                .map(Some)
                .map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Body {
        #[serde(default, with = "json_opt")]
        date: Option<NaiveDate>,
    }

    #[test]
    fn takes_plain_dates_in_range() {
        for (text, y, m, d) in [
            ("2026-11-21", 2026, 11, 21),
            ("1900-01-01", 1900, 1, 1),
            ("9999-12-31", 9999, 12, 31),
            ("2024-02-29", 2024, 2, 29),
        ] {
            assert_eq!(
                parse_date(text),
                Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap())
            );
        }
    }

    #[test]
    fn refuses_every_other_spelling_and_year() {
        for bad in [
            "0000-01-01",
            "1899-12-31",
            "+10000-01-01",
            "-2026-01-01",
            "10000-01-01",
            "2026-1-1",
            "2026-01-1",
            "2026/01/01",
            "20260101",
            "2026-02-30",
            "2025-02-29",
            " 2026-01-01",
            "2026-01-01T00:00:00Z",
            "",
        ] {
            assert_eq!(parse_date(bad), Err(DATE_RULE), "{bad:?}");
        }
    }

    #[test]
    fn serde_reads_strictly_and_null_is_none() {
        let ok: Body = serde_json::from_str(r#"{"date": "2026-11-21"}"#).unwrap();
        assert_eq!(ok.date, NaiveDate::from_ymd_opt(2026, 11, 21));
        let none: Body = serde_json::from_str(r#"{"date": null}"#).unwrap();
        assert_eq!(none.date, None);
        let absent: Body = serde_json::from_str("{}").unwrap();
        assert_eq!(absent.date, None);
        for bad in [
            r#"{"date": "+10000-01-01"}"#,
            r#"{"date": "2026-1-1"}"#,
            r#"{"date": 20260101}"#,
        ] {
            assert!(serde_json::from_str::<Body>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn derived_dates_stay_in_range() {
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        assert_eq!(in_range(last), Some(last));
        assert_eq!(in_range(last + chrono::Days::new(1)), None);
    }
}

//! Reading one field of a row: its JSON type, its text and its limits,
//! with the message a person fixing the file understands.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::bounded_text::{MAX_CODE_CHARS, MAX_LONG_TEXT_CHARS};
use crate::currency::Currency;
use crate::date::{DATE_RULE, parse_date};
use crate::decimal_input::parse_json_decimal;
use crate::money::validate_money;
use crate::validation::FieldErrors;

/// A row's fields by key, each still raw.
pub(super) struct Fields {
    map: BTreeMap<String, Box<RawValue>>,
}

impl Fields {
    /// The row as an object, or the one error of a row that is not one.
    pub fn parse(raw: &RawValue, errors: &mut FieldErrors) -> Option<Fields> {
        match serde_json::from_str::<BTreeMap<String, Box<RawValue>>>(raw.get()) {
            Ok(map) => Some(Fields { map }),
            Err(_) => {
                errors.push("", "each row must be a JSON object");
                None
            }
        }
    }

    /// Every key that is not one of `known`: a typo would otherwise drop
    /// data without a word.
    pub fn unknown_keys(&self, known: &[&str], errors: &mut FieldErrors) {
        for key in self.map.keys().filter(|k| !known.contains(&k.as_str())) {
            errors.push(key.as_str(), "is not a known field");
        }
    }

    /// The value of `key`, unless absent or `null`.
    fn raw(&self, key: &str) -> Option<&str> {
        self.map
            .get(key)
            .map(|raw| raw.get().trim())
            .filter(|text| *text != "null")
    }

    /// A string of at most `max` characters, trimmed; `None` when absent,
    /// `null` or blank. Identifiers often travel as JSON numbers
    /// (`"customerNumber": 23123123`): an integer is taken as its digits.
    pub fn text(&self, key: &str, max: usize, errors: &mut FieldErrors) -> Option<String> {
        let raw = self.raw(key)?;
        let text = if raw.starts_with('"') {
            match serde_json::from_str::<String>(raw) {
                Ok(text) => text,
                Err(_) => {
                    errors.push(key, "must be a string");
                    return None;
                }
            }
        } else if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
            raw.to_string()
        } else {
            errors.push(key, "must be a string");
            return None;
        };
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if text.chars().count() > max {
            errors.push(key, format!("must be at most {max} characters"));
            return None;
        }
        if text.chars().any(char::is_control) {
            errors.push(key, "must not contain control characters");
            return None;
        }
        Some(text.to_string())
    }

    /// A required [`text`](Self::text).
    pub fn required_text(&self, key: &str, max: usize, errors: &mut FieldErrors) -> Option<String> {
        let before = errors.len();
        let text = self.text(key, max, errors);
        if text.is_none() && errors.len() == before {
            errors.push(key, "is required");
        }
        text
    }

    /// A date as `YYYY-MM-DD`, or the date of an RFC 3339 timestamp
    /// (exports often carry `2026-01-31T00:00:00Z`).
    pub fn date(&self, key: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
        let text = self.text(key, MAX_CODE_CHARS, errors)?;
        let day = match text.split_once('T') {
            Some((day, _)) if chrono::DateTime::parse_from_rfc3339(&text).is_ok() => day,
            _ => text.as_str(),
        };
        match parse_date(day) {
            Ok(date) => Some(date),
            Err(_) => {
                errors.push(key, DATE_RULE);
                None
            }
        }
    }

    /// A currency code, when given.
    pub fn currency(&self, key: &str, errors: &mut FieldErrors) -> Option<Currency> {
        let text = self.text(key, MAX_CODE_CHARS, errors)?;
        match Currency::parse(&text) {
            Ok(currency) => Some(currency),
            Err(_) => {
                errors.push(key, format!("`{text}` is not an ISO 4217 currency code"));
                None
            }
        }
    }

    /// An amount in major units of `currency` (a JSON number or a string
    /// holding one), exact, with no more decimals than the currency has.
    pub fn amount(
        &self,
        key: &str,
        currency: Currency,
        errors: &mut FieldErrors,
    ) -> Option<Decimal> {
        let raw = self.raw(key)?;
        match parse_json_decimal(raw).and_then(|value| validate_money(value, currency)) {
            Ok(value) => Some(value),
            Err(error) => {
                errors.push(key, number_message(&error.to_string()));
                None
            }
        }
    }

    /// Whether the row has `key` (with a value other than `null`).
    pub fn has(&self, key: &str) -> bool {
        self.raw(key).is_some()
    }

    /// The fields of `keys` the row has, kept as the client sent them so
    /// nothing of the other system is lost: numbers as their exact text,
    /// objects (addresses) as objects, strings of at most 2,000 characters.
    pub fn kept(&self, keys: &[&str], errors: &mut FieldErrors) -> BTreeMap<String, Value> {
        let mut kept = BTreeMap::new();
        for key in keys {
            let Some(raw) = self.raw(key) else { continue };
            let value = match raw.as_bytes().first() {
                Some(b'{') => match serde_json::from_str::<Value>(raw) {
                    Ok(value) if raw.len() <= MAX_LONG_TEXT_CHARS => value,
                    Ok(_) => {
                        errors.push(
                            *key,
                            format!("must be at most {MAX_LONG_TEXT_CHARS} characters of JSON"),
                        );
                        continue;
                    }
                    Err(_) => {
                        errors.push(*key, "must be an object");
                        continue;
                    }
                },
                Some(b'-' | b'0'..=b'9') if parse_json_decimal(raw).is_ok() => {
                    Value::String(raw.to_string())
                }
                Some(b't' | b'f') if matches!(raw, "true" | "false") => Value::Bool(raw == "true"),
                _ => match self.text(key, MAX_LONG_TEXT_CHARS, errors) {
                    Some(text) => Value::String(text),
                    None => continue,
                },
            };
            kept.insert((*key).to_string(), value);
        }
        kept
    }
}

/// The domain's number messages start with "invalid number: "; a row's
/// field message is the rule itself.
fn number_message(message: &str) -> String {
    message
        .strip_prefix("invalid number: ")
        .unwrap_or(message)
        .to_string()
}

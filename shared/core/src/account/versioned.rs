//! Optimistic concurrency for the account's single items (profile, company,
//! bank, settings): every write names the version it replaces, and a stale
//! one is a 409 `version_conflict`.
//!
//! A write overlays its fields on the stored document instead of replacing
//! the document whole, so fields other use cases keep on the same item (the
//! user's login data, the processing's upload fields) survive.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{CoreError, CoreResult};
use crate::ports::{Condition, Item, Key, Table, TableError};
use crate::stored;

/// A resource with the version a client must send back to change it.
/// Version 0 means "never stored": the defaults are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versioned<T> {
    pub value: T,
    pub version: u64,
}

/// 409 `version_conflict`, naming the current version when it is known.
pub fn version_conflict(current: Option<u64>) -> CoreError {
    let err = CoreError::conflict(
        "version_conflict",
        "The resource has changed since you read it; reload it and retry.",
    );
    match current {
        Some(version) => err.with_extra("current_version", version),
        None => err,
    }
}

/// The item's document parsed as `T` (missing fields take their serde
/// defaults), with its version; `T::default()` at version 0 when absent.
pub(crate) fn parse_or_default<T: DeserializeOwned + Default>(
    item: Option<&Item>,
) -> CoreResult<Versioned<T>> {
    Ok(Versioned {
        value: stored::parse_or_default(item)?,
        version: item.map_or(0, |item| item.version),
    })
}

/// Writes `fields` over the current document as version `current + 1`.
///
/// `expected` is the version the client sent (`If-Match` or `version`):
/// when given it must equal the current one (0 for a never-stored item).
/// Without it the write applies to what was just read. Either way the put
/// is conditional on that version, so a write racing another is a 409, never
/// a lost update. Answers the merged document and its new version.
pub(crate) async fn write_over<T: DeserializeOwned>(
    table: &dyn Table,
    key: &Key,
    current: Option<Item>,
    expected: Option<u64>,
    fields: &impl Serialize,
) -> CoreResult<Versioned<T>> {
    let current_version = current.as_ref().map_or(0, |item| item.version);
    if expected.is_some_and(|v| v != current_version) {
        return Err(version_conflict(Some(current_version)));
    }
    let Value::Object(fields) = serde_json::to_value(fields)
        .map_err(|e| CoreError::internal(format!("fields do not serialize: {e}")))?
    else {
        return Err(CoreError::internal("fields must serialize to an object"));
    };
    let (item, condition) = match current {
        Some(mut item) => {
            let mut data = match std::mem::take(&mut item.data) {
                Value::Object(map) => map,
                _ => Map::new(),
            };
            data.extend(fields);
            // Sign-up mirrors the version inside some documents; keep that
            // copy in step with the item's.
            if data.contains_key("version") {
                data.insert("version".into(), Value::from(current_version + 1));
            }
            item.data = Value::Object(data);
            item.version = current_version + 1;
            (item, Condition::VersionEquals(current_version))
        }
        None => (Item::new(key.clone(), &fields)?, Condition::NotExists),
    };
    let value: T = item.parse()?;
    let version = item.version;
    match table.put(item, condition).await {
        Ok(()) => Ok(Versioned { value, version }),
        Err(TableError::ConditionFailed) => Err(version_conflict(None)),
        Err(e) => Err(e.into()),
    }
}

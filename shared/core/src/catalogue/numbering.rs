//! Automatic item numbers (`ITM-0001`) from a per-account counter.
//!
//! The counter is an ordinary item (`COUNTER#item`, `{"last": n}`) whose
//! version guards it: the create reads it, then writes `last + 1` with
//! `VersionEquals` in the same transaction as the item and its number
//! guard. Two creates racing for one number cannot both commit; the loser
//! re-reads and takes the next number. Numbers are never handed out twice
//! and never go back, even when items are deleted.

use serde_json::json;

use crate::error::CoreResult;
use crate::ports::{Condition, Item as TableItem, Key, Write};

const PREFIX: &str = "ITM-";

/// The counter as read.
pub(crate) struct Counter {
    key: Key,
    last: u64,
    /// `None` when no counter exists yet.
    version: Option<u64>,
}

impl Counter {
    pub(crate) fn from_item(key: Key, item: Option<&TableItem>) -> Counter {
        let last = item
            .and_then(|i| i.data.get("last"))
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        Counter {
            key,
            last,
            version: item.map(|i| i.version),
        }
    }

    /// The number `skip` places after the next one: a create whose
    /// candidate number was taken by hand skips past it.
    pub(crate) fn candidate(&self, skip: u64) -> u64 {
        self.last.saturating_add(1).saturating_add(skip)
    }

    /// The write that moves the counter to `value`, valid only if nobody
    /// moved it since it was read.
    pub(crate) fn advance_to(&self, value: u64) -> CoreResult<Write> {
        let (version, condition) = match self.version {
            Some(v) => (v + 1, Condition::VersionEquals(v)),
            None => (1, Condition::NotExists),
        };
        let item =
            TableItem::new(self.key.clone(), &json!({ "last": value }))?.with_version(version);
        Ok(Write::Put { item, condition })
    }
}

/// `ITM-0001`; wider once past 9999.
pub(crate) fn item_number(n: u64) -> String {
    format!("{PREFIX}{n:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_padded_to_four() {
        assert_eq!(item_number(1), "ITM-0001");
        assert_eq!(item_number(12345), "ITM-12345");
    }

    #[test]
    fn a_missing_counter_starts_at_one() {
        let counter = Counter::from_item(Key::new("p", "s"), None);
        assert_eq!(counter.candidate(0), 1);
        assert_eq!(counter.candidate(2), 3);
        match counter.advance_to(1).unwrap() {
            Write::Put { item, condition } => {
                assert_eq!(condition, Condition::NotExists);
                assert_eq!(item.version, 1);
                assert_eq!(item.data["last"], 1);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

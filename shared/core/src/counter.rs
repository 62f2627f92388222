//! Per-account counters behind human numbers (`ITM-0001`, `INV-0001`).
//!
//! A counter is an ordinary item (`COUNTER#<kind>`, `{"last": n}`) whose
//! version guards it: a create reads it, then writes `last + 1` with
//! `VersionEquals` in the same transaction as the numbered item. Two
//! creates racing for one number cannot both commit; the loser re-reads and
//! takes the next number. Numbers are never handed out twice and never go
//! back, even when what they numbered is deleted.
//!
//! One shape for every counter. Contact counters were once written as
//! `{"value": n}`; such an item is read as `last = n` and the next create
//! writes it in the shape above.

use serde_json::json;

use crate::error::CoreResult;
use crate::ports::{Condition, Item as TableItem, Key, Write};

/// The counter as read.
pub struct Counter {
    key: Key,
    last: u64,
    /// `None` when no counter exists yet.
    version: Option<u64>,
}

impl Counter {
    pub fn from_item(key: Key, item: Option<&TableItem>) -> Counter {
        let last = item
            .and_then(|i| i.data.get("last").or_else(|| i.data.get("value")))
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
    pub fn candidate(&self, skip: u64) -> u64 {
        self.last.saturating_add(1).saturating_add(skip)
    }

    /// The write that moves the counter to `value`, valid only if nobody
    /// moved it since it was read.
    pub fn advance_to(&self, value: u64) -> CoreResult<Write> {
        let (version, condition) = match self.version {
            Some(v) => (v + 1, Condition::VersionEquals(v)),
            None => (1, Condition::NotExists),
        };
        let item =
            TableItem::new(self.key.clone(), &json!({ "last": value }))?.with_version(version);
        Ok(Write::Put { item, condition })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_contact_counter_shape_is_read_once_and_rewritten() {
        let key = Key::new("p", "COUNTER#contact");
        let old = TableItem::new(key.clone(), &json!({ "value": 41 }))
            .unwrap()
            .with_version(7);
        let counter = Counter::from_item(key, Some(&old));
        assert_eq!(counter.candidate(0), 42);
        match counter.advance_to(42).unwrap() {
            Write::Put { item, condition } => {
                assert_eq!(condition, Condition::VersionEquals(7));
                assert_eq!(item.data, json!({ "last": 42 }));
            }
            other => panic!("unexpected {other:?}"),
        }
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

//! Writing many rows' writes in few calls: each row's writes stay together
//! in one transaction (so a row is all or nothing), rows are packed into
//! transactions of up to [`MAX_TRANSACTION_ITEMS`], and no transaction
//! names a key twice (DynamoDB refuses that). Rows that name the same
//! contact repeat the same checks on it; a repeat of a check already in the
//! transaction is dropped, it would ask the same question.
//!
//! Why transactions rather than BatchWriteItem: an invoice's put, its
//! number guard and its ledger postings must land together, and the
//! guards' `NotExists` conditions are what keep two imports of the same
//! number from both creating it. Both need TransactWriteItems; at up to
//! 100 items a call it is still one call per 25 items or better.

use std::collections::HashSet;

use crate::error::CoreResult;
use crate::ports::table::MAX_TRANSACTION_ITEMS;
use crate::ports::{Key, Table, Write};
use crate::transact::{Outcome, transact};

/// The writes of one row, by its position in the caller's list.
pub(super) struct RowWrites {
    pub row: usize,
    pub writes: Vec<Write>,
}

/// A transaction being filled.
#[derive(Default)]
struct Group {
    rows: Vec<usize>,
    writes: Vec<Write>,
    keys: HashSet<Key>,
}

impl Group {
    /// The row's writes that this group does not already have (repeated
    /// checks), or `None` when a write's key is already written here.
    fn fitting(&self, writes: &[Write]) -> Option<Vec<Write>> {
        let mut mine = HashSet::new();
        let mut fresh = Vec::new();
        for write in writes {
            let key = write.key();
            let repeat = self.keys.contains(key) || mine.contains(key);
            match (repeat, write) {
                (true, Write::Check { .. }) => continue,
                (true, _) => return None,
                (false, _) => {
                    mine.insert(key.clone());
                    fresh.push(write.clone());
                }
            }
        }
        (self.writes.len() + fresh.len() <= MAX_TRANSACTION_ITEMS).then_some(fresh)
    }

    fn add(&mut self, row: usize, writes: Vec<Write>) {
        self.rows.push(row);
        self.keys.extend(writes.iter().map(|w| w.key().clone()));
        self.writes.extend(writes);
    }
}

/// Packs rows into transactions in order; a row that does not fit the
/// current one starts the next.
fn pack(rows: Vec<RowWrites>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for row in rows {
        if row.writes.is_empty() {
            continue;
        }
        let fitting = groups.last().and_then(|g| g.fitting(&row.writes));
        match (groups.last_mut(), fitting) {
            (Some(group), Some(fresh)) => group.add(row.row, fresh),
            _ => {
                let mut group = Group::default();
                group.add(row.row, row.writes);
                groups.push(group);
            }
        }
    }
    groups
}

/// Writes every row; answers the rows whose transaction did not commit
/// (a condition failed or another writer raced it): nothing of them was
/// written, and the caller decides them again.
pub(super) async fn write_rows(table: &dyn Table, rows: Vec<RowWrites>) -> CoreResult<Vec<usize>> {
    let mut failed = Vec::new();
    for group in pack(rows) {
        match transact(table, group.writes).await? {
            Outcome::Done => {}
            Outcome::Failed(_) | Outcome::Busy => failed.extend(group.rows),
        }
    }
    Ok(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::{Condition, Item};
    use serde_json::json;

    fn put(sk: &str) -> Write {
        Write::Put {
            item: Item::new(Key::new("p", sk), &json!({})).unwrap(),
            condition: Condition::NotExists,
        }
    }

    fn check(sk: &str) -> Write {
        Write::Check {
            key: Key::new("p", sk),
            condition: Condition::Exists,
        }
    }

    #[test]
    fn rows_fill_transactions_whole_and_share_checks() {
        let rows: Vec<RowWrites> = (0..30)
            .map(|row| RowWrites {
                row,
                writes: vec![
                    check("CONTACT"),
                    put(&format!("A{row}")),
                    put(&format!("B{row}")),
                ],
            })
            .collect();
        let groups = pack(rows);
        // 1 shared check + 2 puts a row: 49 rows would fit 99 items.
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].writes.len(), 61);
        let many: Vec<RowWrites> = (0..60)
            .map(|row| RowWrites {
                row,
                writes: vec![put(&format!("A{row}")), put(&format!("B{row}"))],
            })
            .collect();
        let groups = pack(many);
        assert_eq!(
            groups.iter().map(|g| g.writes.len()).collect::<Vec<_>>(),
            [100, 20]
        );
        assert!(
            groups.iter().all(|g| g.writes.len() % 2 == 0),
            "a row is never split"
        );
    }

    #[test]
    fn a_key_written_twice_starts_a_new_transaction() {
        let rows = vec![
            RowWrites {
                row: 0,
                writes: vec![put("X"), put("Y")],
            },
            RowWrites {
                row: 1,
                writes: vec![put("X")],
            },
            RowWrites {
                row: 2,
                writes: vec![],
            },
        ];
        let groups = pack(rows);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].rows, [1]);
    }
}

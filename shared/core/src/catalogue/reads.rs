//! Table plumbing shared by the catalogue use cases: one batch read for
//! everything a write needs, and transactions whose failed conditions are
//! told apart by position.

use std::collections::{HashMap, HashSet};

use uome_domain::FieldErrors;

use crate::error::{CoreError, CoreResult};
use crate::ports::{Item as TableItem, Key, Table, TableError, Write};

/// DynamoDB's BatchGetItem limit.
const MAX_BATCH_GET: usize = 100;

/// Items read by key in as few round trips as the backend allows (one for
/// up to 100 keys).
#[derive(Default)]
pub(crate) struct Fetched {
    found: HashMap<Key, TableItem>,
    /// Every key asked for, found or not.
    asked: HashSet<Key>,
}

impl Fetched {
    pub(crate) async fn read(table: &dyn Table, keys: Vec<Key>) -> CoreResult<Fetched> {
        let mut fetched = Fetched::default();
        fetched.ensure(table, keys).await?;
        Ok(fetched)
    }

    /// Reads the keys not asked for yet.
    pub(crate) async fn ensure(&mut self, table: &dyn Table, keys: Vec<Key>) -> CoreResult<()> {
        let mut keys: Vec<Key> = keys
            .into_iter()
            .filter(|k| !self.asked.contains(k))
            .collect();
        keys.sort();
        keys.dedup();
        for chunk in keys.chunks(MAX_BATCH_GET) {
            let items = match chunk {
                // A single key is a plain get: cheaper than a batch.
                [key] => table.get(key).await?.into_iter().collect(),
                _ => table.batch_get(chunk).await?,
            };
            self.found
                .extend(items.into_iter().map(|item| (item.key.clone(), item)));
        }
        self.asked.extend(keys);
        Ok(())
    }

    pub(crate) fn get(&self, key: &Key) -> Option<&TableItem> {
        self.found.get(key)
    }
}

/// How a transaction ended.
pub(crate) enum Outcome {
    Done,
    /// Conditions failed at these positions (in the order written).
    Failed(Vec<usize>),
    /// Another writer got there at the same instant: retry.
    Busy,
}

pub(crate) async fn transact(table: &dyn Table, writes: Vec<Write>) -> CoreResult<Outcome> {
    match table.transact(writes).await {
        Ok(()) => Ok(Outcome::Done),
        Err(TableError::TransactionCancelled { failed }) => Ok(Outcome::Failed(failed)),
        // Some backends cancel without naming a position; treat it as a
        // race and let the caller re-read.
        Err(TableError::ConditionFailed) => Ok(Outcome::Failed(Vec::new())),
        Err(TableError::Contention { .. }) => Ok(Outcome::Busy),
        Err(other) => Err(other.into()),
    }
}

/// 409 `version_conflict`.
pub(crate) fn version_conflict() -> CoreError {
    CoreError::conflict(
        "version_conflict",
        "The resource has changed since that version; reload it and retry.",
    )
}

/// Retries ran out while other writers kept winning.
pub(crate) fn still_busy() -> CoreError {
    CoreError::Table(TableError::Contention {
        code: "CatalogueRetriesExhausted".into(),
    })
}

/// 422 with every collected field error, if any.
pub(crate) fn reject(errors: FieldErrors) -> CoreResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Validation(errors.into_vec()))
    }
}

//! One batch read for everything a write needs: a use case gathers every
//! key it depends on (the document, its contact, the counter, the items of
//! its lines...) and reads them in as few round trips as the backend allows,
//! so a write costs one read and one transaction.

use std::collections::{HashMap, HashSet};

use crate::error::CoreResult;
use crate::ports::{Item as TableItem, Key, Table};

/// DynamoDB's BatchGetItem limit.
const MAX_BATCH_GET: usize = 100;

/// Items read by key in as few round trips as the backend allows (one for
/// up to 100 keys).
#[derive(Default)]
pub struct Fetched {
    found: HashMap<Key, TableItem>,
    /// Every key asked for, found or not.
    asked: HashSet<Key>,
}

impl Fetched {
    pub async fn read(table: &dyn Table, keys: Vec<Key>) -> CoreResult<Fetched> {
        let mut fetched = Fetched::default();
        fetched.ensure(table, keys).await?;
        Ok(fetched)
    }

    /// Reads the keys not asked for yet.
    pub async fn ensure(&mut self, table: &dyn Table, keys: Vec<Key>) -> CoreResult<()> {
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

    pub fn get(&self, key: &Key) -> Option<&TableItem> {
        self.found.get(key)
    }

    /// Takes an item out (to parse it without a clone).
    pub fn take(&mut self, key: &Key) -> Option<TableItem> {
        self.found.remove(key)
    }
}

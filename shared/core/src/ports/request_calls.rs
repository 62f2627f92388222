//! What the request being served cost the table, for its one log line
//! (docs/http.md "Logs") and the cost model (docs/cost.md): its `Table`
//! calls and the DynamoDB on-demand read and write request units they
//! come to. The tally lives in a task-local set by [`counted`] around the
//! request's future, so concurrent requests of the local server each count
//! their own; outside such a scope (jobs, tests) nothing is counted. One
//! port call is one call, whatever the adapter does inside it (a batch of
//! 250 keys is one call here, three `BatchGetItem`s in DynamoDB).
//!
//! Units follow DynamoDB's on-demand rules on the item sizes that pass
//! through the port ([`item_size`]): a strongly consistent read is one unit
//! per 4 KB of each item (at least one per call), an index query half
//! that; a write one unit per 1 KB; a transaction twice its items' units.
//! A delete is counted as one unit (the port does not see the deleted
//! item's size).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use async_trait::async_trait;

use super::{BatchWrite, Condition, Item, Key, Page, Query, Table, TableError, Write};

tokio::task_local! {
    static TALLY: Arc<Tally>;
}

#[derive(Default)]
struct Tally {
    calls: AtomicU32,
    /// Read units × 2: an index query's half units stay whole numbers.
    half_reads: AtomicU64,
    writes: AtomicU64,
}

/// What one request cost the table.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TableUse {
    pub calls: u32,
    pub read_units: f64,
    pub write_units: u64,
}

/// Runs `future` with a fresh tally; its output and what it cost.
pub async fn counted<F: Future>(future: F) -> (F::Output, TableUse) {
    let tally = Arc::new(Tally::default());
    let output = TALLY.scope(tally.clone(), future).await;
    let used = TableUse {
        calls: tally.calls.load(Ordering::Relaxed),
        read_units: tally.half_reads.load(Ordering::Relaxed) as f64 / 2.0,
        write_units: tally.writes.load(Ordering::Relaxed),
    };
    (output, used)
}

fn tally(half_reads: u64, writes: u64) {
    let _ = TALLY.try_with(|t| {
        t.calls.fetch_add(1, Ordering::Relaxed);
        t.half_reads.fetch_add(half_reads, Ordering::Relaxed);
        t.writes.fetch_add(writes, Ordering::Relaxed);
    });
}

/// An item's size as DynamoDB counts it, near enough: its key and index
/// attributes, its document (stored as a map of the same names and
/// values), version and TTL.
pub fn item_size(item: &Item) -> u64 {
    let keys = item.key.pk.len() + item.key.sk.len() + 4;
    let indexes: usize = [&item.gsi1, &item.gsi2, &item.gsi3]
        .into_iter()
        .flatten()
        .map(|k| k.pk.len() + k.sk.len() + 12)
        .sum();
    let data = serde_json::to_vec(&item.data).map_or(0, |d| d.len());
    u64::try_from(keys + indexes + data + 24).unwrap_or(u64::MAX)
}

fn units(bytes: u64, per: u64) -> u64 {
    bytes.div_ceil(per).max(1)
}

/// Half read units of a strongly consistent read of `bytes`.
fn strong_read(bytes: u64) -> u64 {
    2 * units(bytes, 4096)
}

fn write_units(item: &Item) -> u64 {
    units(item_size(item), 1024)
}

/// A `Table` that counts each call into the current request's count.
pub struct RequestCountedTable {
    inner: Arc<dyn Table>,
}

impl RequestCountedTable {
    pub fn wrap(inner: Arc<dyn Table>) -> Arc<dyn Table> {
        Arc::new(Self { inner })
    }
}

#[async_trait]
impl Table for RequestCountedTable {
    async fn get(&self, key: &Key) -> Result<Option<Item>, TableError> {
        let item = self.inner.get(key).await?;
        tally(strong_read(item.as_ref().map_or(0, item_size)), 0);
        Ok(item)
    }

    async fn batch_get(&self, keys: &[Key]) -> Result<Vec<Item>, TableError> {
        let items = self.inner.batch_get(keys).await?;
        let half: u64 = items.iter().map(|i| strong_read(item_size(i))).sum();
        tally(half.max(2), 0);
        Ok(items)
    }

    async fn put(&self, item: Item, condition: Condition) -> Result<(), TableError> {
        tally(0, write_units(&item));
        self.inner.put(item, condition).await
    }

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), TableError> {
        tally(0, 1);
        self.inner.delete(key, condition).await
    }

    async fn query(&self, query: &Query) -> Result<Page, TableError> {
        let page = self.inner.query(query).await?;
        let bytes: u64 = page.items.iter().map(item_size).sum();
        // Index queries read eventually consistent: half the units.
        let half = if query.index.is_some() {
            units(bytes, 4096)
        } else {
            strong_read(bytes)
        };
        tally(half, 0);
        Ok(page)
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), TableError> {
        let (mut half_reads, mut units) = (0, 0);
        for write in &writes {
            match write {
                Write::Put { item, .. } => units += 2 * write_units(item),
                Write::Delete { .. } => units += 2,
                Write::Check { .. } => half_reads += 2 * 2,
            }
        }
        tally(half_reads, units);
        self.inner.transact(writes).await
    }

    async fn batch_write(&self, writes: Vec<BatchWrite>) -> Result<(), TableError> {
        let units: u64 = writes
            .iter()
            .map(|w| match w {
                BatchWrite::Put(item) => write_units(item),
                BatchWrite::Delete(_) => 1,
            })
            .sum();
        tally(0, units);
        self.inner.batch_write(writes).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Empty;

    #[async_trait]
    impl Table for Empty {
        async fn get(&self, _: &Key) -> Result<Option<Item>, TableError> {
            Ok(None)
        }
        async fn batch_get(&self, _: &[Key]) -> Result<Vec<Item>, TableError> {
            Ok(Vec::new())
        }
        async fn put(&self, _: Item, _: Condition) -> Result<(), TableError> {
            Ok(())
        }
        async fn delete(&self, _: &Key, _: Condition) -> Result<(), TableError> {
            Ok(())
        }
        async fn query(&self, _: &Query) -> Result<Page, TableError> {
            Ok(Page {
                items: Vec::new(),
                next: None,
            })
        }
        async fn transact(&self, _: Vec<Write>) -> Result<(), TableError> {
            Ok(())
        }
        async fn batch_write(&self, _: Vec<BatchWrite>) -> Result<(), TableError> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn each_scope_counts_its_own_calls() {
        let table = RequestCountedTable::wrap(Arc::new(Empty));
        let key = Key::new("pk", "sk");
        let item = Item::new(key.clone(), &serde_json::json!({"text": "x".repeat(5000)})).unwrap();
        let ((), used) = counted(async {
            table.get(&key).await.unwrap();
            table.batch_get(std::slice::from_ref(&key)).await.unwrap();
            table.put(item.clone(), Condition::None).await.unwrap();
            table
                .transact(vec![Write::Put {
                    item: item.clone(),
                    condition: Condition::None,
                }])
                .await
                .unwrap();
        })
        .await;
        assert_eq!(used.calls, 4);
        // A missing item still costs a unit; 5 KB is 5 write units, twice
        // that in a transaction.
        assert_eq!(used.read_units, 2.0);
        assert_eq!(used.write_units, 5 + 10);
        let (_, used) = counted(async { table.get(&key).await.unwrap() }).await;
        assert_eq!(used.calls, 1);
        // Outside a scope nothing is counted, and nothing fails.
        assert!(table.get(&key).await.unwrap().is_none());
    }
}

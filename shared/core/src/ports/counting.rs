//! A `Table` that counts the calls going through it, to measure how many
//! round trips each route or use case costs (tests and benches). It lives
//! with the port so core's own tests and the HTTP test kit share it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::{BatchWrite, Condition, Item, Key, Page, Query, Table, TableError, Write};
use async_trait::async_trait;

pub struct CountingTable {
    inner: Arc<dyn Table>,
    calls: Mutex<BTreeMap<&'static str, u64>>,
    items_read: std::sync::atomic::AtomicU64,
    items_written: std::sync::atomic::AtomicU64,
}

impl CountingTable {
    pub fn new(inner: Arc<dyn Table>) -> Self {
        Self {
            inner,
            calls: Mutex::new(BTreeMap::new()),
            items_read: std::sync::atomic::AtomicU64::new(0),
            items_written: std::sync::atomic::AtomicU64::new(0),
        }
    }

    fn count(&self, name: &'static str) {
        if let Ok(mut calls) = self.calls.lock() {
            *calls.entry(name).or_default() += 1;
        }
    }

    fn read(&self, items: usize) {
        let items = u64::try_from(items).unwrap_or(u64::MAX);
        self.items_read
            .fetch_add(items, std::sync::atomic::Ordering::Relaxed);
    }

    fn wrote(&self, items: usize) {
        let items = u64::try_from(items).unwrap_or(u64::MAX);
        self.items_written
            .fetch_add(items, std::sync::atomic::Ordering::Relaxed);
    }

    /// Items the writes sent since the last call (puts, deletes and the
    /// items of transactions and batches, checks included); resets the
    /// count.
    pub fn take_items_written(&self) -> u64 {
        self.items_written
            .swap(0, std::sync::atomic::Ordering::Relaxed)
    }

    /// Items the reads returned since the last call (what DynamoDB bills
    /// read capacity for); resets the count.
    pub fn take_items_read(&self) -> u64 {
        self.items_read
            .swap(0, std::sync::atomic::Ordering::Relaxed)
    }

    /// The counts since the last call, by port method; resets them.
    pub fn take(&self) -> BTreeMap<&'static str, u64> {
        self.calls
            .lock()
            .map(|mut calls| std::mem::take(&mut *calls))
            .unwrap_or_default()
    }
}

#[async_trait]
impl Table for CountingTable {
    async fn get(&self, key: &Key) -> Result<Option<Item>, TableError> {
        self.count("get");
        let item = self.inner.get(key).await?;
        self.read(usize::from(item.is_some()));
        Ok(item)
    }

    async fn batch_get(&self, keys: &[Key]) -> Result<Vec<Item>, TableError> {
        self.count("batch_get");
        let items = self.inner.batch_get(keys).await?;
        self.read(items.len());
        Ok(items)
    }

    async fn put(&self, item: Item, condition: Condition) -> Result<(), TableError> {
        self.count("put");
        self.wrote(1);
        self.inner.put(item, condition).await
    }

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), TableError> {
        self.count("delete");
        self.wrote(1);
        self.inner.delete(key, condition).await
    }

    async fn query(&self, query: &Query) -> Result<Page, TableError> {
        self.count("query");
        let page = self.inner.query(query).await?;
        self.read(page.items.len());
        Ok(page)
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), TableError> {
        self.count("transact");
        self.wrote(writes.len());
        self.inner.transact(writes).await
    }

    async fn batch_write(&self, writes: Vec<BatchWrite>) -> Result<(), TableError> {
        self.count("batch_write");
        self.wrote(writes.len());
        self.inner.batch_write(writes).await
    }
}

//! How many `Table` calls the request being served has made, for its one
//! log line (docs/http.md "Logs"). The count lives in a task-local set by
//! [`counted`] around the request's future, so concurrent requests of the
//! local server each count their own; outside such a scope (jobs, tests)
//! nothing is counted. One port call is one count, whatever the adapter
//! does inside it (a batch of 250 keys is one call here, three
//! `BatchGetItem`s in DynamoDB).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use async_trait::async_trait;

use super::{BatchWrite, Condition, Item, Key, Page, Query, Table, TableError, Write};

tokio::task_local! {
    static CALLS: Arc<AtomicU32>;
}

/// Runs `future` with a fresh count; its output and the calls it made.
pub async fn counted<F: Future>(future: F) -> (F::Output, u32) {
    let calls = Arc::new(AtomicU32::new(0));
    let output = CALLS.scope(calls.clone(), future).await;
    (output, calls.load(Ordering::Relaxed))
}

fn one() {
    let _ = CALLS.try_with(|calls| calls.fetch_add(1, Ordering::Relaxed));
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
        one();
        self.inner.get(key).await
    }

    async fn batch_get(&self, keys: &[Key]) -> Result<Vec<Item>, TableError> {
        one();
        self.inner.batch_get(keys).await
    }

    async fn put(&self, item: Item, condition: Condition) -> Result<(), TableError> {
        one();
        self.inner.put(item, condition).await
    }

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), TableError> {
        one();
        self.inner.delete(key, condition).await
    }

    async fn query(&self, query: &Query) -> Result<Page, TableError> {
        one();
        self.inner.query(query).await
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), TableError> {
        one();
        self.inner.transact(writes).await
    }

    async fn batch_write(&self, writes: Vec<BatchWrite>) -> Result<(), TableError> {
        one();
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
        let ((), calls) = counted(async {
            table.get(&key).await.unwrap();
            table.batch_get(std::slice::from_ref(&key)).await.unwrap();
        })
        .await;
        assert_eq!(calls, 2);
        let (_, calls) = counted(async { table.get(&key).await.unwrap() }).await;
        assert_eq!(calls, 1);
        // Outside a scope nothing is counted, and nothing fails.
        assert!(table.get(&key).await.unwrap().is_none());
    }
}

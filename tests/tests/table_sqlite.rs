//! The `Table` conformance suite against the embedded SQLite adapter, plus
//! what only SQLite has: a file that persists, WAL mode, and several writers
//! racing on one file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::json;
use uome_adapters::embedded::SqliteTable;
use uome_core::ports::{
    Clock, Condition, FixedClock, Item, Key, Query, SystemClock, Table, TableError,
};

/// A new directory for one test's database. It is kept after the test (a
/// `TempDir` dropped while the table is still open would delete the file
/// under it), inside cargo's scratch directory for integration tests, so
/// `cargo clean` removes it rather than it piling up in /tmp.
fn scratch_dir() -> PathBuf {
    tempfile::Builder::new()
        .prefix("uome-sqlite-table-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
        .keep()
}

fn fresh_path() -> PathBuf {
    scratch_dir().join("nested").join("table.sqlite3")
}

fn open(path: &Path) -> SqliteTable {
    SqliteTable::open(path, Arc::new(SystemClock)).unwrap()
}

async fn make() -> Option<Arc<dyn Table>> {
    Some(Arc::new(open(&fresh_path())))
}

uome_tests::table_conformance!(make);

mod in_memory {
    use super::*;

    async fn make() -> Option<Arc<dyn Table>> {
        Some(Arc::new(
            SqliteTable::in_memory(Arc::new(SystemClock)).unwrap(),
        ))
    }

    uome_tests::table_conformance!(make);
}

fn doc(n: u64) -> Item {
    Item::new(Key::new("P", "S"), &json!({ "n": n }))
        .unwrap()
        .with_version(n)
}

#[tokio::test]
async fn file_persists_across_reopen() {
    let path = fresh_path();
    {
        let table = open(&path);
        table.put(doc(1), Condition::NotExists).await.unwrap();
    }
    assert!(
        path.exists(),
        "open created the parent directories and the file"
    );
    let table = open(&path);
    assert_eq!(table.get(&Key::new("P", "S")).await.unwrap(), Some(doc(1)));
    table
        .put(doc(2), Condition::VersionEquals(1))
        .await
        .unwrap();
    drop(table);
    let table = open(&path);
    assert_eq!(table.get(&Key::new("P", "S")).await.unwrap(), Some(doc(2)));
}

#[tokio::test]
async fn wal_mode_is_on() {
    let path = fresh_path();
    let _table = open(&path);
    // WAL is recorded in the database header, bytes 18 and 19 (the file
    // format read and write versions): 2 means WAL, 1 the rollback journal.
    // Reading them needs no SQLite of our own.
    let header = std::fs::read(&path).unwrap();
    assert!(header.len() >= 100, "the database file has its header");
    assert_eq!((header[18], header[19]), (2, 2), "the file is in WAL mode");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_not_exists_puts_have_one_winner() {
    let path = fresh_path();
    // Writers through one handle and through separate handles (separate
    // connections to one file, as separate processes would have).
    let shared = Arc::new(open(&path));
    let mut tasks = Vec::new();
    for n in 0..32u64 {
        let table = if n % 2 == 0 {
            Arc::clone(&shared)
        } else {
            Arc::new(open(&path))
        };
        tasks.push(tokio::spawn(async move {
            table.put(doc(n + 1), Condition::NotExists).await
        }));
    }
    let mut winners = Vec::new();
    for (n, task) in tasks.into_iter().enumerate() {
        match task.await.unwrap() {
            Ok(()) => winners.push(n as u64 + 1),
            Err(TableError::ConditionFailed) => {}
            Err(other) => panic!("writer {n} failed: {other:?}"),
        }
    }
    assert_eq!(
        winners.len(),
        1,
        "exactly one NotExists put wins: {winners:?}"
    );
    let stored = shared.get(&Key::new("P", "S")).await.unwrap().unwrap();
    assert_eq!(stored, doc(winners[0]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_version_bumps_lose_no_update() {
    let path = fresh_path();
    let table = Arc::new(open(&path));
    table.put(doc(0), Condition::NotExists).await.unwrap();
    // Each task retries read-then-conditional-write until it lands: the
    // final version counts every landed write exactly once.
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let table = Arc::new(open(&path));
        tasks.push(tokio::spawn(async move {
            for _ in 0..5 {
                loop {
                    let current = table.get(&Key::new("P", "S")).await.unwrap().unwrap();
                    let next = doc(current.version + 1);
                    match table
                        .put(next, Condition::VersionEquals(current.version))
                        .await
                    {
                        Ok(()) => break,
                        Err(TableError::ConditionFailed | TableError::Contention { .. }) => {}
                        Err(other) => panic!("{other:?}"),
                    }
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let stored = table.get(&Key::new("P", "S")).await.unwrap().unwrap();
    assert_eq!(stored.version, 40);
}

#[tokio::test]
async fn ttl_follows_the_injected_clock() {
    let start = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let clock = Arc::new(FixedClock::new(start));
    let table = SqliteTable::in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    let expiring = doc(1).with_expiry(start.timestamp() + 60);
    table.put(expiring.clone(), Condition::None).await.unwrap();
    assert_eq!(
        table.get(&expiring.key).await.unwrap(),
        Some(expiring.clone())
    );

    // Expiry is inclusive: at exactly `expires_at` the item is gone.
    clock.advance(chrono::Duration::seconds(60));
    assert_eq!(table.get(&expiring.key).await.unwrap(), None);
    let page = table.query(&Query::partition("P", 10)).await.unwrap();
    assert!(page.items.is_empty());

    // Much later (a write now also purges expired rows) the key is free.
    clock.advance(chrono::Duration::seconds(3600));
    table.put(doc(5), Condition::NotExists).await.unwrap();
    assert_eq!(table.get(&expiring.key).await.unwrap(), Some(doc(5)));
}

#[tokio::test]
async fn backend_errors_are_reported_not_panicked() {
    // A directory where the file should be cannot be opened as a database.
    let dir = scratch_dir();
    match SqliteTable::open(&dir, Arc::new(SystemClock)) {
        Err(TableError::Backend { code, .. }) => assert!(code.starts_with("SQLITE_"), "{code}"),
        other => panic!("expected a backend error, got {other:?}"),
    }
}

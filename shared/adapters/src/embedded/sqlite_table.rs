//! The `Table` port on one SQLite file: the local server's table and the one
//! most tests use.
//!
//! One SQL table mirrors the DynamoDB key design column for column (pk, sk,
//! three sparse GSIs, version, ttl, the JSON document), so core cannot tell
//! the two apart. Every port call is one SQLite transaction; writes take the
//! write lock up front (`BEGIN IMMEDIATE`) so a condition read and the write
//! it guards can never interleave with another writer, even one in another
//! process on the same file.
//!
//! Ordering: SQLite's default `BINARY` collation compares TEXT with `memcmp`
//! over its UTF-8 bytes, which is exactly how DynamoDB orders string keys.
//! The schema relies on that and declares no other collation.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, ffi, params, params_from_iter};
use uome_core::ports::Clock;
use uome_core::ports::table::{
    BatchWrite, Condition, Index, IndexKey, Item, Key, LastKey, MAX_QUERY_LIMIT,
    MAX_TRANSACTION_ITEMS, Page, Query, SortKey, Table, TableError, Write,
};

/// Bumped when the schema changes; a file written by a newer build is refused
/// rather than misread.
const SCHEMA_VERSION: i64 = 1;

// STRICT makes SQLite enforce the declared column types instead of silently
// storing whatever it is given; WITHOUT ROWID stores rows in primary-key
// order, which is the order every partition query reads them in. The GSI
// indexes are partial: an item without the index key is not in the index,
// just like DynamoDB's sparse indexes. The table key trails each GSI index so
// that ties on the GSI sort key resume exactly from a cursor.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS items (
    pk      TEXT NOT NULL,
    sk      TEXT NOT NULL,
    gsi1pk  TEXT,
    gsi1sk  TEXT,
    gsi2pk  TEXT,
    gsi2sk  TEXT,
    gsi3pk  TEXT,
    gsi3sk  TEXT,
    version INTEGER NOT NULL,
    ttl     INTEGER,
    data    TEXT NOT NULL,
    PRIMARY KEY (pk, sk)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_gsi1 ON items (gsi1pk, gsi1sk, pk, sk) WHERE gsi1pk IS NOT NULL;
CREATE INDEX IF NOT EXISTS items_gsi2 ON items (gsi2pk, gsi2sk, pk, sk) WHERE gsi2pk IS NOT NULL;
CREATE INDEX IF NOT EXISTS items_gsi3 ON items (gsi3pk, gsi3sk, pk, sk) WHERE gsi3pk IS NOT NULL;
CREATE INDEX IF NOT EXISTS items_ttl ON items (ttl) WHERE ttl IS NOT NULL;
";

const COLUMNS: &str = "pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, version, ttl, data";

/// Visible means not expired: an item whose TTL is at or before "now" is gone
/// for every read and every condition, whether or not it was purged yet.
const VISIBLE: &str = "(ttl IS NULL OR ttl > ?2)";

/// Long enough to ride out another process's write transaction, short enough
/// that a stuck writer surfaces as `Contention` instead of a hung request.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Expired rows are purged at most this often (seconds of the table clock):
/// reads already ignore them, the purge only keeps the file from growing.
const PURGE_INTERVAL_SECS: i64 = 60;

/// DynamoDB's BatchGetItem limit, kept so local code cannot rely on more.
const MAX_BATCH_GET_KEYS: usize = 100;

/// The `Table` port over SQLite. Cloning shares the connection.
#[derive(Clone)]
pub struct SqliteTable {
    // rusqlite is synchronous and a connection is not `Sync`: every call runs
    // on a blocking thread holding this lock for the length of one
    // transaction, which also serialises writers within the process.
    conn: Arc<Mutex<Connection>>,
    clock: Arc<dyn Clock>,
    last_purge: Arc<AtomicI64>,
}

impl std::fmt::Debug for SqliteTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteTable").finish_non_exhaustive()
    }
}

impl SqliteTable {
    /// Opens (creating if needed) the database file at `path`, its parent
    /// directories and the schema, in WAL mode.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<SqliteTable, TableError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| TableError::Backend {
                code: "IO".into(),
                message: format!("creating {}: {e}", parent.display()),
            })?;
        }
        let conn = Connection::open(path).map_err(sql_error)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql_error)?;
        // WAL lets readers carry on while one writer commits, and makes a
        // commit one append instead of a rewrite of the journal.
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(sql_error)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(TableError::Backend {
                code: "SQLITE_WAL".into(),
                message: format!(
                    "{} cannot use WAL mode (journal mode is {mode})",
                    path.display()
                ),
            });
        }
        // In WAL mode NORMAL is still crash-safe (a power cut may lose the
        // last commits, never corrupt the file) and skips an fsync per commit.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql_error)?;
        Self::with_schema(conn, clock)
    }

    /// A private in-memory database, for tests.
    pub fn in_memory(clock: Arc<dyn Clock>) -> Result<SqliteTable, TableError> {
        let conn = Connection::open_in_memory().map_err(sql_error)?;
        Self::with_schema(conn, clock)
    }

    fn with_schema(mut conn: Connection, clock: Arc<dyn Clock>) -> Result<Self, TableError> {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(sql_error)?;
        if version > SCHEMA_VERSION {
            return Err(TableError::Backend {
                code: "SCHEMA".into(),
                message: format!(
                    "the database has schema version {version}; this build knows {SCHEMA_VERSION}"
                ),
            });
        }
        tx.execute_batch(SCHEMA).map_err(sql_error)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(sql_error)?;
        tx.commit().map_err(sql_error)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            clock,
            last_purge: Arc::new(AtomicI64::new(i64::MIN)),
        })
    }

    fn now(&self) -> i64 {
        self.clock.now().timestamp()
    }

    /// Whether this write should also purge expired rows; claims the slot so
    /// concurrent writers do not all purge at once.
    fn claim_purge(&self, now: i64) -> bool {
        let last = self.last_purge.load(Ordering::Relaxed);
        now.saturating_sub(last) >= PURGE_INTERVAL_SECS
            && self
                .last_purge
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
    }

    /// Runs `work` on a blocking thread with the connection to itself.
    async fn run<T, F>(&self, work: F) -> Result<T, TableError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, TableError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // A panic while the lock was held unwound through rusqlite's
            // transaction guard, which rolls back; the connection is sound.
            let mut conn = conn.lock().unwrap_or_else(PoisonError::into_inner);
            if !conn.is_autocommit() {
                // Belt and braces: never start a port call inside a
                // transaction some earlier failure left open.
                conn.execute_batch("ROLLBACK").map_err(sql_error)?;
            }
            work(&mut conn)
        })
        .await
        .map_err(|e| TableError::Backend {
            code: "TASK".into(),
            message: e.to_string(),
        })?
    }

    /// Runs `work` in one write transaction, committed only when it succeeds.
    async fn write<T, F>(&self, work: F) -> Result<T, TableError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>, i64) -> Result<T, TableError> + Send + 'static,
    {
        let now = self.now();
        let purge = self.claim_purge(now);
        self.run(move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(sql_error)?;
            if purge {
                tx.prepare_cached("DELETE FROM items WHERE ttl IS NOT NULL AND ttl <= ?1")
                    .and_then(|mut stmt| stmt.execute([now]))
                    .map_err(sql_error)?;
            }
            // Dropping `tx` on an error rolls everything back.
            let out = work(&tx, now)?;
            tx.commit().map_err(sql_error)?;
            Ok(out)
        })
        .await
    }

    /// Runs `work` in one read transaction: a consistent snapshot.
    async fn read<T, F>(&self, work: F) -> Result<T, TableError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>, i64) -> Result<T, TableError> + Send + 'static,
    {
        let now = self.now();
        self.run(move |conn| {
            let tx = conn.transaction().map_err(sql_error)?;
            let out = work(&tx, now)?;
            tx.commit().map_err(sql_error)?;
            Ok(out)
        })
        .await
    }
}

#[async_trait]
impl Table for SqliteTable {
    async fn get(&self, key: &Key) -> Result<Option<Item>, TableError> {
        check_key(key)?;
        let key = key.clone();
        self.read(move |tx, now| fetch_visible(tx, &key, now)).await
    }

    async fn batch_get(&self, keys: &[Key]) -> Result<Vec<Item>, TableError> {
        if keys.len() > MAX_BATCH_GET_KEYS {
            return Err(TableError::Invalid(format!(
                "batch_get takes at most {MAX_BATCH_GET_KEYS} keys, got {}",
                keys.len()
            )));
        }
        keys.iter().try_for_each(check_key)?;
        // Each item comes back once however often its key was asked for.
        let keys: BTreeSet<Key> = keys.iter().cloned().collect();
        self.read(move |tx, now| {
            let mut items = Vec::with_capacity(keys.len());
            for key in &keys {
                items.extend(fetch_visible(tx, key, now)?);
            }
            Ok(items)
        })
        .await
    }

    async fn put(&self, item: Item, condition: Condition) -> Result<(), TableError> {
        let row = EncodedItem::new(item)?;
        self.write(move |tx, now| {
            if !holds(condition, visible_version(tx, &row.key, now)?) {
                return Err(TableError::ConditionFailed);
            }
            upsert(tx, &row)
        })
        .await
    }

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), TableError> {
        check_key(key)?;
        let key = key.clone();
        self.write(move |tx, now| {
            if !holds(condition, visible_version(tx, &key, now)?) {
                return Err(TableError::ConditionFailed);
            }
            remove(tx, &key)
        })
        .await
    }

    async fn query(&self, query: &Query) -> Result<Page, TableError> {
        let plan = QueryPlan::new(query)?;
        let limit = query.limit as usize;
        let index = query.index;
        self.read(move |tx, now| {
            let mut items = plan.run(tx, now)?;
            // One row more than asked was fetched, so `next` is exact: it is
            // set only when a further visible item really exists.
            let next = if items.len() > limit {
                items.truncate(limit);
                items.last().map(|item| LastKey {
                    key: item.key.clone(),
                    index: index.and_then(|i| item.index_key(i).cloned()),
                })
            } else {
                None
            };
            Ok(Page { items, next })
        })
        .await
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), TableError> {
        if writes.len() > MAX_TRANSACTION_ITEMS {
            return Err(TableError::Invalid(format!(
                "a transaction takes at most {MAX_TRANSACTION_ITEMS} writes, got {}",
                writes.len()
            )));
        }
        let mut seen = BTreeSet::new();
        for write in &writes {
            check_key(write.key())?;
            if !seen.insert(write.key()) {
                return Err(TableError::Invalid(format!(
                    "a transaction writes {:?} more than once",
                    write.key()
                )));
            }
        }
        let writes = writes
            .into_iter()
            .map(PreparedWrite::new)
            .collect::<Result<Vec<_>, _>>()?;
        self.write(move |tx, now| {
            // Keys are distinct, so judging every condition against the state
            // before the transaction is what DynamoDB does; all of them are
            // judged so the caller learns every failed position.
            let mut failed = Vec::new();
            for (position, write) in writes.iter().enumerate() {
                if !holds(write.condition(), visible_version(tx, write.key(), now)?) {
                    failed.push(position);
                }
            }
            if !failed.is_empty() {
                return Err(TableError::TransactionCancelled { failed });
            }
            for write in &writes {
                match write {
                    PreparedWrite::Put(row, _) => upsert(tx, row)?,
                    PreparedWrite::Delete(key, _) => remove(tx, key)?,
                    PreparedWrite::Check(..) => {}
                }
            }
            Ok(())
        })
        .await
    }

    async fn batch_write(&self, writes: Vec<BatchWrite>) -> Result<(), TableError> {
        if writes.is_empty() {
            return Ok(());
        }
        let writes = writes
            .into_iter()
            .map(|write| match write {
                BatchWrite::Put(item) => EncodedItem::new(item).map(BatchRow::Put),
                BatchWrite::Delete(key) => check_key(&key).map(|()| BatchRow::Delete(key)),
            })
            .collect::<Result<Vec<_>, _>>()?;
        // SQLite has no request size limit, so the whole batch is one
        // transaction; writes apply in order, a later one to the same key wins.
        self.write(move |tx, _now| {
            for write in &writes {
                match write {
                    BatchRow::Put(row) => upsert(tx, row)?,
                    BatchRow::Delete(key) => remove(tx, key)?,
                }
            }
            Ok(())
        })
        .await
    }
}

/// An item validated and serialised for its row.
struct EncodedItem {
    key: Key,
    indexes: [Option<IndexKey>; 3],
    version: i64,
    ttl: Option<i64>,
    data: String,
}

impl EncodedItem {
    fn new(item: Item) -> Result<Self, TableError> {
        check_key(&item.key)?;
        let indexes = [item.gsi1, item.gsi2, item.gsi3];
        for (index, key) in Index::ALL.iter().zip(&indexes) {
            if let Some(key) = key
                && (key.pk.is_empty() || key.sk.is_empty())
            {
                // DynamoDB rejects empty strings in index key attributes.
                return Err(TableError::Invalid(format!(
                    "{} key of {:?} has an empty part",
                    index.name(),
                    item.key
                )));
            }
        }
        if !item.data.is_object() {
            return Err(TableError::Invalid(format!(
                "data of {:?} must be a JSON object",
                item.key
            )));
        }
        let version = i64::try_from(item.version).map_err(|_| {
            TableError::Invalid(format!("version {} is out of range", item.version))
        })?;
        let data = serde_json::to_string(&item.data)
            .map_err(|e| TableError::Invalid(format!("data of {:?}: {e}", item.key)))?;
        Ok(Self {
            key: item.key,
            indexes,
            version,
            ttl: item.expires_at,
            data,
        })
    }
}

enum PreparedWrite {
    Put(EncodedItem, Condition),
    Delete(Key, Condition),
    Check(Key, Condition),
}

impl PreparedWrite {
    fn new(write: Write) -> Result<Self, TableError> {
        Ok(match write {
            Write::Put { item, condition } => Self::Put(EncodedItem::new(item)?, condition),
            Write::Delete { key, condition } => Self::Delete(key, condition),
            Write::Check { key, condition } => Self::Check(key, condition),
        })
    }

    fn key(&self) -> &Key {
        match self {
            Self::Put(row, _) => &row.key,
            Self::Delete(key, _) | Self::Check(key, _) => key,
        }
    }

    fn condition(&self) -> Condition {
        match self {
            Self::Put(_, c) | Self::Delete(_, c) | Self::Check(_, c) => *c,
        }
    }
}

enum BatchRow {
    Put(EncodedItem),
    Delete(Key),
}

/// DynamoDB rejects empty key strings; refusing them here keeps local code
/// from depending on something the cloud would refuse.
fn check_key(key: &Key) -> Result<(), TableError> {
    if key.pk.is_empty() || key.sk.is_empty() {
        return Err(TableError::Invalid(format!(
            "key {key:?} has an empty part"
        )));
    }
    Ok(())
}

/// Whether `condition` holds given the visible item's version (`None` when
/// there is no visible item).
fn holds(condition: Condition, current: Option<u64>) -> bool {
    match condition {
        Condition::None => true,
        Condition::NotExists => current.is_none(),
        Condition::Exists => current.is_some(),
        Condition::VersionEquals(expected) => current == Some(expected),
    }
}

fn visible_version(
    tx: &rusqlite::Transaction<'_>,
    key: &Key,
    now: i64,
) -> Result<Option<u64>, TableError> {
    let version: Option<i64> = tx
        .prepare_cached(&format!(
            "SELECT version FROM items WHERE pk = ?1 AND sk = ?3 AND {VISIBLE}"
        ))
        .and_then(|mut stmt| {
            stmt.query_row(params![key.pk, now, key.sk], |row| row.get(0))
                .optional()
        })
        .map_err(sql_error)?;
    version
        .map(|v| {
            u64::try_from(v).map_err(|_| TableError::Corrupt {
                key: key.clone(),
                message: format!("negative version {v}"),
            })
        })
        .transpose()
}

fn fetch_visible(
    tx: &rusqlite::Transaction<'_>,
    key: &Key,
    now: i64,
) -> Result<Option<Item>, TableError> {
    let raw = tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM items WHERE pk = ?1 AND sk = ?3 AND {VISIBLE}"
        ))
        .and_then(|mut stmt| {
            stmt.query_row(params![key.pk, now, key.sk], RawRow::read)
                .optional()
        })
        .map_err(sql_error)?;
    raw.map(RawRow::into_item).transpose()
}

fn upsert(tx: &rusqlite::Transaction<'_>, row: &EncodedItem) -> Result<(), TableError> {
    let [g1, g2, g3] = &row.indexes;
    let (g1pk, g1sk) = index_columns(g1);
    let (g2pk, g2sk) = index_columns(g2);
    let (g3pk, g3sk) = index_columns(g3);
    // A put replaces the whole item, as DynamoDB's PutItem does: index keys
    // the new item lacks are cleared, taking it out of those indexes.
    tx.prepare_cached(
        "INSERT INTO items (pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, version, ttl, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (pk, sk) DO UPDATE SET
            gsi1pk = excluded.gsi1pk, gsi1sk = excluded.gsi1sk,
            gsi2pk = excluded.gsi2pk, gsi2sk = excluded.gsi2sk,
            gsi3pk = excluded.gsi3pk, gsi3sk = excluded.gsi3sk,
            version = excluded.version, ttl = excluded.ttl, data = excluded.data",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            row.key.pk,
            row.key.sk,
            g1pk,
            g1sk,
            g2pk,
            g2sk,
            g3pk,
            g3sk,
            row.version,
            row.ttl,
            row.data
        ])
    })
    .map_err(sql_error)?;
    Ok(())
}

/// The two column values of an index key; NULLs keep the item out of it.
fn index_columns(key: &Option<IndexKey>) -> (Option<&str>, Option<&str>) {
    match key {
        Some(key) => (Some(key.pk.as_str()), Some(key.sk.as_str())),
        None => (None, None),
    }
}

fn remove(tx: &rusqlite::Transaction<'_>, key: &Key) -> Result<(), TableError> {
    tx.prepare_cached("DELETE FROM items WHERE pk = ?1 AND sk = ?2")
        .and_then(|mut stmt| stmt.execute(params![key.pk, key.sk]))
        .map_err(sql_error)?;
    Ok(())
}

/// A row as SQLite returns it, before it is checked into an `Item`.
struct RawRow {
    pk: String,
    sk: String,
    indexes: [(Option<String>, Option<String>); 3],
    version: i64,
    ttl: Option<i64>,
    data: String,
}

impl RawRow {
    /// Reads the columns of `COLUMNS`, in that order.
    fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            pk: row.get(0)?,
            sk: row.get(1)?,
            indexes: [
                (row.get(2)?, row.get(3)?),
                (row.get(4)?, row.get(5)?),
                (row.get(6)?, row.get(7)?),
            ],
            version: row.get(8)?,
            ttl: row.get(9)?,
            data: row.get(10)?,
        })
    }

    fn into_item(self) -> Result<Item, TableError> {
        let key = Key::new(self.pk, self.sk);
        let corrupt = |message: String| TableError::Corrupt {
            key: key.clone(),
            message,
        };
        let version = u64::try_from(self.version)
            .map_err(|_| corrupt(format!("negative version {}", self.version)))?;
        let data: serde_json::Value = serde_json::from_str(&self.data)
            .map_err(|e| corrupt(format!("data is not JSON: {e}")))?;
        let [g1, g2, g3] = self.indexes.map(|(pk, sk)| match (pk, sk) {
            (Some(pk), Some(sk)) => Some(IndexKey { pk, sk }),
            _ => None,
        });
        Ok(Item {
            key,
            gsi1: g1,
            gsi2: g2,
            gsi3: g3,
            version,
            expires_at: self.ttl,
            data,
        })
    }
}

/// A query turned into SQL and its parameters, checked before any I/O.
struct QueryPlan {
    sql: String,
    args: Vec<SqlValue>,
}

impl QueryPlan {
    fn new(query: &Query) -> Result<Self, TableError> {
        if query.limit == 0 || query.limit > MAX_QUERY_LIMIT {
            return Err(TableError::Invalid(format!(
                "query limit must be 1..={MAX_QUERY_LIMIT}, got {}",
                query.limit
            )));
        }
        if query.pk.is_empty() {
            return Err(TableError::Invalid("query partition key is empty".into()));
        }
        // Column names come from `Index`'s fixed attribute names, never from
        // the caller, so interpolating them is safe.
        let (pk_col, sk_col) = match query.index {
            None => ("pk", "sk"),
            Some(index) => (index.pk_attr(), index.sk_attr()),
        };
        // ?1 and ?2 are the partition and "now" (see `VISIBLE`).
        let mut sql = format!("SELECT {COLUMNS} FROM items WHERE {pk_col} = ?1 AND {VISIBLE}");
        let mut args: Vec<SqlValue> = vec![query.pk.clone().into(), SqlValue::Integer(0)];
        let sort_condition = match &query.sk {
            SortKey::All => None,
            SortKey::Eq(v) => Some(format!("{sk_col} = {}", bind(&mut args, v))),
            SortKey::Gt(v) => Some(format!("{sk_col} > {}", bind(&mut args, v))),
            SortKey::Gte(v) => Some(format!("{sk_col} >= {}", bind(&mut args, v))),
            SortKey::Lt(v) => Some(format!("{sk_col} < {}", bind(&mut args, v))),
            SortKey::Lte(v) => Some(format!("{sk_col} <= {}", bind(&mut args, v))),
            SortKey::Between(low, high) => {
                if low > high {
                    // DynamoDB refuses a BETWEEN whose bounds are reversed.
                    return Err(TableError::Invalid(format!(
                        "sort key range {low:?}..={high:?} is reversed"
                    )));
                }
                let low = bind(&mut args, low);
                let high = bind(&mut args, high);
                Some(format!("{sk_col} BETWEEN {low} AND {high}"))
            }
            SortKey::BeginsWith(prefix) => {
                // A range rather than a function call so the index serves it.
                let low = bind(&mut args, prefix);
                Some(match prefix_successor(prefix) {
                    Some(high) => {
                        let high = bind(&mut args, &high);
                        format!("{sk_col} >= {low} AND {sk_col} < {high}")
                    }
                    None => format!("{sk_col} >= {low}"),
                })
            }
        };
        if let Some(condition) = sort_condition {
            sql.push_str(" AND ");
            sql.push_str(&condition);
        }

        let (cmp, dir) = if query.forward {
            (">", "ASC")
        } else {
            ("<", "DESC")
        };
        if let Some(last) = &query.start_after {
            match query.index {
                None => {
                    let sk = bind(&mut args, &last.key.sk);
                    sql.push_str(&format!(" AND sk {cmp} {sk}"));
                }
                Some(index) => {
                    let Some(at) = &last.index else {
                        return Err(TableError::Invalid(format!(
                            "the cursor of a {} query must carry its index key",
                            index.name()
                        )));
                    };
                    // Items may share an index sort key: resume strictly
                    // after the whole (index sk, table key) tuple.
                    let isk = bind(&mut args, &at.sk);
                    let pk = bind(&mut args, &last.key.pk);
                    let sk = bind(&mut args, &last.key.sk);
                    sql.push_str(&format!(
                        " AND ({sk_col}, pk, sk) {cmp} ({isk}, {pk}, {sk})"
                    ));
                }
            }
        }

        match query.index {
            None => sql.push_str(&format!(" ORDER BY sk {dir}")),
            Some(_) => sql.push_str(&format!(" ORDER BY {sk_col} {dir}, pk {dir}, sk {dir}")),
        }
        args.push(SqlValue::Integer(i64::from(query.limit) + 1));
        sql.push_str(&format!(" LIMIT ?{}", args.len()));
        Ok(Self { sql, args })
    }

    fn run(&self, tx: &rusqlite::Transaction<'_>, now: i64) -> Result<Vec<Item>, TableError> {
        let mut args = self.args.clone();
        args[1] = SqlValue::Integer(now);
        let mut stmt = tx.prepare_cached(&self.sql).map_err(sql_error)?;
        let rows = stmt
            .query_map(params_from_iter(args), RawRow::read)
            .map_err(sql_error)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(sql_error)?;
        rows.into_iter().map(RawRow::into_item).collect()
    }
}

/// Adds `value` as the next parameter and returns its placeholder.
fn bind(args: &mut Vec<SqlValue>, value: &str) -> String {
    args.push(value.to_owned().into());
    format!("?{}", args.len())
}

/// The least string greater than every string starting with `prefix`, or
/// `None` when no such string exists (the prefix is all `char::MAX`).
///
/// UTF-8 byte order is code point order, so bumping the last bumpable char
/// and dropping what follows bounds the prefix range exactly.
fn prefix_successor(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = match last {
            // Skip the surrogate gap, which no `char` can hold.
            '\u{D7FF}' => Some('\u{E000}'),
            c => char::from_u32(u32::from(c) + 1),
        };
        if let Some(next) = next {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

fn sql_error(error: rusqlite::Error) -> TableError {
    match &error {
        rusqlite::Error::SqliteFailure(failure, message) => {
            let code = code_name(failure.extended_code);
            if matches!(
                failure.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) {
                return TableError::Contention { code: code.into() };
            }
            TableError::Backend {
                code: code.into(),
                message: message.clone().unwrap_or_else(|| error.to_string()),
            }
        }
        _ => TableError::Backend {
            code: "RUSQLITE".into(),
            message: error.to_string(),
        },
    }
}

/// SQLite's name for the primary result code within an extended one.
fn code_name(extended_code: i32) -> &'static str {
    match extended_code & 0xff {
        ffi::SQLITE_ERROR => "SQLITE_ERROR",
        ffi::SQLITE_INTERNAL => "SQLITE_INTERNAL",
        ffi::SQLITE_PERM => "SQLITE_PERM",
        ffi::SQLITE_ABORT => "SQLITE_ABORT",
        ffi::SQLITE_BUSY => "SQLITE_BUSY",
        ffi::SQLITE_LOCKED => "SQLITE_LOCKED",
        ffi::SQLITE_NOMEM => "SQLITE_NOMEM",
        ffi::SQLITE_READONLY => "SQLITE_READONLY",
        ffi::SQLITE_INTERRUPT => "SQLITE_INTERRUPT",
        ffi::SQLITE_IOERR => "SQLITE_IOERR",
        ffi::SQLITE_CORRUPT => "SQLITE_CORRUPT",
        ffi::SQLITE_NOTFOUND => "SQLITE_NOTFOUND",
        ffi::SQLITE_FULL => "SQLITE_FULL",
        ffi::SQLITE_CANTOPEN => "SQLITE_CANTOPEN",
        ffi::SQLITE_PROTOCOL => "SQLITE_PROTOCOL",
        ffi::SQLITE_SCHEMA => "SQLITE_SCHEMA",
        ffi::SQLITE_TOOBIG => "SQLITE_TOOBIG",
        ffi::SQLITE_CONSTRAINT => "SQLITE_CONSTRAINT",
        ffi::SQLITE_MISMATCH => "SQLITE_MISMATCH",
        ffi::SQLITE_MISUSE => "SQLITE_MISUSE",
        ffi::SQLITE_NOLFS => "SQLITE_NOLFS",
        ffi::SQLITE_AUTH => "SQLITE_AUTH",
        ffi::SQLITE_RANGE => "SQLITE_RANGE",
        ffi::SQLITE_NOTADB => "SQLITE_NOTADB",
        _ => "SQLITE_UNKNOWN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_successor_bounds_the_prefix_range() {
        assert_eq!(prefix_successor("INV#").as_deref(), Some("INV$"));
        assert_eq!(prefix_successor("a\u{D7FF}").as_deref(), Some("a\u{E000}"));
        assert_eq!(prefix_successor("a\u{10FFFF}").as_deref(), Some("b"));
        assert_eq!(prefix_successor("\u{10FFFF}"), None);
        assert_eq!(prefix_successor(""), None);
    }

    #[test]
    fn code_names_use_the_primary_code() {
        // SQLITE_BUSY_SNAPSHOT is an extended code of SQLITE_BUSY.
        assert_eq!(code_name(ffi::SQLITE_BUSY | (2 << 8)), "SQLITE_BUSY");
        assert_eq!(code_name(ffi::SQLITE_CONSTRAINT), "SQLITE_CONSTRAINT");
    }
}

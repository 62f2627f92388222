//! The `Table` port: DynamoDB's single-table primitives, nothing more.
//!
//! Items have a partition key `pk`, a sort key `sk`, up to three global
//! secondary index keys (absent when the item is not in that index: the
//! indexes are sparse), a `version` the caller maintains, an optional TTL
//! (`expires_at`, epoch seconds) and a JSON `data` document.
//!
//! Semantics every adapter honours (checked by the conformance suite in
//! `tests/src/conformance.rs`, run against SQLite and against DynamoDB):
//! - sort keys compare as UTF-8 bytes, like DynamoDB strings;
//! - an item whose `expires_at` is at or before the adapter clock's "now" is
//!   invisible to `get`, `batch_get` and `query`, and counts as absent for
//!   conditions (DynamoDB deletes such items lazily, so adapters filter);
//! - `query` returns at most `limit` visible items and `next` is `Some`
//!   exactly when more visible items follow;
//! - `transact` applies all writes or none; a failed condition is
//!   `TransactionCancelled` naming the failed writes by position;
//! - `batch_write` takes any number of unconditional writes and chunks and
//!   retries as the backend needs.

use async_trait::async_trait;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::Value;

/// Most items a transaction may hold (DynamoDB's TransactWriteItems limit).
pub const MAX_TRANSACTION_ITEMS: usize = 100;
/// Most items a query page may ask for.
pub const MAX_QUERY_LIMIT: u32 = 1000;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    pub pk: String,
    pub sk: String,
}

impl Key {
    pub fn new(pk: impl Into<String>, sk: impl Into<String>) -> Self {
        Self {
            pk: pk.into(),
            sk: sk.into(),
        }
    }
}

/// The global secondary indexes of the table. Attribute names in DynamoDB are
/// `gsi1pk`/`gsi1sk` and so on; the index names are `gsi1`, `gsi2`, `gsi3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Index {
    Gsi1,
    Gsi2,
    Gsi3,
}

impl Index {
    pub const ALL: [Index; 3] = [Index::Gsi1, Index::Gsi2, Index::Gsi3];

    pub fn name(self) -> &'static str {
        match self {
            Index::Gsi1 => "gsi1",
            Index::Gsi2 => "gsi2",
            Index::Gsi3 => "gsi3",
        }
    }

    pub fn pk_attr(self) -> &'static str {
        match self {
            Index::Gsi1 => "gsi1pk",
            Index::Gsi2 => "gsi2pk",
            Index::Gsi3 => "gsi3pk",
        }
    }

    pub fn sk_attr(self) -> &'static str {
        match self {
            Index::Gsi1 => "gsi1sk",
            Index::Gsi2 => "gsi2sk",
            Index::Gsi3 => "gsi3sk",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IndexKey {
    pub pk: String,
    pub sk: String,
}

impl IndexKey {
    pub fn new(pk: impl Into<String>, sk: impl Into<String>) -> Self {
        Self {
            pk: pk.into(),
            sk: sk.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub key: Key,
    pub gsi1: Option<IndexKey>,
    pub gsi2: Option<IndexKey>,
    pub gsi3: Option<IndexKey>,
    /// Maintained by the caller: write `old + 1` with `Condition::VersionEquals(old)`.
    pub version: u64,
    /// TTL in epoch seconds; the item disappears once this instant has passed.
    pub expires_at: Option<i64>,
    /// The item's document; always a JSON object.
    pub data: Value,
}

impl Item {
    /// An item with version 1, no index keys and no TTL.
    pub fn new(key: Key, data: &impl Serialize) -> Result<Self, TableError> {
        let data = serde_json::to_value(data).map_err(|e| TableError::Invalid(e.to_string()))?;
        if !data.is_object() {
            return Err(TableError::Invalid(
                "item data must be a JSON object".into(),
            ));
        }
        Ok(Self {
            key,
            gsi1: None,
            gsi2: None,
            gsi3: None,
            version: 1,
            expires_at: None,
            data,
        })
    }

    pub fn with_index(mut self, index: Index, key: IndexKey) -> Self {
        *self.index_slot(index) = Some(key);
        self
    }

    pub fn with_version(mut self, version: u64) -> Self {
        self.version = version;
        self
    }

    pub fn with_expiry(mut self, epoch_seconds: i64) -> Self {
        self.expires_at = Some(epoch_seconds);
        self
    }

    pub fn index_key(&self, index: Index) -> Option<&IndexKey> {
        match index {
            Index::Gsi1 => self.gsi1.as_ref(),
            Index::Gsi2 => self.gsi2.as_ref(),
            Index::Gsi3 => self.gsi3.as_ref(),
        }
    }

    fn index_slot(&mut self, index: Index) -> &mut Option<IndexKey> {
        match index {
            Index::Gsi1 => &mut self.gsi1,
            Index::Gsi2 => &mut self.gsi2,
            Index::Gsi3 => &mut self.gsi3,
        }
    }

    /// The data document as a typed value.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, TableError> {
        T::deserialize(&self.data).map_err(|e| TableError::Corrupt {
            key: self.key.clone(),
            message: e.to_string(),
        })
    }

    /// Whether the TTL has passed at `now` (epoch seconds).
    pub fn is_expired(&self, now: i64) -> bool {
        self.expires_at.is_some_and(|t| t <= now)
    }
}

/// A condition on the current item at a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Unconditional.
    None,
    /// No (visible) item at the key.
    NotExists,
    /// An item exists at the key.
    Exists,
    /// An item exists and its version equals this one.
    VersionEquals(u64),
}

/// Sort-key condition of a query (DynamoDB's key condition expressions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortKey {
    All,
    Eq(String),
    BeginsWith(String),
    /// Inclusive on both ends.
    Between(String, String),
    Gt(String),
    Gte(String),
    Lt(String),
    Lte(String),
}

/// Where the previous page stopped: the last item's table key, plus its index
/// key when the query ran on an index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastKey {
    pub key: Key,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<IndexKey>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// `None` queries the table; `Some` one global secondary index.
    pub index: Option<Index>,
    pub pk: String,
    pub sk: SortKey,
    /// Ascending sort key when true.
    pub forward: bool,
    /// 1..=MAX_QUERY_LIMIT.
    pub limit: u32,
    pub start_after: Option<LastKey>,
}

impl Query {
    /// All of a partition, ascending, first page of `limit`.
    pub fn partition(pk: impl Into<String>, limit: u32) -> Self {
        Self {
            index: None,
            pk: pk.into(),
            sk: SortKey::All,
            forward: true,
            limit,
            start_after: None,
        }
    }

    pub fn on(mut self, index: Index) -> Self {
        self.index = Some(index);
        self
    }

    pub fn sk(mut self, sk: SortKey) -> Self {
        self.sk = sk;
        self
    }

    pub fn backward(mut self) -> Self {
        self.forward = false;
        self
    }

    pub fn after(mut self, last: Option<LastKey>) -> Self {
        self.start_after = last;
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// `Some` exactly when more items follow; pass it back as `start_after`.
    pub next: Option<LastKey>,
}

/// One write of a transaction.
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    Put {
        item: Item,
        condition: Condition,
    },
    Delete {
        key: Key,
        condition: Condition,
    },
    /// Writes nothing; fails the transaction when the condition does not hold.
    Check {
        key: Key,
        condition: Condition,
    },
}

impl Write {
    pub fn key(&self) -> &Key {
        match self {
            Write::Put { item, .. } => &item.key,
            Write::Delete { key, .. } | Write::Check { key, .. } => key,
        }
    }
}

/// One unconditional write of a batch.
#[derive(Clone, Debug, PartialEq)]
pub enum BatchWrite {
    Put(Item),
    Delete(Key),
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// The single write's condition did not hold.
    #[error("the condition on the item did not hold")]
    ConditionFailed,
    /// A transaction's conditions did not hold; `failed` holds the positions
    /// (in the order given) of the writes whose condition failed.
    #[error("the transaction was cancelled: conditions failed at {failed:?}")]
    TransactionCancelled { failed: Vec<usize> },
    /// Another writer got there at the same moment (DynamoDB's
    /// TransactionConflict or throttling): safe to retry.
    #[error("contention on the table ({code}): retry")]
    Contention { code: String },
    /// The request itself was unusable (too many items, same key twice in
    /// a transaction, bad limit, data not an object, ...).
    #[error("invalid table request: {0}")]
    Invalid(String),
    /// A stored item does not parse as the expected type.
    #[error("stored item {key:?} does not parse: {message}")]
    Corrupt { key: Key, message: String },
    /// The backend failed; `code` is the AWS error code (or SQLite's).
    #[error("table backend error {code}: {message}")]
    Backend { code: String, message: String },
}

impl TableError {
    /// True when a condition decided against the write (a 409 at the edge).
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            TableError::ConditionFailed | TableError::TransactionCancelled { .. }
        )
    }
}

#[async_trait]
pub trait Table: Send + Sync {
    async fn get(&self, key: &Key) -> Result<Option<Item>, TableError>;

    /// Up to 100 keys; missing or expired ones are left out. Order is not
    /// guaranteed.
    async fn batch_get(&self, keys: &[Key]) -> Result<Vec<Item>, TableError>;

    async fn put(&self, item: Item, condition: Condition) -> Result<(), TableError>;

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), TableError>;

    async fn query(&self, query: &Query) -> Result<Page, TableError>;

    /// All or nothing, up to `MAX_TRANSACTION_ITEMS` writes on distinct keys.
    async fn transact(&self, writes: Vec<Write>) -> Result<(), TableError>;

    /// Any number of unconditional writes, not atomic as a whole.
    async fn batch_write(&self, writes: Vec<BatchWrite>) -> Result<(), TableError>;
}

//! The `Table` port on DynamoDB (`aws-sdk-dynamodb`, `serde_dynamo`).
//!
//! One table, the key design of `uome_core::ports::table`; the item layout
//! and condition expressions are in [`codec`]. Things worth knowing:
//! - expired items (`ttl` at or before the clock's now) are filtered out of
//!   reads and count as absent in conditions, because DynamoDB deletes them
//!   lazily, up to days after they expire;
//! - reads of the base table are strongly consistent: core reads an item and
//!   then writes it under a version condition, and a stale read would turn
//!   into a needless conflict (GSI queries cannot be consistent);
//! - in a transaction, `Write::Check` with `Condition::None` is sent as a
//!   ConditionCheck that always holds (DynamoDB requires an expression), so
//!   it still counts towards the 100 items and the distinct-keys rule.

mod batch;
mod codec;
mod errors;
mod query;
mod schema;
mod transact;

use std::sync::Arc;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use uome_core::ports::Clock;
use uome_core::ports::table::{
    BatchWrite, Condition, Item, Key, Page, Query, Table, TableError, Write,
};

pub use schema::{create_table, ensure_table};

use codec::{from_attributes, key_attributes, to_attributes};
use errors::from_sdk;

/// The partition and sort key [`DynamoTable::warm_up`] reads: outside every
/// key scheme of `uome_core::keys`, so no item ever has it.
pub const WARM_UP_KEY: &str = "#WARM-UP";
/// How long [`DynamoTable::warm_up`] may take: an in-region handshake and
/// read take a few tens of milliseconds.
pub const WARM_UP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

/// DynamoDB implementation of the `Table` port.
#[derive(Clone)]
pub struct DynamoTable {
    client: Client,
    table_name: String,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for DynamoTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DynamoTable")
            .field("table_name", &self.table_name)
            .finish_non_exhaustive()
    }
}

impl DynamoTable {
    pub fn new(client: Client, table_name: impl Into<String>, clock: Arc<dyn Clock>) -> Self {
        Self {
            client,
            table_name: table_name.into(),
            clock,
        }
    }

    pub fn table_name(&self) -> &str {
        &self.table_name
    }

    /// Opens the client's connection to DynamoDB before the first request
    /// needs it, so a Lambda's first call does not pay the TCP and TLS
    /// handshakes its cold start could have done (issue 17): one eventually
    /// consistent GetItem of [`WARM_UP_KEY`], which no item has (half a read
    /// unit), whose connection the client keeps in its pool. Any answer
    /// of DynamoDB's will do, a refusal too: the `scheduler`'s role may
    /// only query its index, and its connection is as warm after an
    /// AccessDenied. One attempt, bounded by [`WARM_UP_TIMEOUT`]; when no
    /// answer comes, the first request connects as it would have.
    pub async fn warm_up(&self) -> Result<(), TableError> {
        use aws_sdk_dynamodb::config::retry::RetryConfig;
        use aws_sdk_dynamodb::config::timeout::TimeoutConfig;
        use aws_sdk_dynamodb::error::SdkError;

        let once = aws_sdk_dynamodb::config::Builder::new()
            .retry_config(RetryConfig::disabled())
            .timeout_config(
                TimeoutConfig::builder()
                    .operation_timeout(WARM_UP_TIMEOUT)
                    .build(),
            );
        let answer = self
            .client
            .get_item()
            .table_name(&self.table_name)
            .set_key(Some(key_attributes(&Key::new(WARM_UP_KEY, WARM_UP_KEY))?))
            .consistent_read(false)
            .customize()
            .config_override(once)
            .send()
            .await;
        match answer {
            Ok(_) | Err(SdkError::ServiceError(_) | SdkError::ResponseError(_)) => Ok(()),
            Err(no_answer) => Err(from_sdk(no_answer)),
        }
    }

    /// "Now" in epoch seconds, the unit of the `ttl` attribute.
    fn now(&self) -> i64 {
        self.clock.now().timestamp()
    }
}

#[async_trait]
impl Table for DynamoTable {
    async fn get(&self, key: &Key) -> Result<Option<Item>, TableError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table_name)
            .set_key(Some(key_attributes(key)?))
            .consistent_read(true)
            .send()
            .await
            .map_err(from_sdk)?;
        let now = self.now();
        match out.item {
            Some(attrs) => Ok(Some(from_attributes(attrs)?).filter(|item| !item.is_expired(now))),
            None => Ok(None),
        }
    }

    async fn batch_get(&self, keys: &[Key]) -> Result<Vec<Item>, TableError> {
        batch::get(self, keys).await
    }

    async fn put(&self, item: Item, condition: Condition) -> Result<(), TableError> {
        let attrs = to_attributes(&item)?;
        let expr = codec::condition(condition, self.now(), false);
        let mut request = self
            .client
            .put_item()
            .table_name(&self.table_name)
            .set_item(Some(attrs));
        if let Some(expr) = expr {
            request = request
                .condition_expression(&expr.text)
                .set_expression_attribute_names(expr.names_opt())
                .set_expression_attribute_values(expr.values_opt());
        }
        request.send().await.map_err(from_sdk)?;
        Ok(())
    }

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), TableError> {
        let expr = codec::condition(condition, self.now(), false);
        let mut request = self
            .client
            .delete_item()
            .table_name(&self.table_name)
            .set_key(Some(key_attributes(key)?));
        if let Some(expr) = expr {
            request = request
                .condition_expression(&expr.text)
                .set_expression_attribute_names(expr.names_opt())
                .set_expression_attribute_values(expr.values_opt());
        }
        request.send().await.map_err(from_sdk)?;
        Ok(())
    }

    async fn query(&self, query: &Query) -> Result<Page, TableError> {
        query::run(self, query).await
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), TableError> {
        transact::run(self, writes).await
    }

    async fn batch_write(&self, writes: Vec<BatchWrite>) -> Result<(), TableError> {
        batch::write(self, writes).await
    }
}

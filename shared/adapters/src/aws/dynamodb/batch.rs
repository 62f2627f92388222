//! BatchWriteItem and BatchGetItem: chunked to DynamoDB's limits, with the
//! unprocessed remainder retried under bounded exponential backoff (DynamoDB
//! hands back unprocessed items instead of failing when a partition is hot).

use std::collections::HashSet;
use std::time::Duration;

use aws_sdk_dynamodb::types::{DeleteRequest, KeysAndAttributes, PutRequest, WriteRequest};
use uome_core::ports::table::{BatchWrite, Item, Key, TableError};

use super::DynamoTable;
use super::codec::{Attributes, from_attributes, key_attributes, to_attributes};
use super::errors::{from_build, from_sdk};

const WRITE_CHUNK: usize = 25;
const GET_CHUNK: usize = 100;
/// Rounds per chunk (the first try included) before giving up as contention.
const MAX_ROUNDS: u32 = 8;
const BASE_DELAY: Duration = Duration::from_millis(25);
const MAX_DELAY: Duration = Duration::from_secs(2);

pub(super) async fn write(table: &DynamoTable, writes: Vec<BatchWrite>) -> Result<(), TableError> {
    // Encode everything first so a bad item fails the call before any write.
    let requests = writes
        .into_iter()
        .map(|write| match write {
            BatchWrite::Put(item) => write_request_put(item),
            BatchWrite::Delete(key) => write_request_delete(key),
        })
        .collect::<Result<Vec<_>, _>>()?;
    for chunk in chunk_writes(requests) {
        write_chunk(table, chunk).await?;
    }
    Ok(())
}

fn write_request_put(item: Item) -> Result<(Key, WriteRequest), TableError> {
    let put = PutRequest::builder()
        .set_item(Some(to_attributes(&item)?))
        .build()
        .map_err(from_build)?;
    Ok((item.key, WriteRequest::builder().put_request(put).build()))
}

fn write_request_delete(key: Key) -> Result<(Key, WriteRequest), TableError> {
    let delete = DeleteRequest::builder()
        .set_key(Some(key_attributes(&key)?))
        .build()
        .map_err(from_build)?;
    Ok((key, WriteRequest::builder().delete_request(delete).build()))
}

/// Chunks of at most 25, in order. BatchWriteItem rejects a request that
/// names a key twice, so a repeated key starts a new chunk; chunks go out one
/// after another, which keeps "the later write wins".
fn chunk_writes(requests: Vec<(Key, WriteRequest)>) -> Vec<Vec<WriteRequest>> {
    let mut chunks = Vec::new();
    let mut current = Vec::new();
    let mut keys = HashSet::new();
    for (key, request) in requests {
        if current.len() == WRITE_CHUNK || keys.contains(&key) {
            chunks.push(std::mem::take(&mut current));
            keys.clear();
        }
        keys.insert(key);
        current.push(request);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

async fn write_chunk(
    table: &DynamoTable,
    mut pending: Vec<WriteRequest>,
) -> Result<(), TableError> {
    for round in 1..=MAX_ROUNDS {
        let out = table
            .client
            .batch_write_item()
            .request_items(&table.table_name, pending)
            .send()
            .await
            .map_err(from_sdk)?;
        pending = out
            .unprocessed_items
            .and_then(|mut by_table| by_table.remove(&table.table_name))
            .unwrap_or_default();
        if pending.is_empty() {
            return Ok(());
        }
        tracing::debug!(
            unprocessed = pending.len(),
            round,
            "retrying BatchWriteItem remainder"
        );
        if round < MAX_ROUNDS {
            tokio::time::sleep(backoff(round)).await;
        }
    }
    Err(TableError::Contention {
        code: "UnprocessedItems".into(),
    })
}

pub(super) async fn get(table: &DynamoTable, keys: &[Key]) -> Result<Vec<Item>, TableError> {
    // BatchGetItem rejects a request that names a key twice.
    let mut seen = HashSet::new();
    let unique: Vec<&Key> = keys.iter().filter(|key| seen.insert(*key)).collect();
    let encoded = unique
        .into_iter()
        .map(key_attributes)
        .collect::<Result<Vec<_>, _>>()?;
    let now = table.now();
    let mut items = Vec::with_capacity(encoded.len());
    for chunk in encoded.chunks(GET_CHUNK) {
        for item in get_chunk(table, chunk.to_vec()).await? {
            if !item.is_expired(now) {
                items.push(item);
            }
        }
    }
    Ok(items)
}

async fn get_chunk(
    table: &DynamoTable,
    mut pending: Vec<Attributes>,
) -> Result<Vec<Item>, TableError> {
    let mut items = Vec::with_capacity(pending.len());
    for round in 1..=MAX_ROUNDS {
        let request = KeysAndAttributes::builder()
            .set_keys(Some(pending))
            .consistent_read(true)
            .build()
            .map_err(from_build)?;
        let out = table
            .client
            .batch_get_item()
            .request_items(&table.table_name, request)
            .send()
            .await
            .map_err(from_sdk)?;
        let found = out
            .responses
            .and_then(|mut by_table| by_table.remove(&table.table_name))
            .unwrap_or_default();
        for attrs in found {
            items.push(from_attributes(attrs)?);
        }
        pending = out
            .unprocessed_keys
            .and_then(|mut by_table| by_table.remove(&table.table_name))
            .map(|remainder| remainder.keys)
            .unwrap_or_default();
        if pending.is_empty() {
            return Ok(items);
        }
        tracing::debug!(
            unprocessed = pending.len(),
            round,
            "retrying BatchGetItem remainder"
        );
        if round < MAX_ROUNDS {
            tokio::time::sleep(backoff(round)).await;
        }
    }
    Err(TableError::Contention {
        code: "UnprocessedKeys".into(),
    })
}

/// Exponential with "equal jitter": half the step fixed, half spread so that
/// writers throttled together do not come back together.
fn backoff(round: u32) -> Duration {
    let step = BASE_DELAY
        .saturating_mul(
            1u32.checked_shl(round.saturating_sub(1))
                .unwrap_or(u32::MAX),
        )
        .min(MAX_DELAY);
    let half = step / 2;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let spread = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX).max(1);
    half + Duration::from_nanos(u64::from(nanos) % spread)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn put(pk: &str, sk: &str) -> (Key, WriteRequest) {
        write_request_put(Item::new(Key::new(pk, sk), &json!({})).unwrap()).unwrap()
    }

    #[test]
    fn chunks_hold_at_most_25_distinct_keys() {
        let requests: Vec<_> = (0..60).map(|i| put("P", &format!("{i:03}"))).collect();
        let sizes: Vec<usize> = chunk_writes(requests).iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![25, 25, 10]);
    }

    #[test]
    fn a_repeated_key_starts_a_new_chunk() {
        let requests = vec![put("P", "a"), put("P", "b"), put("P", "a"), put("P", "c")];
        let sizes: Vec<usize> = chunk_writes(requests).iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![2, 2]);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert!(backoff(1) <= BASE_DELAY);
        assert!(backoff(3) >= BASE_DELAY * 2);
        assert!(backoff(40) <= MAX_DELAY);
    }
}

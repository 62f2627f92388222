//! The DynamoDB `Table` adapter against moto's server: the shared
//! conformance suite, then what is peculiar to DynamoDB (item layout, schema,
//! cancellation reasons, error codes, TTL filtering against a fixed clock,
//! batching). Skips itself when `UOME_TEST_AWS_ENDPOINT` is unset.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{AttributeValue, BillingMode, KeyType, ProjectionType};
use chrono::{TimeZone, Utc};
use serde_json::json;
use uome_adapters::aws::dynamodb::{DynamoTable, create_table, ensure_table};
use uome_core::ports::table::{
    BatchWrite, Condition, Index, IndexKey, Item, Key, Query, SortKey, Table, TableError, Write,
};
use uome_core::ports::{Clock, FixedClock, SystemClock};

/// A table of its own for each conformance case (moto creates one in
/// milliseconds), behind a client of the case's own runtime.
async fn make() -> Option<Arc<dyn Table>> {
    let (_, _, table) = fresh(Arc::new(SystemClock)).await?;
    Some(Arc::new(table))
}

uome_tests::table_conformance!(make);

/// Epoch seconds of the fixed clock used by the TTL tests.
const NOW: i64 = 1_700_000_000;

async fn client() -> Option<Client> {
    let config = uome_aws_tests::sdk_config().await?;
    Some(Client::new(&config))
}

/// A fresh table, its raw client and the adapter over it.
async fn fresh(clock: Arc<dyn Clock>) -> Option<(Client, String, DynamoTable)> {
    let client = client().await?;
    let name = uome_aws_tests::unique_name("uome-table");
    create_table(&client, &name).await.unwrap();
    let table = DynamoTable::new(client.clone(), name.clone(), clock);
    Some((client, name, table))
}

fn fixed_clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(Utc.timestamp_opt(NOW, 0).unwrap()))
}

async fn raw_item(client: &Client, table: &str, key: &Key) -> HashMap<String, AttributeValue> {
    client
        .get_item()
        .table_name(table)
        .key("pk", AttributeValue::S(key.pk.clone()))
        .key("sk", AttributeValue::S(key.sk.clone()))
        .send()
        .await
        .unwrap()
        .item
        .unwrap()
}

fn item(pk: &str, sk: &str) -> Item {
    Item::new(Key::new(pk, sk), &json!({ "sk": sk })).unwrap()
}

#[tokio::test]
async fn create_table_declares_the_product_schema() {
    let Some((client, name, _)) = fresh(Arc::new(SystemClock)).await else {
        return;
    };
    let described = client
        .describe_table()
        .table_name(&name)
        .send()
        .await
        .unwrap();
    let table = described.table.unwrap();
    assert_eq!(
        table.billing_mode_summary().and_then(|b| b.billing_mode()),
        Some(&BillingMode::PayPerRequest)
    );
    let keys: Vec<(&str, &KeyType)> = table
        .key_schema()
        .iter()
        .map(|k| (k.attribute_name(), k.key_type()))
        .collect();
    assert_eq!(keys, vec![("pk", &KeyType::Hash), ("sk", &KeyType::Range)]);
    let mut indexes: Vec<(String, Vec<String>, Option<ProjectionType>)> = table
        .global_secondary_indexes()
        .iter()
        .map(|gsi| {
            (
                gsi.index_name().unwrap_or_default().to_owned(),
                gsi.key_schema()
                    .iter()
                    .map(|k| format!("{}:{}", k.attribute_name(), k.key_type().as_str()))
                    .collect(),
                gsi.projection().and_then(|p| p.projection_type()).cloned(),
            )
        })
        .collect();
    indexes.sort();
    let expected: Vec<(String, Vec<String>, Option<ProjectionType>)> = Index::ALL
        .iter()
        .map(|i| {
            (
                i.name().to_owned(),
                vec![
                    format!("{}:HASH", i.pk_attr()),
                    format!("{}:RANGE", i.sk_attr()),
                ],
                Some(ProjectionType::All),
            )
        })
        .collect();
    assert_eq!(indexes, expected);

    let ttl = client
        .describe_time_to_live()
        .table_name(&name)
        .send()
        .await
        .unwrap();
    let ttl = ttl.time_to_live_description.unwrap();
    assert_eq!(ttl.attribute_name(), Some("ttl"));
}

#[tokio::test]
async fn ensure_table_leaves_an_existing_table_alone() {
    let Some((client, name, table)) = fresh(Arc::new(SystemClock)).await else {
        return;
    };
    table.put(item("P", "a"), Condition::None).await.unwrap();
    ensure_table(&client, &name).await.unwrap();
    assert!(table.get(&Key::new("P", "a")).await.unwrap().is_some());
    let err = create_table(&client, &name).await.unwrap_err();
    assert!(
        matches!(&err, TableError::Backend { code, .. } if code == "ResourceInUseException"),
        "{err:?}"
    );
}

#[tokio::test]
async fn items_are_laid_out_without_null_index_keys() {
    let Some((client, name, table)) = fresh(Arc::new(SystemClock)).await else {
        return;
    };
    let sparse = Item::new(
        Key::new("ACCOUNT#1", "INVOICE#1"),
        &json!({ "total": "12.50", "lines": [{ "qty": 2 }], "note": null }),
    )
    .unwrap()
    .with_index(Index::Gsi2, IndexKey::new("DUE#3", "2024-05-01"))
    .with_version(4);
    table
        .put(sparse.clone(), Condition::NotExists)
        .await
        .unwrap();

    let raw = raw_item(&client, &name, &sparse.key).await;
    let mut names: Vec<&str> = raw.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        vec!["data", "gsi2pk", "gsi2sk", "pk", "sk", "version"]
    );
    assert_eq!(raw["version"], AttributeValue::N("4".into()));
    assert_eq!(raw["gsi2pk"], AttributeValue::S("DUE#3".into()));
    let data = raw["data"].as_m().unwrap();
    assert_eq!(data["total"], AttributeValue::S("12.50".into()));
    assert!(data["lines"].is_l());
    assert_eq!(table.get(&sparse.key).await.unwrap(), Some(sparse));

    let expiring = item("ACCOUNT#1", "IDEMPOTENCY#1").with_expiry(4_000_000_000);
    table.put(expiring.clone(), Condition::None).await.unwrap();
    let raw = raw_item(&client, &name, &expiring.key).await;
    assert_eq!(raw["ttl"], AttributeValue::N("4000000000".into()));
    assert!(!raw.contains_key("gsi1pk"));
}

#[tokio::test]
async fn expired_items_are_invisible_and_count_as_absent() {
    let clock = fixed_clock();
    let Some((client, name, table)) = fresh(clock.clone()).await else {
        return;
    };
    let key = Key::new("LOGIN#a@b.c", "THROTTLE");
    let old = item(&key.pk, &key.sk).with_expiry(NOW - 1);
    table.put(old, Condition::None).await.unwrap();
    // Still stored (DynamoDB deletes lazily), but not visible.
    assert!(!raw_item(&client, &name, &key).await.is_empty());
    assert_eq!(table.get(&key).await.unwrap(), None);
    assert!(
        table
            .batch_get(std::slice::from_ref(&key))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        table.delete(&key, Condition::Exists).await,
        Err(TableError::ConditionFailed)
    ));
    assert!(matches!(
        table
            .put(item(&key.pk, &key.sk), Condition::VersionEquals(1))
            .await,
        Err(TableError::ConditionFailed)
    ));

    // Expiry exactly at now counts as expired; NotExists then succeeds.
    let at_now = item(&key.pk, &key.sk).with_expiry(NOW);
    table.put(at_now, Condition::None).await.unwrap();
    let fresh_item = item(&key.pk, &key.sk).with_expiry(NOW + 60);
    table
        .put(fresh_item.clone(), Condition::NotExists)
        .await
        .unwrap();
    assert_eq!(table.get(&key).await.unwrap(), Some(fresh_item.clone()));
    assert!(matches!(
        table.put(fresh_item, Condition::NotExists).await,
        Err(TableError::ConditionFailed)
    ));

    clock.advance(chrono::Duration::seconds(60));
    assert_eq!(table.get(&key).await.unwrap(), None);
}

#[tokio::test]
async fn query_pages_skip_expired_items_and_end_exactly() {
    let clock = fixed_clock();
    let Some((_, _, table)) = fresh(clock).await else {
        return;
    };
    // Ten items, the odd ones expired: five visible.
    let writes = (0..10)
        .map(|i| {
            let it = item("P", &format!("S#{i:02}"));
            BatchWrite::Put(if i % 2 == 1 {
                it.with_expiry(NOW - 5)
            } else {
                it
            })
        })
        .collect();
    table.batch_write(writes).await.unwrap();

    for forward in [true, false] {
        let mut seen = Vec::new();
        let mut query = Query::partition("P", 2);
        query.forward = forward;
        let mut pages = 0;
        loop {
            let page = table.query(&query).await.unwrap();
            pages += 1;
            assert!(page.items.len() <= 2);
            seen.extend(page.items.iter().map(|i| i.key.sk.clone()));
            match page.next {
                Some(next) => query.start_after = Some(next),
                None => break,
            }
        }
        let mut expected: Vec<String> = (0..10).step_by(2).map(|i| format!("S#{i:02}")).collect();
        if !forward {
            expected.reverse();
        }
        assert_eq!(seen, expected);
        // 2 + 2 + 1: no empty trailing page.
        assert_eq!(pages, 3);
    }

    // A page that ends right at the last visible item says so.
    let page = table.query(&Query::partition("P", 5)).await.unwrap();
    assert_eq!(page.items.len(), 5);
    assert_eq!(page.next, None);
    let page = table
        .query(&Query::partition("P", 10).sk(SortKey::Between("S#03".into(), "S#07".into())))
        .await
        .unwrap();
    let sks: Vec<&str> = page.items.iter().map(|i| i.key.sk.as_str()).collect();
    assert_eq!(sks, vec!["S#04", "S#06"]);
}

#[tokio::test]
async fn index_queries_page_through_equal_index_keys() {
    let Some((_, _, table)) = fresh(Arc::new(SystemClock)).await else {
        return;
    };
    // Seven items share one GSI sort key; only the table key tells them apart,
    // so the cursor must carry both.
    let writes = (0..7)
        .map(|i| {
            BatchWrite::Put(
                item(&format!("ACCOUNT#{i}"), "CONTACT")
                    .with_index(Index::Gsi1, IndexKey::new("EMAIL#x@y.z", "SAME")),
            )
        })
        .chain(std::iter::once(BatchWrite::Put(item(
            "ACCOUNT#9",
            "CONTACT",
        ))))
        .collect();
    table.batch_write(writes).await.unwrap();
    let mut query = Query::partition("EMAIL#x@y.z", 3).on(Index::Gsi1);
    let mut seen = Vec::new();
    loop {
        let page = table.query(&query).await.unwrap();
        for it in &page.items {
            assert_eq!(it.gsi1, Some(IndexKey::new("EMAIL#x@y.z", "SAME")));
        }
        seen.extend(page.items.into_iter().map(|i| i.key.pk));
        if let Some(next) = &page.next {
            assert_eq!(next.index, Some(IndexKey::new("EMAIL#x@y.z", "SAME")));
        }
        match page.next {
            Some(next) => query.start_after = Some(next),
            None => break,
        }
    }
    seen.sort();
    let expected: Vec<String> = (0..7).map(|i| format!("ACCOUNT#{i}")).collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn cancellation_reasons_name_the_failed_writes() {
    let Some((_, _, table)) = fresh(Arc::new(SystemClock)).await else {
        return;
    };
    table
        .put(item("P", "exists"), Condition::None)
        .await
        .unwrap();
    table.put(item("P", "v1"), Condition::None).await.unwrap();
    let writes = vec![
        Write::Put {
            item: item("P", "new"),
            condition: Condition::NotExists,
        },
        Write::Put {
            item: item("P", "exists"),
            condition: Condition::NotExists,
        },
        Write::Check {
            key: Key::new("P", "v1"),
            condition: Condition::VersionEquals(1),
        },
        Write::Delete {
            key: Key::new("P", "v1-missing"),
            condition: Condition::Exists,
        },
    ];
    let err = table.transact(writes).await.unwrap_err();
    assert!(
        matches!(&err, TableError::TransactionCancelled { failed } if failed == &vec![1, 3]),
        "{err:?}"
    );
    // All or nothing: the first write did not happen.
    assert_eq!(table.get(&Key::new("P", "new")).await.unwrap(), None);
}

#[tokio::test]
async fn unconditional_check_holds_whether_or_not_the_item_exists() {
    let Some((_, _, table)) = fresh(Arc::new(SystemClock)).await else {
        return;
    };
    table
        .put(item("P", "there"), Condition::None)
        .await
        .unwrap();
    let writes = vec![
        Write::Check {
            key: Key::new("P", "there"),
            condition: Condition::None,
        },
        Write::Check {
            key: Key::new("P", "absent"),
            condition: Condition::None,
        },
        Write::Put {
            item: item("P", "written"),
            condition: Condition::NotExists,
        },
    ];
    table.transact(writes).await.unwrap();
    assert!(
        table
            .get(&Key::new("P", "written"))
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn errors_carry_the_aws_code() {
    let Some(client) = client().await else {
        return;
    };
    let missing = DynamoTable::new(
        client,
        uome_aws_tests::unique_name("missing"),
        Arc::new(SystemClock),
    );
    let err = missing.query(&Query::partition("P", 10)).await.unwrap_err();
    assert!(
        matches!(&err, TableError::Backend { code, .. } if code == "ResourceNotFoundException"),
        "{err:?}"
    );
    let err = missing.get(&Key::new("P", "S")).await.unwrap_err();
    assert!(
        matches!(&err, TableError::Backend { code, .. } if code == "ResourceNotFoundException"),
        "{err:?}"
    );
}

#[tokio::test]
async fn batch_write_of_60_items_then_read_them_back() {
    let Some((_, _, table)) = fresh(Arc::new(SystemClock)).await else {
        return;
    };
    let keys: Vec<Key> = (0..60)
        .map(|i| Key::new("BULK", format!("ROW#{i:03}")))
        .collect();
    let mut writes: Vec<BatchWrite> = keys
        .iter()
        .map(|k| BatchWrite::Put(item(&k.pk, &k.sk)))
        .collect();
    // A later write to the same key wins, even within one chunk's reach.
    writes.push(BatchWrite::Delete(keys[3].clone()));
    writes.push(BatchWrite::Put(
        item(&keys[4].pk, &keys[4].sk).with_version(2),
    ));
    table.batch_write(writes).await.unwrap();

    let page = table.query(&Query::partition("BULK", 100)).await.unwrap();
    assert_eq!(page.items.len(), 59);
    assert_eq!(page.next, None);

    let mut asked = keys.clone();
    asked.push(keys[0].clone()); // a repeated key is fine
    let mut found = table.batch_get(&asked).await.unwrap();
    found.sort_by(|a, b| a.key.cmp(&b.key));
    assert_eq!(found.len(), 59);
    assert!(found.iter().all(|i| i.key != keys[3]));
    assert_eq!(
        found.iter().find(|i| i.key == keys[4]).map(|i| i.version),
        Some(2)
    );

    table
        .batch_write(keys.iter().cloned().map(BatchWrite::Delete).collect())
        .await
        .unwrap();
    assert!(table.batch_get(&keys).await.unwrap().is_empty());
}

/// A client of DynamoDB's protocol at `endpoint`, with test credentials.
fn client_at(endpoint: String) -> Client {
    let credentials =
        aws_sdk_dynamodb::config::Credentials::new("testing", "testing", None, None, "uome-tests");
    Client::from_conf(
        aws_sdk_dynamodb::Config::builder()
            .behavior_version(aws_sdk_dynamodb::config::BehaviorVersion::latest())
            .region(aws_sdk_dynamodb::config::Region::new("eu-west-2"))
            .credentials_provider(credentials)
            .endpoint_url(endpoint)
            .build(),
    )
}

/// A GetItem that found nothing.
const FOUND_NOTHING: &str =
    "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 2\r\n\r\n{}";
/// What a role without `dynamodb:GetItem` is told.
const ACCESS_DENIED: &str = "HTTP/1.1 400 Bad Request\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 86\r\n\r\n{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"message\":\"not authorized\"}";

/// A loopback server handing each connection to `serve`, counting them.
async fn counting_server<F, Fut>(serve: F) -> (String, Arc<AtomicUsize>)
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let opened = Arc::new(AtomicUsize::new(0));
    let count = opened.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(serve(socket));
        }
    });
    (endpoint, opened)
}

/// Gives every request on `socket` the HTTP/1.1 `answer`, keeping the
/// connection open. moto's server closes each connection after its
/// answer, so it cannot show a pool's reuse.
async fn answer_each(socket: tokio::net::TcpStream, answer: &'static str) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    let mut socket = BufReader::new(socket);
    loop {
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if socket.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if socket.read_exact(&mut body).await.is_err()
            || socket.get_mut().write_all(answer.as_bytes()).await.is_err()
        {
            return;
        }
    }
}

#[tokio::test]
async fn warm_up_opens_the_connection_the_first_request_then_uses() {
    let (endpoint, opened) = counting_server(|socket| answer_each(socket, FOUND_NOTHING)).await;
    let table = DynamoTable::new(client_at(endpoint), "uome", Arc::new(SystemClock));

    table.warm_up().await.unwrap();
    assert_eq!(opened.load(Ordering::SeqCst), 1, "the warm-up connects");
    let key = Key::new("ACCOUNT#warm", "CONTACT#1");
    assert_eq!(table.get(&key).await.unwrap(), None);
    assert_eq!(table.get(&key).await.unwrap(), None);
    assert_eq!(
        opened.load(Ordering::SeqCst),
        1,
        "the requests after it reuse the warmed connection"
    );
}

#[tokio::test]
async fn warm_up_counts_a_refusal_as_an_open_connection() {
    let (endpoint, opened) = counting_server(|socket| answer_each(socket, ACCESS_DENIED)).await;
    let table = DynamoTable::new(client_at(endpoint), "uome", Arc::new(SystemClock));

    table.warm_up().await.unwrap();
    let refused = table.get(&Key::new("ACCOUNT#warm", "CONTACT#1")).await;
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(opened.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn warm_up_tries_once_when_the_server_hangs_up() {
    let (endpoint, accepted) = counting_server(|socket| async move { drop(socket) }).await;
    let table = DynamoTable::new(client_at(endpoint), "uome", Arc::new(SystemClock));

    assert!(table.warm_up().await.is_err());
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "one attempt, no retries"
    );
}

//! The conformance suite of the `Table` port: the semantics stated in
//! `uome_core::ports::table`, checked the same way against every adapter.
//!
//! Each case is a plain `async fn(&dyn Table)`; [`table_conformance!`] turns
//! them into one `#[tokio::test]` each in the calling test file:
//!
//! ```ignore
//! async fn make() -> Option<Arc<dyn Table>> { ... } // None skips the test
//! uome_tests::table_conformance!(make);
//! ```
//!
//! The cases only use the port, never a backend's specifics, and may share
//! one table with each other and with earlier runs: every case writes under
//! partition keys (table and index) of its own, made unique with a UUID.
//! Clock-dependent cases assume the adapter's clock is the system clock.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use uome_core::ports::table::{MAX_QUERY_LIMIT, MAX_TRANSACTION_ITEMS};
use uome_core::ports::{
    BatchWrite, Condition, Index, IndexKey, Item, Key, LastKey, Page, Query, SortKey, Table,
    TableError, Write,
};

/// Generates one `#[tokio::test]` per conformance case. `$make` names an
/// `async fn() -> Option<Arc<dyn Table>>`; `None` makes the test return early
/// (skip), e.g. when no AWS endpoint is configured.
#[macro_export]
macro_rules! table_conformance {
    ($make:path) => {
        $crate::table_conformance!(@cases $make;
            get_missing_is_none,
            put_then_get_round_trips,
            put_replaces_the_whole_item,
            put_not_exists,
            put_exists,
            put_version_equals,
            delete_conditions,
            query_sort_key_conditions,
            query_pages_every_item_once,
            query_sorts_by_utf8_bytes,
            query_stays_in_its_partition,
            query_cursor_survives_deleted_item,
            query_rejects_bad_limits,
            gsi_query_is_sparse,
            gsi_query_pages_across_equal_sort_keys,
            transact_failed_condition_writes_nothing,
            transact_applies_every_write,
            transact_accepts_max_items,
            transact_rejects_too_many_items,
            transact_rejects_same_key_twice,
            batch_write_beyond_25_items,
            batch_get_existing_and_missing,
            ttl_expired_items_are_invisible,
            ttl_expired_items_do_not_count_for_next,
            ttl_future_items_are_visible,
            item_data_must_be_an_object,
            empty_keys_are_invalid,
        );
    };
    (@cases $make:path; $($case:ident),+ $(,)?) => {
        $(
            #[tokio::test]
            async fn $case() {
                let Some(table) = $make().await else {
                    return;
                };
                $crate::conformance::$case(&*table).await;
            }
        )+
    };
}

// ---------------------------------------------------------------- helpers

/// A partition key no other case or run uses.
fn unique(label: &str) -> String {
    format!("conformance#{label}#{}", uuid::Uuid::now_v7().simple())
}

/// An item at (pk, sk) whose data records its sort key.
fn item(pk: &str, sk: &str) -> Item {
    Item::new(Key::new(pk, sk), &json!({ "sk": sk })).unwrap()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn put_all(table: &dyn Table, items: impl IntoIterator<Item = Item>) {
    for item in items {
        table.put(item, Condition::None).await.unwrap();
    }
}

fn sort_keys(items: &[Item]) -> Vec<String> {
    items.iter().map(|i| i.key.sk.clone()).collect()
}

fn assert_invalid<T: std::fmt::Debug>(result: Result<T, TableError>, what: &str) {
    match result {
        Err(TableError::Invalid(_)) => {}
        other => panic!("{what}: expected TableError::Invalid, got {other:?}"),
    }
}

fn assert_condition_failed<T: std::fmt::Debug>(result: Result<T, TableError>, what: &str) {
    match result {
        Err(TableError::ConditionFailed) => {}
        other => panic!("{what}: expected TableError::ConditionFailed, got {other:?}"),
    }
}

fn assert_cancelled<T: std::fmt::Debug>(result: Result<T, TableError>, failed: &[usize]) {
    match result {
        Err(TableError::TransactionCancelled { failed: got }) => {
            assert_eq!(got, failed, "failed positions of the cancelled transaction");
        }
        other => panic!("expected TransactionCancelled {{ failed: {failed:?} }}, got {other:?}"),
    }
}

/// Follows `next` from the first page to the last and returns every page,
/// checking the invariants every page holds: at most `limit` items, and a
/// `next` that points at the page's last item.
async fn all_pages(table: &dyn Table, first: Query) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    let mut query = first;
    loop {
        assert!(pages.len() < 1000, "pagination does not end");
        let page = table.query(&query).await.unwrap();
        assert!(
            page.items.len() <= query.limit as usize,
            "a page of {} items for limit {}",
            page.items.len(),
            query.limit
        );
        let next = page.next.clone();
        if let Some(next) = &next {
            let last = page.items.last().expect("a page with `next` has items");
            assert_eq!(next.key, last.key, "`next` names the page's last item");
            match query.index {
                None => {}
                Some(index) => assert_eq!(
                    next.index.as_ref(),
                    last.index_key(index),
                    "`next` of an index query carries the last item's index key"
                ),
            }
        }
        pages.push(page);
        match next {
            Some(next) => query = query.after(Some(next)),
            None => return pages,
        }
    }
}

/// Pages through `query` with the given limit and returns every item, also
/// checking that only the last page is short and that it has no `next`.
async fn collect_full_pages(table: &dyn Table, query: Query) -> Vec<Item> {
    let limit = query.limit as usize;
    let pages = all_pages(table, query).await;
    let count = pages.len();
    for (n, page) in pages.iter().enumerate() {
        if n + 1 < count {
            assert_eq!(page.items.len(), limit, "page {n} of {count} is not full");
        }
    }
    let items: Vec<Item> = pages.into_iter().flat_map(|p| p.items).collect();
    // `next` is Some exactly when more items follow, so an exactly full last
    // page has none and no empty page trails the data.
    let expected_pages = items.len().div_ceil(limit).max(1);
    assert_eq!(
        count,
        expected_pages,
        "{} items in pages of {limit} take {expected_pages} pages",
        items.len()
    );
    items
}

// ----------------------------------------------------------- single items

pub async fn get_missing_is_none(table: &dyn Table) {
    let pk = unique("get-missing");
    assert_eq!(table.get(&Key::new(&pk, "nothing")).await.unwrap(), None);
}

pub async fn put_then_get_round_trips(table: &dyn Table) {
    let pk = unique("round-trip");
    let data = json!({
        "name": "Zoë & Co — ünïcödé ✓",
        "empty": "",
        "count": 42,
        "negative": -7,
        "amount": "1234.5600",
        "paid": false,
        "nothing": null,
        "lines": [{ "sku": "A-1", "qty": 3 }, { "sku": "B-2", "qty": 1 }],
        "nested": { "deeper": { "deepest": [1, 2, 3] } },
        // Names a backend might use for its own attributes must not collide.
        "pk": "not the key",
        "version": "not the version",
        "ttl": "not the ttl",
    });
    let item = Item::new(Key::new(&pk, "INVOICE#0001"), &data)
        .unwrap()
        .with_index(Index::Gsi1, IndexKey::new(unique("g1"), "2024-05-01#0001"))
        .with_index(Index::Gsi2, IndexKey::new(unique("g2"), "CONTACT#9"))
        .with_index(Index::Gsi3, IndexKey::new(unique("g3"), "NUMBER#0001"))
        .with_version(7)
        .with_expiry(now() + 86_400);
    table.put(item.clone(), Condition::None).await.unwrap();

    let got = table
        .get(&item.key)
        .await
        .unwrap()
        .expect("the item just put");
    assert_eq!(got, item);
    assert_eq!(got.data, data);

    // No index keys, no TTL, empty document: all absent on the way back too.
    let plain = Item::new(Key::new(&pk, "PLAIN"), &json!({})).unwrap();
    table.put(plain.clone(), Condition::None).await.unwrap();
    assert_eq!(table.get(&plain.key).await.unwrap(), Some(plain));
}

pub async fn put_replaces_the_whole_item(table: &dyn Table) {
    let pk = unique("replace");
    let gsi = unique("replace-gsi");
    let key = Key::new(&pk, "A");
    let first = Item::new(key.clone(), &json!({ "old": true, "shared": 1 }))
        .unwrap()
        .with_index(Index::Gsi1, IndexKey::new(&gsi, "x"))
        .with_expiry(now() + 3600);
    table.put(first, Condition::None).await.unwrap();

    let second = Item::new(key.clone(), &json!({ "shared": 2 }))
        .unwrap()
        .with_version(2);
    table.put(second.clone(), Condition::None).await.unwrap();

    // Fields, index keys and TTL of the first item are all gone.
    assert_eq!(table.get(&key).await.unwrap(), Some(second));
    let page = table
        .query(&Query::partition(&gsi, 10).on(Index::Gsi1))
        .await
        .unwrap();
    assert!(page.items.is_empty(), "the replaced item left the index");
    assert_eq!(page.next, None);
}

pub async fn put_not_exists(table: &dyn Table) {
    let pk = unique("not-exists");
    let first = Item::new(Key::new(&pk, "A"), &json!({ "n": 1 })).unwrap();
    table
        .put(first.clone(), Condition::NotExists)
        .await
        .unwrap();

    let second = Item::new(Key::new(&pk, "A"), &json!({ "n": 2 })).unwrap();
    assert_condition_failed(
        table.put(second, Condition::NotExists).await,
        "NotExists put over an existing item",
    );
    assert_eq!(table.get(&first.key).await.unwrap(), Some(first));
}

pub async fn put_exists(table: &dyn Table) {
    let pk = unique("exists");
    let key = Key::new(&pk, "A");
    let v1 = Item::new(key.clone(), &json!({ "n": 1 })).unwrap();
    assert_condition_failed(
        table.put(v1.clone(), Condition::Exists).await,
        "Exists put where nothing is",
    );
    assert_eq!(table.get(&key).await.unwrap(), None);

    table.put(v1, Condition::None).await.unwrap();
    let v2 = Item::new(key.clone(), &json!({ "n": 2 }))
        .unwrap()
        .with_version(2);
    table.put(v2.clone(), Condition::Exists).await.unwrap();
    assert_eq!(table.get(&key).await.unwrap(), Some(v2));
}

pub async fn put_version_equals(table: &dyn Table) {
    let pk = unique("version");
    let key = Key::new(&pk, "A");
    let make = |version: u64| {
        Item::new(key.clone(), &json!({ "v": version }))
            .unwrap()
            .with_version(version)
    };
    assert_condition_failed(
        table.put(make(1), Condition::VersionEquals(0)).await,
        "VersionEquals put where nothing is",
    );

    table.put(make(1), Condition::NotExists).await.unwrap();
    table
        .put(make(2), Condition::VersionEquals(1))
        .await
        .unwrap();
    // A writer still holding version 1 lost the race.
    assert_condition_failed(
        table.put(make(2), Condition::VersionEquals(1)).await,
        "stale VersionEquals put",
    );
    assert_condition_failed(
        table.put(make(4), Condition::VersionEquals(3)).await,
        "VersionEquals put with a future version",
    );
    assert_eq!(table.get(&key).await.unwrap(), Some(make(2)));

    table
        .put(make(3), Condition::VersionEquals(2))
        .await
        .unwrap();
    assert_eq!(table.get(&key).await.unwrap().map(|i| i.version), Some(3));
}

pub async fn delete_conditions(table: &dyn Table) {
    let pk = unique("delete");
    let key = Key::new(&pk, "A");

    // Deleting nothing is fine unconditionally, not when it must exist.
    table.delete(&key, Condition::None).await.unwrap();
    assert_condition_failed(
        table.delete(&key, Condition::Exists).await,
        "Exists delete where nothing is",
    );
    assert_condition_failed(
        table.delete(&key, Condition::VersionEquals(1)).await,
        "VersionEquals delete where nothing is",
    );

    let item = Item::new(key.clone(), &json!({})).unwrap().with_version(5);
    table.put(item.clone(), Condition::None).await.unwrap();
    assert_condition_failed(
        table.delete(&key, Condition::NotExists).await,
        "NotExists delete of an existing item",
    );
    assert_condition_failed(
        table.delete(&key, Condition::VersionEquals(4)).await,
        "stale VersionEquals delete",
    );
    assert_eq!(table.get(&key).await.unwrap(), Some(item.clone()));

    table
        .delete(&key, Condition::VersionEquals(5))
        .await
        .unwrap();
    assert_eq!(table.get(&key).await.unwrap(), None);

    table.put(item, Condition::None).await.unwrap();
    table.delete(&key, Condition::Exists).await.unwrap();
    assert_eq!(table.get(&key).await.unwrap(), None);

    table.put(item_at(&key), Condition::None).await.unwrap();
    table.delete(&key, Condition::None).await.unwrap();
    assert_eq!(table.get(&key).await.unwrap(), None);
}

fn item_at(key: &Key) -> Item {
    item(&key.pk, &key.sk)
}

// ---------------------------------------------------------------- queries

pub async fn query_sort_key_conditions(table: &dyn Table) {
    let pk = unique("sort-key");
    let all = ["a", "ab", "abc", "abd", "ac", "b", "ba", "c"];
    put_all(table, all.iter().map(|sk| item(&pk, sk))).await;

    let s = |v: &str| v.to_owned();
    let cases: Vec<(SortKey, Vec<&str>)> = vec![
        (SortKey::All, all.to_vec()),
        (SortKey::Eq(s("ab")), vec!["ab"]),
        (SortKey::Eq(s("aa")), vec![]),
        (SortKey::BeginsWith(s("ab")), vec!["ab", "abc", "abd"]),
        (
            SortKey::BeginsWith(s("a")),
            vec!["a", "ab", "abc", "abd", "ac"],
        ),
        (SortKey::BeginsWith(s("abc")), vec!["abc"]),
        (SortKey::BeginsWith(s("x")), vec![]),
        (
            SortKey::Between(s("ab"), s("b")),
            vec!["ab", "abc", "abd", "ac", "b"],
        ),
        (
            SortKey::Between(s("aa"), s("abz")),
            vec!["ab", "abc", "abd"],
        ),
        (SortKey::Between(s("b"), s("b")), vec!["b"]),
        (SortKey::Gt(s("ac")), vec!["b", "ba", "c"]),
        (SortKey::Gte(s("ac")), vec!["ac", "b", "ba", "c"]),
        (SortKey::Gt(s("c")), vec![]),
        (SortKey::Lt(s("ab")), vec!["a"]),
        (SortKey::Lte(s("ab")), vec!["a", "ab"]),
        (SortKey::Lt(s("a")), vec![]),
    ];
    for (condition, ascending) in cases {
        let mut descending = ascending.clone();
        descending.reverse();
        for limit in [2, MAX_QUERY_LIMIT] {
            let forward = Query::partition(&pk, limit).sk(condition.clone());
            let got = collect_full_pages(table, forward).await;
            assert_eq!(
                sort_keys(&got),
                ascending,
                "{condition:?} forward, limit {limit}"
            );

            let backward = Query::partition(&pk, limit)
                .sk(condition.clone())
                .backward();
            let got = collect_full_pages(table, backward).await;
            assert_eq!(
                sort_keys(&got),
                descending,
                "{condition:?} backward, limit {limit}"
            );
        }
    }
}

pub async fn query_pages_every_item_once(table: &dyn Table) {
    let pk = unique("pages");
    let all: Vec<String> = (1..=7).map(|n| format!("ITEM#{n:03}")).collect();
    put_all(table, all.iter().map(|sk| item(&pk, sk))).await;
    let mut reversed = all.clone();
    reversed.reverse();

    // 7 is an exactly full last page; 1 makes every page exactly full.
    for limit in [1, 2, 3, 6, 7, 8] {
        let got = collect_full_pages(table, Query::partition(&pk, limit)).await;
        assert_eq!(sort_keys(&got), all, "forward, limit {limit}");
        let got = collect_full_pages(table, Query::partition(&pk, limit).backward()).await;
        assert_eq!(sort_keys(&got), reversed, "backward, limit {limit}");
    }

    // Items come back whole, not just their keys.
    let page = table.query(&Query::partition(&pk, 1)).await.unwrap();
    assert_eq!(page.items, vec![item(&pk, &all[0])]);

    let empty = table
        .query(&Query::partition(unique("pages-empty"), 10))
        .await
        .unwrap();
    assert_eq!(
        empty,
        Page {
            items: vec![],
            next: None
        }
    );
}

pub async fn query_sorts_by_utf8_bytes(table: &dyn Table) {
    let pk = unique("bytes");
    // UTF-8 byte order: uppercase before lowercase, a prefix before its
    // extensions, and U+FF61 before U+1F600 (UTF-16 order would swap them).
    let expected = [
        "A", "Z", "a", "a#", "a0", "b", "ba", "é", "中", "\u{FF61}", "😀",
    ];
    let mut shuffled = expected;
    shuffled.reverse();
    shuffled.swap(0, 5);
    put_all(table, shuffled.iter().map(|sk| item(&pk, sk))).await;

    let got = collect_full_pages(table, Query::partition(&pk, 4)).await;
    assert_eq!(sort_keys(&got), expected);

    let got = collect_full_pages(table, Query::partition(&pk, 4).backward()).await;
    let mut descending = expected;
    descending.reverse();
    assert_eq!(sort_keys(&got), descending);

    let got = table
        .query(&Query::partition(&pk, 100).sk(SortKey::Gt("b".into())))
        .await
        .unwrap();
    assert_eq!(sort_keys(&got.items), ["ba", "é", "中", "\u{FF61}", "😀"]);
}

pub async fn query_stays_in_its_partition(table: &dyn Table) {
    let pk = unique("partition");
    // Neighbouring partitions whose keys extend or shorten this one.
    let longer = format!("{pk}#child");
    let shorter = pk[..pk.len() - 1].to_owned();
    put_all(
        table,
        [
            item(&pk, "A"),
            item(&pk, "B"),
            item(&longer, "A"),
            item(&shorter, "C"),
        ],
    )
    .await;

    let page = table.query(&Query::partition(&pk, 100)).await.unwrap();
    assert_eq!(sort_keys(&page.items), ["A", "B"]);
    assert!(page.items.iter().all(|i| i.key.pk == pk));
    let page = table
        .query(&Query::partition(&pk, 100).sk(SortKey::BeginsWith("A".into())))
        .await
        .unwrap();
    assert_eq!(page.items, vec![item(&pk, "A")]);
}

pub async fn query_cursor_survives_deleted_item(table: &dyn Table) {
    let pk = unique("cursor-deleted");
    put_all(
        table,
        ["1", "2", "3", "4", "5"].iter().map(|sk| item(&pk, sk)),
    )
    .await;

    let first = table.query(&Query::partition(&pk, 2)).await.unwrap();
    assert_eq!(sort_keys(&first.items), ["1", "2"]);
    let cursor = first.next.expect("more items follow");
    // The item the cursor names goes away between the pages.
    table
        .delete(&Key::new(&pk, "2"), Condition::None)
        .await
        .unwrap();
    let rest = collect_full_pages(table, Query::partition(&pk, 2).after(Some(cursor))).await;
    assert_eq!(sort_keys(&rest), ["3", "4", "5"]);

    // Backward too, from a cursor made by hand.
    let cursor = LastKey {
        key: Key::new(&pk, "4"),
        index: None,
    };
    let rest = collect_full_pages(
        table,
        Query::partition(&pk, 10).backward().after(Some(cursor)),
    )
    .await;
    assert_eq!(sort_keys(&rest), ["3", "1"]);
}

pub async fn query_rejects_bad_limits(table: &dyn Table) {
    let pk = unique("limits");
    table.put(item(&pk, "A"), Condition::None).await.unwrap();
    for limit in [0, MAX_QUERY_LIMIT + 1, u32::MAX] {
        assert_invalid(
            table.query(&Query::partition(&pk, limit)).await,
            &format!("query with limit {limit}"),
        );
        assert_invalid(
            table
                .query(&Query::partition(&pk, limit).on(Index::Gsi1))
                .await,
            &format!("index query with limit {limit}"),
        );
    }
    let page = table
        .query(&Query::partition(&pk, MAX_QUERY_LIMIT))
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
}

// ---------------------------------------------------------------- indexes

pub async fn gsi_query_is_sparse(table: &dyn Table) {
    let pk = unique("sparse");
    let gsi = unique("sparse-gsi");
    let other_gsi = unique("sparse-other");
    let with = |sk: &str, index: Index, ipk: &str, isk: &str| {
        item(&pk, sk).with_index(index, IndexKey::new(ipk, isk))
    };
    let a = with("A", Index::Gsi1, &gsi, "2024-01-02");
    let b = with("B", Index::Gsi1, &gsi, "2024-01-01").with_version(3);
    let c = with("C", Index::Gsi2, &gsi, "2024-01-01");
    let d = with("D", Index::Gsi1, &other_gsi, "2024-01-01");
    let e = item(&pk, "E");
    put_all(table, [a.clone(), b.clone(), c.clone(), d, e]).await;

    let gsi1 = Query::partition(&gsi, 10).on(Index::Gsi1);
    let page = table.query(&gsi1).await.unwrap();
    assert_eq!(
        page.items,
        vec![b.clone(), a.clone()],
        "gsi1 holds only A and B"
    );
    assert_eq!(page.next, None);
    let page = table.query(&gsi1.clone().backward()).await.unwrap();
    assert_eq!(page.items, vec![a.clone(), b.clone()]);

    let page = table
        .query(&gsi1.clone().sk(SortKey::Gt("2024-01-01".into())))
        .await
        .unwrap();
    assert_eq!(page.items, vec![a.clone()]);
    let page = table
        .query(&gsi1.clone().sk(SortKey::BeginsWith("2024-01-0".into())))
        .await
        .unwrap();
    assert_eq!(page.items.len(), 2);
    let page = table
        .query(&gsi1.clone().sk(SortKey::Eq("2024-01-01".into())))
        .await
        .unwrap();
    assert_eq!(page.items, vec![b.clone()]);

    let page = table
        .query(&Query::partition(&gsi, 10).on(Index::Gsi2))
        .await
        .unwrap();
    assert_eq!(page.items, vec![c], "gsi2 holds only C");
    let page = table
        .query(&Query::partition(&gsi, 10).on(Index::Gsi3))
        .await
        .unwrap();
    assert!(page.items.is_empty(), "gsi3 holds nothing");

    // Leaving the index: put the item again without the key, or delete it.
    table
        .put(item(&pk, "A").with_version(2), Condition::VersionEquals(1))
        .await
        .unwrap();
    table
        .delete(&b.key, Condition::VersionEquals(3))
        .await
        .unwrap();
    let page = table.query(&gsi1).await.unwrap();
    assert!(
        page.items.is_empty(),
        "gsi1 is empty again: {:?}",
        page.items
    );
}

pub async fn gsi_query_pages_across_equal_sort_keys(table: &dyn Table) {
    let gsi = unique("ties-gsi");
    let pk_one = unique("ties-1");
    let pk_two = unique("ties-2");
    let mut items = Vec::new();
    // Seven items share one index sort key, across two table partitions;
    // others sort before and after them.
    for n in 0..7 {
        let pk = if n % 2 == 0 { &pk_one } else { &pk_two };
        items
            .push(item(pk, &format!("SAME#{n}")).with_index(Index::Gsi1, IndexKey::new(&gsi, "m")));
    }
    for (n, isk) in ["a", "a", "z", "z"].iter().enumerate() {
        items.push(
            item(&pk_one, &format!("EDGE#{n}")).with_index(Index::Gsi1, IndexKey::new(&gsi, *isk)),
        );
    }
    put_all(table, items.clone()).await;
    let expected: BTreeSet<Key> = items.iter().map(|i| i.key.clone()).collect();

    for limit in [1, 2, 3, 4, 11, 12] {
        for forward in [true, false] {
            let mut query = Query::partition(&gsi, limit).on(Index::Gsi1);
            if !forward {
                query = query.backward();
            }
            let got = collect_full_pages(table, query).await;
            let keys: Vec<Key> = got.iter().map(|i| i.key.clone()).collect();
            let unique_keys: BTreeSet<Key> = keys.iter().cloned().collect();
            assert_eq!(
                keys.len(),
                unique_keys.len(),
                "an item came twice (limit {limit})"
            );
            assert_eq!(
                unique_keys, expected,
                "every item once (limit {limit}, forward {forward})"
            );

            // Index sort keys are in order; ties come in any order.
            let isks: Vec<&str> = got
                .iter()
                .map(|i| i.gsi1.as_ref().map(|k| k.sk.as_str()).unwrap_or_default())
                .collect();
            let mut sorted = isks.clone();
            sorted.sort_unstable();
            if !forward {
                sorted.reverse();
            }
            assert_eq!(
                isks, sorted,
                "index order (limit {limit}, forward {forward})"
            );
        }
    }
}

// ----------------------------------------------------------- transactions

pub async fn transact_failed_condition_writes_nothing(table: &dyn Table) {
    let pk = unique("tx-cancel");
    let x = item(&pk, "X");
    let y = item(&pk, "Y").with_version(3);
    put_all(table, [x.clone(), y.clone()]).await;

    let writes = vec![
        Write::Put {
            item: item(&pk, "Z"),
            condition: Condition::NotExists,
        },
        Write::Put {
            item: x.clone().with_version(2),
            condition: Condition::VersionEquals(1),
        },
        Write::Delete {
            key: y.key.clone(),
            condition: Condition::VersionEquals(2),
        },
        Write::Check {
            key: Key::new(&pk, "W"),
            condition: Condition::Exists,
        },
        Write::Put {
            item: item(&pk, "Q"),
            condition: Condition::None,
        },
    ];
    assert_cancelled(table.transact(writes).await, &[2, 3]);

    let single = vec![
        Write::Put {
            item: item(&pk, "Z"),
            condition: Condition::NotExists,
        },
        Write::Delete {
            key: y.key.clone(),
            condition: Condition::None,
        },
        Write::Check {
            key: x.key.clone(),
            condition: Condition::NotExists,
        },
    ];
    assert_cancelled(table.transact(single).await, &[2]);

    // Nothing of either transaction landed.
    let page = table.query(&Query::partition(&pk, 100)).await.unwrap();
    assert_eq!(page.items, vec![x, y]);
}

pub async fn transact_applies_every_write(table: &dyn Table) {
    let pk = unique("tx-ok");
    let x = item(&pk, "X");
    let y = item(&pk, "Y");
    let c = item(&pk, "C").with_version(9);
    put_all(table, [x.clone(), y.clone(), c.clone()]).await;

    let z = item(&pk, "Z").with_index(Index::Gsi1, IndexKey::new(unique("tx-gsi"), "1"));
    let x2 = Item::new(x.key.clone(), &json!({ "updated": true }))
        .unwrap()
        .with_version(2);
    table
        .transact(vec![
            Write::Put {
                item: z.clone(),
                condition: Condition::NotExists,
            },
            Write::Put {
                item: x2.clone(),
                condition: Condition::VersionEquals(1),
            },
            Write::Delete {
                key: y.key.clone(),
                condition: Condition::Exists,
            },
            Write::Check {
                key: c.key.clone(),
                condition: Condition::VersionEquals(9),
            },
            Write::Check {
                key: Key::new(&pk, "M"),
                condition: Condition::NotExists,
            },
            Write::Delete {
                key: Key::new(&pk, "N"),
                condition: Condition::None,
            },
        ])
        .await
        .unwrap();

    let page = table.query(&Query::partition(&pk, 100)).await.unwrap();
    assert_eq!(page.items, vec![c, x2, z]);

    // An empty transaction has nothing to do.
    table.transact(Vec::new()).await.unwrap();
}

pub async fn transact_accepts_max_items(table: &dyn Table) {
    let pk = unique("tx-max");
    let writes: Vec<Write> = (0..MAX_TRANSACTION_ITEMS)
        .map(|n| Write::Put {
            item: item(&pk, &format!("{n:03}")),
            condition: Condition::NotExists,
        })
        .collect();
    table.transact(writes).await.unwrap();
    let page = table
        .query(&Query::partition(&pk, MAX_QUERY_LIMIT))
        .await
        .unwrap();
    assert_eq!(page.items.len(), MAX_TRANSACTION_ITEMS);
    assert_eq!(page.next, None);
}

pub async fn transact_rejects_too_many_items(table: &dyn Table) {
    let pk = unique("tx-too-many");
    let writes: Vec<Write> = (0..=MAX_TRANSACTION_ITEMS)
        .map(|n| Write::Put {
            item: item(&pk, &format!("{n:03}")),
            condition: Condition::None,
        })
        .collect();
    assert_invalid(
        table.transact(writes).await,
        "a transaction of MAX_TRANSACTION_ITEMS + 1 writes",
    );
    let page = table.query(&Query::partition(&pk, 10)).await.unwrap();
    assert!(page.items.is_empty(), "nothing was written");
}

pub async fn transact_rejects_same_key_twice(table: &dyn Table) {
    let pk = unique("tx-twice");
    let key = Key::new(&pk, "A");
    assert_invalid(
        table
            .transact(vec![
                Write::Put {
                    item: item_at(&key),
                    condition: Condition::None,
                },
                Write::Put {
                    item: item(&pk, "B"),
                    condition: Condition::None,
                },
                Write::Delete {
                    key: key.clone(),
                    condition: Condition::None,
                },
            ])
            .await,
        "put and delete of one key",
    );
    assert_invalid(
        table
            .transact(vec![
                Write::Check {
                    key: key.clone(),
                    condition: Condition::NotExists,
                },
                Write::Put {
                    item: item_at(&key),
                    condition: Condition::None,
                },
            ])
            .await,
        "check and put of one key",
    );
    let page = table.query(&Query::partition(&pk, 10)).await.unwrap();
    assert!(page.items.is_empty(), "nothing was written");
}

// ---------------------------------------------------------------- batches

pub async fn batch_write_beyond_25_items(table: &dyn Table) {
    let pk = unique("batch");
    let gsi = unique("batch-gsi");
    let items: Vec<Item> = (0..60)
        .map(|n| {
            let it = item(&pk, &format!("{n:03}"));
            if n % 3 == 0 {
                it.with_index(Index::Gsi1, IndexKey::new(&gsi, format!("{n:03}")))
            } else {
                it
            }
        })
        .collect();
    table
        .batch_write(items.iter().cloned().map(BatchWrite::Put).collect())
        .await
        .unwrap();

    let got = collect_full_pages(table, Query::partition(&pk, 25)).await;
    assert_eq!(got, items);
    let indexed = collect_full_pages(table, Query::partition(&gsi, 7).on(Index::Gsi1)).await;
    assert_eq!(indexed.len(), 20);

    table
        .batch_write(
            items
                .iter()
                .map(|i| BatchWrite::Delete(i.key.clone()))
                .collect(),
        )
        .await
        .unwrap();
    let page = table.query(&Query::partition(&pk, 100)).await.unwrap();
    assert!(page.items.is_empty(), "every item was deleted");
    let page = table
        .query(&Query::partition(&gsi, 100).on(Index::Gsi1))
        .await
        .unwrap();
    assert!(page.items.is_empty(), "the index emptied too");

    // Mixed puts and deletes, and an empty batch.
    table
        .batch_write(vec![
            BatchWrite::Put(item(&pk, "P")),
            BatchWrite::Delete(Key::new(&pk, "never-existed")),
        ])
        .await
        .unwrap();
    assert_eq!(
        table.get(&Key::new(&pk, "P")).await.unwrap(),
        Some(item(&pk, "P"))
    );
    table.batch_write(Vec::new()).await.unwrap();
}

pub async fn batch_get_existing_and_missing(table: &dyn Table) {
    let pk = unique("batch-get");
    let existing: Vec<Item> = (0..30)
        .map(|n| item(&pk, &format!("HAVE#{n:02}")))
        .collect();
    put_all(table, existing.clone()).await;

    let mut keys: Vec<Key> = existing.iter().map(|i| i.key.clone()).collect();
    keys.extend((0..70).map(|n| Key::new(&pk, format!("MISSING#{n:02}"))));
    let mut got = table.batch_get(&keys).await.unwrap();
    got.sort_by(|a, b| a.key.cmp(&b.key));
    assert_eq!(got, existing);

    let got = table
        .batch_get(&[Key::new(&pk, "MISSING#00"), existing[3].key.clone()])
        .await
        .unwrap();
    assert_eq!(got, vec![existing[3].clone()]);
    assert!(table.batch_get(&[]).await.unwrap().is_empty());
}

// -------------------------------------------------------------------- TTL

pub async fn ttl_expired_items_are_invisible(table: &dyn Table) {
    let pk = unique("ttl-expired");
    let gsi = unique("ttl-expired-gsi");
    let past = now() - 3600;
    let expired = item(&pk, "EXPIRED")
        .with_index(Index::Gsi1, IndexKey::new(&gsi, "1"))
        .with_expiry(past);
    let live = item(&pk, "LIVE").with_index(Index::Gsi1, IndexKey::new(&gsi, "2"));
    put_all(table, [expired.clone(), live.clone()]).await;

    assert_eq!(table.get(&expired.key).await.unwrap(), None);
    let page = table.query(&Query::partition(&pk, 10)).await.unwrap();
    assert_eq!(page.items, vec![live.clone()]);
    let page = table
        .query(&Query::partition(&gsi, 10).on(Index::Gsi1))
        .await
        .unwrap();
    assert_eq!(page.items, vec![live.clone()]);
    let got = table
        .batch_get(&[expired.key.clone(), live.key.clone()])
        .await
        .unwrap();
    assert_eq!(got, vec![live.clone()]);

    // Conditions see no item either.
    assert_condition_failed(
        table.put(expired.clone(), Condition::Exists).await,
        "Exists put over an expired item",
    );
    assert_condition_failed(
        table
            .put(expired.clone().with_version(2), Condition::VersionEquals(1))
            .await,
        "VersionEquals put over an expired item",
    );
    assert_condition_failed(
        table.delete(&expired.key, Condition::Exists).await,
        "Exists delete of an expired item",
    );
    table
        .transact(vec![Write::Check {
            key: expired.key.clone(),
            condition: Condition::NotExists,
        }])
        .await
        .unwrap();

    // And a NotExists put takes the key over.
    let fresh = Item::new(expired.key.clone(), &json!({ "fresh": true })).unwrap();
    table
        .put(fresh.clone(), Condition::NotExists)
        .await
        .unwrap();
    assert_eq!(table.get(&expired.key).await.unwrap(), Some(fresh));

    // In a transaction too.
    let gone = item(&pk, "GONE").with_expiry(past);
    table.put(gone.clone(), Condition::None).await.unwrap();
    table
        .transact(vec![Write::Put {
            item: item(&pk, "GONE"),
            condition: Condition::NotExists,
        }])
        .await
        .unwrap();
    assert_eq!(table.get(&gone.key).await.unwrap(), Some(item(&pk, "GONE")));
}

pub async fn ttl_expired_items_do_not_count_for_next(table: &dyn Table) {
    let pk = unique("ttl-next");
    let past = now() - 3600;
    let future = now() + 3600;
    // Live: 1, 3, 5; expired: 2, 4, 6 (after the last live one).
    let items: Vec<Item> = (1..=6)
        .map(|n| {
            let it = item(&pk, &n.to_string());
            if n % 2 == 0 {
                it.with_expiry(past)
            } else {
                it.with_expiry(future)
            }
        })
        .collect();
    put_all(table, items).await;

    for limit in [1, 2, 3, 4] {
        for forward in [true, false] {
            let mut query = Query::partition(&pk, limit);
            if !forward {
                query = query.backward();
            }
            let pages = all_pages(table, query).await;
            let got: Vec<String> = pages.iter().flat_map(|p| sort_keys(&p.items)).collect();
            let expected = if forward {
                ["1", "3", "5"]
            } else {
                ["5", "3", "1"]
            };
            assert_eq!(got, expected, "limit {limit}, forward {forward}");
            // Expired items after the last live one do not make a `next`.
            let last = pages.last().map(|p| p.items.len()).unwrap_or_default();
            assert!(
                last > 0,
                "no empty trailing page (limit {limit}, forward {forward})"
            );
        }
    }
    let page = table.query(&Query::partition(&pk, 3)).await.unwrap();
    assert_eq!(sort_keys(&page.items), ["1", "3", "5"]);
    assert_eq!(page.next, None, "only expired items follow the full page");
}

pub async fn ttl_future_items_are_visible(table: &dyn Table) {
    let pk = unique("ttl-future");
    let gsi = unique("ttl-future-gsi");
    let soon = item(&pk, "SOON")
        .with_index(Index::Gsi1, IndexKey::new(&gsi, "1"))
        .with_expiry(now() + 3600);
    table.put(soon.clone(), Condition::NotExists).await.unwrap();

    assert_eq!(table.get(&soon.key).await.unwrap(), Some(soon.clone()));
    let page = table.query(&Query::partition(&pk, 10)).await.unwrap();
    assert_eq!(page.items, vec![soon.clone()]);
    let page = table
        .query(&Query::partition(&gsi, 10).on(Index::Gsi1))
        .await
        .unwrap();
    assert_eq!(page.items, vec![soon.clone()]);
    assert_eq!(
        table
            .batch_get(std::slice::from_ref(&soon.key))
            .await
            .unwrap(),
        vec![soon.clone()]
    );
    assert_condition_failed(
        table.put(soon.clone(), Condition::NotExists).await,
        "NotExists put over a live item with a TTL",
    );
    table
        .put(soon.clone().with_version(2), Condition::VersionEquals(1))
        .await
        .unwrap();
}

// ------------------------------------------------------------- validation

pub async fn item_data_must_be_an_object(table: &dyn Table) {
    let pk = unique("object");
    let key = Key::new(&pk, "A");
    for data in [
        json!(5),
        json!("text"),
        json!([1, 2]),
        json!(null),
        json!(true),
    ] {
        assert_invalid(
            Item::new(key.clone(), &data),
            &format!("Item::new with {data}"),
        );
    }
    assert_invalid(Item::new(key.clone(), &vec![1, 2]), "Item::new with a Vec");
    let ok = Item::new(key.clone(), &BTreeMap::from([("name", "fine")])).unwrap();
    assert_eq!(ok.data, json!({ "name": "fine" }));

    // The fields are public, so adapters check it too.
    let mut bad = ok.clone();
    bad.data = Value::Array(vec![]);
    assert_invalid(
        table.put(bad.clone(), Condition::None).await,
        "put of non-object data",
    );
    assert_invalid(
        table
            .transact(vec![Write::Put {
                item: bad.clone(),
                condition: Condition::None,
            }])
            .await,
        "transact put of non-object data",
    );
    assert_invalid(
        table.batch_write(vec![BatchWrite::Put(bad)]).await,
        "batch put of non-object data",
    );
    assert_eq!(table.get(&key).await.unwrap(), None);
}

pub async fn empty_keys_are_invalid(table: &dyn Table) {
    let pk = unique("empty-key");
    assert_invalid(
        table.put(item(&pk, ""), Condition::None).await,
        "put with an empty sort key",
    );
    assert_invalid(
        table
            .put(
                item(&pk, "A").with_index(Index::Gsi1, IndexKey::new("", "x")),
                Condition::None,
            )
            .await,
        "put with an empty index partition key",
    );
    assert_invalid(
        table.get(&Key::new("", "A")).await,
        "get with an empty partition key",
    );
    assert_eq!(table.get(&Key::new(&pk, "A")).await.unwrap(), None);
}

//! The catalogue use cases against the embedded adapters (SQLite table,
//! fixed clock), called directly over the core-only kit.

mod kit;

use std::collections::HashSet;
use std::str::FromStr;
use uome_domain::AccountId;

use serde_json::json;
use uome_core::CoreError;
use uome_core::catalogue::{
    self, ItemChanges, ItemFilter, ItemType, Patch, TaxRateChanges, load_item, load_items,
    price_text,
};
use uome_core::ports::counting::CountingTable;
use uome_core::ports::{Condition, Item};
use uome_domain::{Currency, Decimal};

use kit::Kit;

fn body(value: serde_json::Value) -> ItemChanges {
    serde_json::from_value::<ItemChanges>(value).unwrap()
}

fn body_text(text: &str) -> ItemChanges {
    serde_json::from_str::<ItemChanges>(text).unwrap()
}

/// An account as sign-up leaves it; the tests need only its id.
struct Owner {
    id: AccountId,
}

async fn account(kit: &Kit) -> Owner {
    let n = kit.ports.ids.new_id();
    Owner {
        id: kit
            .account(&format!("owner-{n}@example.com"), "Catalogue Ltd")
            .await
            .account_id,
    }
}

/// Writes a record the account function owns (`COMPANY`, `SETTINGS`).
async fn put_record(kit: &Kit, account_id: &AccountId, sk: &str, data: serde_json::Value) {
    kit.ports
        .table
        .put(
            Item::new(uome_core::keys::account_item(account_id, sk), &data).unwrap(),
            Condition::None,
        )
        .await
        .unwrap();
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn fields(err: CoreError) -> Vec<String> {
    match err {
        CoreError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn conflict_code(err: &CoreError) -> &str {
    match err {
        CoreError::Conflict { code, .. } => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn twenty_concurrent_creates_get_twenty_consecutive_numbers() {
    let env = Kit::new();
    let owner = account(&env).await;
    let ports = env.ports.clone();
    let mut tasks = Vec::new();
    for i in 0..20 {
        let ports = ports.clone();
        let account_id = owner.id.clone();
        tasks.push(tokio::spawn(async move {
            catalogue::create_item(
                &ports,
                &account_id,
                body(json!({"name": format!("Item {i}")})),
            )
            .await
            .unwrap()
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap().number);
    }
    numbers.sort();
    let want: Vec<String> = (1..=20).map(|n| format!("ITM-{n:04}")).collect();
    assert_eq!(numbers, want);
}

#[tokio::test]
async fn prices_parse_exactly() {
    let env = Kit::new();
    let owner = account(&env).await;
    let create = |changes| catalogue::create_item(&env.ports, &owner.id, changes);

    let a = create(body_text(r#"{"name": "A", "sales_price": "19.99"}"#))
        .await
        .unwrap();
    assert_eq!(a.sales_price, dec("19.99"));
    let b = create(body_text(r#"{"name": "B", "sales_price": 19.99}"#))
        .await
        .unwrap();
    assert_eq!(b.sales_price, dec("19.99"));
    // 0.1 + 0.2 style values stay what was written.
    let c = create(body_text(
        r#"{"name": "C", "sales_price": 0.3, "purchase_price": 1234567890.1234}"#,
    ))
    .await
    .unwrap();
    assert_eq!(c.sales_price, dec("0.3"));
    assert_eq!(c.purchase_price, dec("1234567890.1234"));
    // An exponent is refused, as a JSON number and as text (API.md §1:
    // plain decimals; `1e3` has many spellings and a typo costs 1000×).
    for (field, text) in [
        ("sales_price", r#"{"name": "D", "sales_price": 1e3}"#),
        (
            "purchase_price",
            r#"{"name": "D", "purchase_price": "2.5E1"}"#,
        ),
    ] {
        let err = create(body_text(text)).await.unwrap_err();
        assert_eq!(fields(err), [field], "{text}");
    }
    // Four decimal places are a unit price's limit; trailing zeros do not count.
    let e = create(body_text(r#"{"name": "E", "sales_price": "0.12345000"}"#))
        .await
        .unwrap_err();
    assert_eq!(fields(e), ["sales_price"]);
    let f = create(body_text(r#"{"name": "F", "sales_price": "0.12340000"}"#))
        .await
        .unwrap();
    assert_eq!(price_text(f.sales_price, f.currency), "0.1234");
    for bad in [
        r#""NaN""#,
        r#""1,5""#,
        r#""""#,
        "[1]",
        r#""1e999""#,
        "1000000000000000",
    ] {
        let text = format!(r#"{{"name": "G", "sales_price": {bad}}}"#);
        let err = create(body_text(&text)).await.unwrap_err();
        assert_eq!(fields(err), ["sales_price"], "{bad}");
    }
    let neg = create(body_text(r#"{"name": "H", "purchase_price": -0.01}"#))
        .await
        .unwrap_err();
    assert_eq!(fields(neg), ["purchase_price"]);
    let rate = create(body_text(r#"{"name": "I", "tax_rate": 5.55555}"#))
        .await
        .unwrap_err();
    assert_eq!(fields(rate), ["tax_rate"]);
}

#[tokio::test]
async fn jpy_items_keep_whole_yen_and_unit_price_fractions() {
    let env = Kit::new();
    let owner = account(&env).await;
    let item = catalogue::create_item(
        &env.ports,
        &owner.id,
        body(json!({"name": "Matcha", "currency": "jpy", "sales_price": "1500.00", "purchase_price": "0.5"})),
    )
    .await
    .unwrap();
    assert_eq!(item.currency, Currency::JPY);
    assert_eq!(item.currency.code(), "JPY");
    assert_eq!(price_text(item.sales_price, item.currency), "1500");
    assert_eq!(price_text(item.purchase_price, item.currency), "0.5");

    let bhd = catalogue::create_item(
        &env.ports,
        &owner.id,
        body(json!({"name": "Dates", "currency": "BHD", "sales_price": 2.5})),
    )
    .await
    .unwrap();
    assert_eq!(price_text(bhd.sales_price, bhd.currency), "2.500");
}

#[tokio::test]
async fn batch_load_leaves_out_unknown_and_foreign_ids() {
    let env = Kit::new();
    let mine = account(&env).await;
    let theirs = account(&env).await;
    let ports = &env.ports;
    let a = catalogue::create_item(ports, &mine.id, body(json!({"name": "A"})))
        .await
        .unwrap();
    let b = catalogue::create_item(ports, &mine.id, body(json!({"name": "B"})))
        .await
        .unwrap();
    let foreign = catalogue::create_item(ports, &theirs.id, body(json!({"name": "X"})))
        .await
        .unwrap();
    let unknown = "0190b1a5-7c2e-7000-8000-000000000000".to_owned();

    let ids = [
        a.id.clone(),
        b.id.clone(),
        foreign.id.clone(),
        unknown.clone(),
        a.id.clone(),
    ];
    let loaded = load_items(ports.table.as_ref(), &mine.id, &ids)
        .await
        .unwrap();
    assert_eq!(loaded.len(), 2);
    assert_eq!(loaded[&a.id], a);
    assert_eq!(loaded[&b.id].name, "B");
    assert!(!loaded.contains_key(&foreign.id));
    assert!(!loaded.contains_key(&unknown));

    assert_eq!(
        load_item(ports.table.as_ref(), &mine.id, &a.id)
            .await
            .unwrap(),
        a
    );
    let err = load_item(ports.table.as_ref(), &mine.id, &foreign.id)
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound));

    // More than one batch's worth of ids.
    let many: Vec<String> = (0..150)
        .map(|_| env.ports.ids.new_id().to_string())
        .chain([a.id.clone()])
        .collect();
    let loaded = load_items(ports.table.as_ref(), &mine.id, &many)
        .await
        .unwrap();
    assert_eq!(loaded.len(), 1);
}

#[tokio::test]
async fn numbers_are_unique_case_insensitively_and_auto_numbers_skip_taken_ones() {
    let env = Kit::new();
    let owner = account(&env).await;
    let ports = &env.ports;
    let manual = catalogue::create_item(
        ports,
        &owner.id,
        body(json!({"name": "M", "number": "ITM-0002"})),
    )
    .await
    .unwrap();
    let err = catalogue::create_item(
        ports,
        &owner.id,
        body(json!({"name": "N", "number": " itm-0002 "})),
    )
    .await
    .unwrap_err();
    assert_eq!(conflict_code(&err), "duplicate_number");
    match &err {
        CoreError::Conflict { extra, .. } => assert_eq!(extra["existing_id"], manual.id.as_str()),
        _ => unreachable!(),
    }
    let first = catalogue::create_item(ports, &owner.id, body(json!({"name": "A"})))
        .await
        .unwrap();
    let second = catalogue::create_item(ports, &owner.id, body(json!({"name": "B"})))
        .await
        .unwrap();
    assert_eq!(first.number, "ITM-0001");
    assert_eq!(second.number, "ITM-0003");

    // Renumbering frees the old number and takes the new one.
    let renumbered = catalogue::update_item(
        ports,
        &owner.id,
        &manual.id,
        None,
        body(json!({"number": "SKU-1"})),
    )
    .await
    .unwrap();
    assert_eq!(renumbered.number, "SKU-1");
    let reuse = catalogue::create_item(
        ports,
        &owner.id,
        body(json!({"name": "R", "number": "ITM-0002"})),
    )
    .await
    .unwrap();
    assert_eq!(reuse.number, "ITM-0002");
    let taken = catalogue::update_item(
        ports,
        &owner.id,
        &first.id,
        None,
        body(json!({"number": "sku-1"})),
    )
    .await
    .unwrap_err();
    assert_eq!(conflict_code(&taken), "duplicate_number");
    let removed = catalogue::update_item(
        ports,
        &owner.id,
        &first.id,
        None,
        body(json!({"number": null})),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(removed), ["number"]);
    // Only the case changes: same guard, no conflict with itself.
    let recased = catalogue::update_item(
        ports,
        &owner.id,
        &reuse.id,
        None,
        body(json!({"number": "itm-0002"})),
    )
    .await
    .unwrap();
    assert_eq!(recased.number, "itm-0002");
}

#[tokio::test]
async fn tax_rate_links_copy_the_rate() {
    let env = Kit::new();
    let owner = account(&env).await;
    let other = account(&env).await;
    let ports = &env.ports;
    let vat = catalogue::create_tax_rate(
        ports,
        &owner.id,
        serde_json::from_value::<TaxRateChanges>(json!({"name": "VAT", "rate": 20})).unwrap(),
    )
    .await
    .unwrap();
    let foreign = catalogue::create_tax_rate(
        ports,
        &other.id,
        TaxRateChanges {
            name: Patch::Set("Theirs".into()),
            rate: Patch::Set(Ok(dec("5"))),
        },
    )
    .await
    .unwrap();

    let item = catalogue::create_item(
        ports,
        &owner.id,
        body(json!({"name": "A", "tax_rate_id": vat.id})),
    )
    .await
    .unwrap();
    assert_eq!(item.tax_rate, dec("20"));
    assert_eq!(item.tax_rate_id.as_deref(), Some(vat.id.as_str()));

    let mismatch = catalogue::create_item(
        ports,
        &owner.id,
        body(json!({"name": "B", "tax_rate_id": vat.id, "tax_rate": "10"})),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(mismatch), ["tax_rate"]);
    let matching = catalogue::create_item(
        ports,
        &owner.id,
        body(json!({"name": "B", "tax_rate_id": vat.id, "tax_rate": "20.00"})),
    )
    .await;
    assert!(matching.is_ok());

    let theirs = catalogue::create_item(
        ports,
        &owner.id,
        body(json!({"name": "C", "tax_rate_id": foreign.id})),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(theirs), ["tax_rate_id"]);

    // A linked item's rate changes with its link, not by hand.
    let by_hand = catalogue::update_item(
        ports,
        &owner.id,
        &item.id,
        None,
        body(json!({"tax_rate": 5})),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(by_hand), ["tax_rate"]);
    let unlinked = catalogue::update_item(
        ports,
        &owner.id,
        &item.id,
        None,
        body(json!({"tax_rate_id": null, "tax_rate": 5})),
    )
    .await
    .unwrap();
    assert_eq!(unlinked.tax_rate, dec("5"));
    assert_eq!(unlinked.tax_rate_id, None);

    // Relinking after the rate changed picks up the new rate.
    catalogue::update_tax_rate(
        ports,
        &owner.id,
        &vat.id,
        Some(1),
        TaxRateChanges {
            rate: Patch::Set(Ok(dec("17.5"))),
            ..TaxRateChanges::default()
        },
    )
    .await
    .unwrap();
    let relinked = catalogue::update_item(
        ports,
        &owner.id,
        &item.id,
        None,
        body(json!({"tax_rate_id": vat.id})),
    )
    .await
    .unwrap();
    assert_eq!(relinked.tax_rate, dec("17.5"));

    // Deleting the tax rate leaves linked items editable with their rate.
    catalogue::delete_tax_rate(ports, &owner.id, &vat.id, None)
        .await
        .unwrap();
    let edited = catalogue::update_item(
        ports,
        &owner.id,
        &item.id,
        None,
        body(json!({"name": "A2"})),
    )
    .await
    .unwrap();
    assert_eq!(edited.tax_rate, dec("17.5"));
    assert_eq!(edited.tax_rate_id.as_deref(), Some(vat.id.as_str()));
}

#[tokio::test]
async fn search_matches_name_or_number_prefixes_once_each() {
    let env = Kit::new();
    let owner = account(&env).await;
    let ports = &env.ports;
    for (name, number) in [
        ("Widget", "W-1"),
        ("widget large", "W-2"),
        ("Gadget", "WID-9"),
        ("Wid", "WID-1"),
        ("Ünïcode thing", "U-1"),
    ] {
        catalogue::create_item(
            ports,
            &owner.id,
            body(json!({"name": name, "number": number})),
        )
        .await
        .unwrap();
    }
    let account_id: &AccountId = &owner.id;
    let table = ports.table.as_ref();
    let search = |text: &str| {
        let filter = ItemFilter {
            search: Some(text.to_owned()),
            ..ItemFilter::default()
        };
        async move {
            catalogue::list_items(table, account_id, &filter, 50, None)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|i| i.name)
                .collect::<Vec<_>>()
        }
    };
    // Names first (by name), then items matched by number only.
    assert_eq!(
        search("wid").await,
        ["Wid", "Widget", "widget large", "Gadget"]
    );
    assert_eq!(search("WIDGET").await, ["Widget", "widget large"]);
    assert_eq!(search("w-").await, ["Widget", "widget large"]);
    assert_eq!(search("ünï").await, ["Ünïcode thing"]);
    assert!(search("'; DROP TABLE items; --").await.is_empty());
    assert!(search("%").await.is_empty());
    assert!(search(&"x".repeat(10_000)).await.is_empty());
}

#[tokio::test]
async fn pages_follow_the_cursor_through_both_search_phases_and_filters() {
    let env = Kit::new();
    let owner = account(&env).await;
    let ports = &env.ports;
    for i in 0..7 {
        catalogue::create_item(
            ports,
            &owner.id,
            body(json!({"name": format!("Box {i}"), "type": if i % 2 == 0 { "product" } else { "service" }, "family": "Boxes", "active": i != 3})),
        )
        .await
        .unwrap();
    }
    for i in 0..4 {
        catalogue::create_item(
            ports,
            &owner.id,
            body(json!({"name": format!("Crate {i}"), "number": format!("BOX-{i}")})),
        )
        .await
        .unwrap();
    }
    let account_id: &AccountId = &owner.id;
    let table = ports.table.as_ref();
    let all = |filter: ItemFilter, limit: u32| async move {
        let mut names = Vec::new();
        let mut after = None;
        let mut pages = 0;
        loop {
            let page = catalogue::list_items(table, account_id, &filter, limit, after)
                .await
                .unwrap();
            assert!(page.items.len() <= limit as usize);
            names.extend(page.items.into_iter().map(|i| i.name));
            pages += 1;
            match page.next {
                Some(next) => after = Some(next),
                None => return (names, pages),
            }
        }
    };
    let (names, _) = all(
        ItemFilter {
            search: Some("box".into()),
            ..ItemFilter::default()
        },
        3,
    )
    .await;
    let want: Vec<String> = (0..7)
        .map(|i| format!("Box {i}"))
        .chain((0..4).map(|i| format!("Crate {i}")))
        .collect();
    assert_eq!(names, want);

    let (names, _) = all(ItemFilter::default(), 2).await;
    assert_eq!(names.len(), 11);
    let unique: HashSet<_> = names.iter().collect();
    assert_eq!(unique.len(), 11);

    let products = ItemFilter {
        item_type: Some(ItemType::Product),
        family: Some("boxes".into()),
        ..ItemFilter::default()
    };
    let (names, _) = all(products, 2).await;
    assert_eq!(names, ["Box 0", "Box 2", "Box 4", "Box 6"]);
    let inactive = ItemFilter {
        active: Some(false),
        ..ItemFilter::default()
    };
    let (names, _) = all(inactive, 50).await;
    assert_eq!(names, ["Box 3"]);
}

#[tokio::test]
async fn put_and_patch_follow_their_semantics() {
    let env = Kit::new();
    let owner = account(&env).await;
    let ports = &env.ports;
    put_record(
        &env,
        &owner.id,
        "COMPANY",
        json!({"default_currency": "USD"}),
    )
    .await;
    let item = catalogue::create_item(
        ports,
        &owner.id,
        body(json!({"name": "A", "currency": "EUR", "unit": "day", "sales_price": 10, "active": false})),
    )
    .await
    .unwrap();
    assert_eq!(item.currency, Currency::EUR);
    // PUT: absent fields go to their defaults; number and currency stay.
    let replaced = catalogue::update_item(
        ports,
        &owner.id,
        &item.id,
        Some(1),
        body(json!({"name": "B"})).replacing(),
    )
    .await
    .unwrap();
    assert_eq!(replaced.currency, Currency::EUR);
    assert_eq!(replaced.number, item.number);
    assert_eq!(replaced.unit, None);
    assert_eq!(replaced.sales_price, Decimal::ZERO);
    assert!(replaced.active);
    assert_eq!(replaced.created_at, item.created_at);
    // PATCH null on the currency: back to the company's default.
    let patched = catalogue::update_item(
        ports,
        &owner.id,
        &item.id,
        Some(2),
        body(json!({"currency": null})),
    )
    .await
    .unwrap();
    assert_eq!(patched.currency, Currency::USD);
    let stale = catalogue::update_item(
        ports,
        &owner.id,
        &item.id,
        Some(2),
        body(json!({"name": "C"})),
    )
    .await
    .unwrap_err();
    assert_eq!(conflict_code(&stale), "version_conflict");
    let stale = catalogue::delete_item(ports, &owner.id, &item.id, Some(1))
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&stale), "version_conflict");
    let required = catalogue::update_item(
        ports,
        &owner.id,
        &item.id,
        None,
        body(json!({"name": null})),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(required), ["name"]);
}

/// (every call, queries, writes) since the last look, from core's
/// counting table.
fn take(counting: &CountingTable) -> (u64, u64, u64) {
    let calls = counting.take();
    let of = |names: &[&str]| {
        names
            .iter()
            .map(|n| calls.get(n).copied().unwrap_or(0))
            .sum()
    };
    (
        calls.values().sum(),
        of(&["query"]),
        of(&["put", "delete", "transact", "batch_write"]),
    )
}

#[tokio::test]
async fn table_calls_per_operation() {
    let env = Kit::new();
    let owner = account(&env).await;
    let (ports, counting) = env.counting();

    let vat = catalogue::create_tax_rate(
        &ports,
        &owner.id,
        TaxRateChanges {
            name: Patch::Set("VAT".into()),
            rate: Patch::Set(Ok(dec("20"))),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        take(&counting),
        (1, 0, 1),
        "tax rate create: one transaction"
    );

    // Create: one batch read (counter, company, tax rate) + one transaction.
    let item = catalogue::create_item(
        &ports,
        &owner.id,
        body(json!({"name": "A", "tax_rate_id": vat.id})),
    )
    .await
    .unwrap();
    assert_eq!(take(&counting), (2, 0, 1), "item create");
    catalogue::create_item(
        &ports,
        &owner.id,
        body(json!({"name": "B", "number": "X-1", "currency": "GBP"})),
    )
    .await
    .unwrap();
    assert_eq!(
        take(&counting),
        (1, 0, 1),
        "item create with number and currency: no read"
    );

    catalogue::get_item(&ports, &owner.id, &item.id)
        .await
        .unwrap();
    assert_eq!(take(&counting), (1, 0, 0), "item read");
    catalogue::update_item(
        &ports,
        &owner.id,
        &item.id,
        Some(1),
        body(json!({"name": "A2"})),
    )
    .await
    .unwrap();
    assert_eq!(take(&counting), (2, 0, 1), "item update");
    catalogue::list_items(
        ports.table.as_ref(),
        &owner.id,
        &ItemFilter::default(),
        50,
        None,
    )
    .await
    .unwrap();
    assert_eq!(take(&counting), (1, 1, 0), "list page");
    catalogue::delete_item(&ports, &owner.id, &item.id, None)
        .await
        .unwrap();
    assert_eq!(take(&counting), (2, 0, 1), "item delete");

    // A rejected request writes nothing.
    let err = catalogue::create_item(
        &ports,
        &owner.id,
        body(json!({"name": "", "currency": "XYZ"})),
    )
    .await;
    assert!(err.is_err());
    let (_, _, writes) = take(&counting);
    assert_eq!(writes, 0);
}

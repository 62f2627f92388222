//! The catalogue use cases on the DynamoDB adapter (moto): the same key
//! design, conditions and index queries as on SQLite. Skips itself when
//! `UOME_TEST_AWS_ENDPOINT` is unset.

use std::sync::Arc;
use uome_domain::AccountId;

/// The use cases on DynamoDB (moto): the same key design, conditions and
/// index queries as on SQLite.
#[tokio::test]
async fn catalogue_on_dynamodb() {
    use uome_adapters::aws::dynamodb::{DynamoTable, create_table};
    use uome_adapters::embedded::embedded_ports;
    use uome_core::catalogue::{self, ItemChanges, ItemFilter, Patch, TaxRateChanges};
    use uome_core::ports::{RandomIds, SystemClock};

    let Some(config) = uome_aws_tests::sdk_config().await else {
        return;
    };
    let client = aws_sdk_dynamodb::Client::new(&config);
    let name = uome_aws_tests::unique_name("uome-catalogue");
    create_table(&client, &name).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut ports = embedded_ports(
        dir.path(),
        "http://127.0.0.1",
        b"secret".to_vec(),
        Arc::new(SystemClock),
        Arc::new(RandomIds),
    )
    .unwrap()
    .ports;
    ports.table = Arc::new(DynamoTable::new(client, name, Arc::new(SystemClock)));
    let account = &AccountId::from("acc-dynamo");
    let named = |name: &str| ItemChanges {
        name: Patch::Set(name.to_owned()),
        ..ItemChanges::default()
    };

    let vat = catalogue::create_tax_rate(
        &ports,
        account,
        TaxRateChanges {
            name: Patch::Set("VAT".into()),
            rate: Patch::Set(Ok("20".parse().unwrap())),
        },
    )
    .await
    .unwrap();
    // One after another: moto's transactions snapshot and restore the whole
    // table, so concurrent ones can undo each other there (DynamoDB itself
    // is serialisable; the race for numbers is tested on SQLite).
    let mut numbers = Vec::new();
    let mut ids = Vec::new();
    for i in 0..5 {
        let mut changes = named(&format!("Widget {i}"));
        changes.tax_rate_id = Patch::Set(vat.id.clone());
        let item = catalogue::create_item(&ports, account, changes)
            .await
            .unwrap();
        assert_eq!(item.tax_rate.to_string(), "20");
        numbers.push(item.number);
        ids.push(item.id);
    }
    numbers.sort();
    assert_eq!(
        numbers,
        ["ITM-0001", "ITM-0002", "ITM-0003", "ITM-0004", "ITM-0005"]
    );
    let mut dup = named("Dup");
    dup.number = Patch::Set("itm-0003".into());
    assert!(catalogue::create_item(&ports, account, dup).await.is_err());

    let loaded = catalogue::load_items(ports.table.as_ref(), account, &ids)
        .await
        .unwrap();
    assert_eq!(loaded.len(), 5);

    let filter = ItemFilter {
        search: Some("widget".into()),
        ..ItemFilter::default()
    };
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = catalogue::list_items(ports.table.as_ref(), account, &filter, 2, after)
            .await
            .unwrap();
        seen.extend(page.items.into_iter().map(|i| i.name));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(
        seen,
        ["Widget 0", "Widget 1", "Widget 2", "Widget 3", "Widget 4"]
    );
    let by_number = ItemFilter {
        search: Some("ITM-0004".into()),
        ..ItemFilter::default()
    };
    let page = catalogue::list_items(ports.table.as_ref(), account, &by_number, 50, None)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);

    catalogue::delete_item(&ports, account, &ids[0], None)
        .await
        .unwrap();
    let renamed = catalogue::update_item(&ports, account, &ids[1], Some(1), named("Gadget"))
        .await
        .unwrap();
    assert_eq!(renamed.version, 2);
    let page = catalogue::list_items(
        ports.table.as_ref(),
        account,
        &ItemFilter::default(),
        50,
        None,
    )
    .await
    .unwrap();
    let names: Vec<_> = page.items.into_iter().map(|i| i.name).collect();
    assert_eq!(names, ["Gadget", "Widget 2", "Widget 3", "Widget 4"]);
}

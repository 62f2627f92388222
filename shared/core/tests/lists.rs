//! Lists that fill their pages (issue 9): a filter with no index behind it
//! reads on until the page holds `limit` matches, bounded, with a cursor
//! that resumes right after the last item examined. Table calls per page
//! are counted.

mod kit;

use std::collections::BTreeMap;
use uome_domain::ContactId;

use chrono::NaiveDate;
use serde_json::json;
use uome_core::documents::page_fill::{MAX_FILTERED_QUERIES, fill_page, read_size};
use uome_core::documents::{DocumentFilter, DraftInput};
use uome_core::invoices::{InvoiceInput, Viewer, create_invoice, list_invoices};
use uome_core::ports::{Condition, Item, Key, LastKey, Query, Table};
use uome_domain::{Decimal, LineInput};

use kit::Kit;

/// `count` raw items in partition `P`, sort keys from `start`, each saying
/// whether it matches.
async fn put_items(table: &dyn Table, start: usize, count: usize, matches: bool) {
    for i in start..start + count {
        let item = Item::new(
            Key::new("P", format!("{i:05}")),
            &json!({"n": i, "match": matches}),
        )
        .unwrap();
        table.put(item, Condition::NotExists).await.unwrap();
    }
}

/// One page of the raw list: the matching numbers and the cursor.
async fn raw_page(
    table: &dyn Table,
    limit: u32,
    after: Option<LastKey>,
) -> (Vec<u64>, Option<LastKey>) {
    let query = Query::partition("P", read_size(limit, true)).after(after);
    let first = table.query(&query).await.unwrap();
    fill_page(table, &query, first, limit, true, |item| {
        Ok((item.data["match"] == true).then(|| item.data["n"].as_u64().unwrap()))
    })
    .await
    .unwrap()
}

fn queries(calls: &BTreeMap<&'static str, u64>) -> u64 {
    calls.get("query").copied().unwrap_or(0)
}

#[tokio::test]
async fn a_filtered_page_reads_on_until_it_is_full() {
    let kit = Kit::new();
    let (ports, counting) = kit.counting();
    let table = ports.table.as_ref();
    put_items(table, 0, 250, false).await;
    put_items(table, 250, 3, true).await;
    counting.take();

    // 100 + 100 + the 52 up to the second match: three Queries, a full page.
    let (found, next) = raw_page(table, 2, None).await;
    assert_eq!(found, [250, 251]);
    assert_eq!(queries(&counting.take()), 3);
    let next = next.expect("more matches follow");
    assert_eq!(next.key.sk, "00251");

    // The next page starts right after the last item examined.
    let (found, next) = raw_page(table, 2, Some(next)).await;
    assert_eq!(found, [252]);
    assert!(next.is_none());
    assert_eq!(queries(&counting.take()), 1);
}

#[tokio::test]
async fn a_page_past_the_bound_answers_what_it_found_with_a_cursor() {
    let kit = Kit::new();
    let table = kit.ports.table.as_ref();
    let bound = 100 * MAX_FILTERED_QUERIES;
    put_items(table, 0, bound + 20, false).await;
    put_items(table, bound + 20, 1, true).await;

    let (found, next) = raw_page(table, 10, None).await;
    assert!(found.is_empty());
    let next = next.expect("the bound was reached, not the end");
    assert_eq!(next.key.sk, format!("{:05}", bound - 1));
    let (found, next) = raw_page(table, 10, Some(next)).await;
    assert_eq!(found, [u64::try_from(bound).unwrap() + 20]);
    assert!(next.is_none());
}

fn invoice(contact_id: &str, day: &str) -> InvoiceInput {
    InvoiceInput {
        draft: DraftInput {
            contact_id: ContactId::from(contact_id.to_owned()),
            issue_date: Some(day.parse::<NaiveDate>().unwrap()),
            lines: vec![LineInput::item(
                "Consulting",
                Decimal::ONE,
                Decimal::ONE_HUNDRED,
                Decimal::ZERO,
                Decimal::ZERO,
            )],
            ..DraftInput::default()
        },
        ..InvoiceInput::default()
    }
}

#[tokio::test]
async fn invoices_filtered_by_status_fill_their_pages() {
    let kit = Kit::new();
    let acc = kit
        .account("owner@example.com", "Lists Ltd")
        .await
        .account_id;
    let ports = &kit.ports;
    let contact = uome_core::contacts::create_contact(
        ports,
        &acc,
        serde_json::from_value(json!({"company_name": "Client Ltd", "email": "a@client.example"}))
            .unwrap(),
        false,
    )
    .await
    .unwrap()
    .id;
    // Three issued invoices, older than 150 drafts (lists are newest first).
    for day in ["2026-01-01", "2026-01-02", "2026-01-03"] {
        create_invoice(ports, &acc, invoice(&contact, day), Some("issued"))
            .await
            .unwrap();
    }
    for _ in 0..150 {
        create_invoice(ports, &acc, invoice(&contact, "2026-06-01"), None)
            .await
            .unwrap();
    }
    let (ports, counting) = kit.counting();
    let issued = DocumentFilter {
        status: Some("issued".into()),
        ..DocumentFilter::default()
    };

    // The company (for "today") and two Queries: 100 drafts, then 50 more
    // and the first two issued ones.
    let page = list_invoices(&ports, &acc, &issued, Viewer::Business, 2, None)
        .await
        .unwrap();
    let days: Vec<String> = page
        .documents
        .iter()
        .map(|at| at.document.body.issue_date.to_string())
        .collect();
    assert_eq!(days, ["2026-01-03", "2026-01-02"]);
    let calls = counting.take();
    assert_eq!((calls.get("get").copied(), queries(&calls)), (Some(1), 2));

    let page = list_invoices(&ports, &acc, &issued, Viewer::Business, 2, page.next)
        .await
        .unwrap();
    assert_eq!(page.documents.len(), 1);
    assert_eq!(
        page.documents[0].document.body.issue_date.to_string(),
        "2026-01-01"
    );
    assert!(page.next.is_none());
    let calls = counting.take();
    assert_eq!((calls.get("get").copied(), queries(&calls)), (Some(1), 1));

    // Unfiltered, a page is still one Query of `limit` items.
    let page = list_invoices(
        &ports,
        &acc,
        &DocumentFilter::default(),
        Viewer::Business,
        20,
        None,
    )
    .await
    .unwrap();
    assert_eq!(page.documents.len(), 20);
    assert!(page.next.is_some());
    assert_eq!(queries(&counting.take()), 1);
}

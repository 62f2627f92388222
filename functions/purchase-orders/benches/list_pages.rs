//! What a page of the seed's list costs as an account's purchase orders
//! grow: 10,000 orders in one account, then a page of 50 at offset 0 and at
//! offset 9,950, counted through the `Table` port (calls by method and
//! items read: what DynamoDB bills read capacity for) and timed on the
//! embedded adapters. The summary items' size is printed too, since read
//! capacity is counted in 4 KB units.
//!
//! `cargo bench -p uome-purchase-orders --bench list_pages`

use std::time::Instant;

use serde_json::json;
use uome_core::purchase_orders::{PurchaseLineInput, PurchaseOrderInput, create_purchase_order};
use uome_domain::Decimal;
use uome_testkit::TestEnv;
use uome_testkit::requests::call;

const ORDERS: usize = 10_000;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let env = TestEnv::new();
    let owner = rt.block_on(env.owner(true));
    let (app, counting, _) = env.counting_app(uome_purchase_orders::api());
    let started = Instant::now();
    rt.block_on(async {
        let input = serde_json::from_value(json!({"company_name": "Holz AG", "roles": ["vendor"]}))
            .expect("a contact");
        let vendor =
            uome_core::contacts::create_contact(&env.ctx.ports, &owner.account_id, input, false)
                .await
                .expect("the vendor")
                .id
                .to_string();
        for i in 0..ORDERS {
            let input = PurchaseOrderInput {
                account_id: vendor.clone(),
                issue_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
                    .and_then(|d| d.checked_add_days(chrono::Days::new((i % 365) as u64))),
                lines: vec![PurchaseLineInput {
                    item_name: Some(format!("Part {i}")),
                    item_quantity: Decimal::from(1 + i % 7),
                    price: Some(Decimal::new(1250 + i as i64, 2)),
                    tax_rate: Decimal::from(20),
                    ..PurchaseLineInput::default()
                }],
                ..PurchaseOrderInput::default()
            };
            create_purchase_order(&env.ctx.ports, &owner.account_id, "bench", input)
                .await
                .expect("an order");
        }
    });
    println!(
        "{ORDERS} purchase orders written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for offset in [0, 9_950] {
        counting.take();
        counting.take_items_read();
        let started = Instant::now();
        let (status, page) = rt.block_on(call(
            &app,
            http::Method::GET,
            &format!("/v1/purchase-orders?limit=50&offset={offset}"),
            &owner,
            None,
        ));
        let elapsed = started.elapsed();
        assert_eq!(status, http::StatusCode::OK, "{page}");
        assert_eq!(page["purchase_orders"].as_array().map(Vec::len), Some(50));
        assert_eq!(page["pagination"]["records"], ORDERS);
        let calls = counting.take();
        let items = counting.take_items_read();
        println!(
            "page of 50 at offset {offset}: {calls:?}, {items} items read, {:.1} ms",
            elapsed.as_secs_f64() * 1000.0
        );
    }
    let summary = rt.block_on(uome_core::purchase_orders::summaries(
        &env.ctx.ports,
        &owner.account_id,
        None,
    ));
    let summaries = summary.expect("summaries");
    let bytes: usize = summaries
        .iter()
        .map(|s| serde_json::to_vec(s).map(|v| v.len()).unwrap_or(0))
        .sum();
    println!(
        "summaries: {} items, {} bytes on average ({:.1} MB in all)",
        summaries.len(),
        bytes / summaries.len().max(1),
        bytes as f64 / 1e6
    );
}

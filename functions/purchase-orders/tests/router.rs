//! The purchase-orders router inside the shared stack, driven with
//! `oneshot`: the sample API Gateway event (an item line at its purchase
//! price and a written-out line whose JSON number `35.5` arrives exact),
//! a replayed create, and the Table round trips of a create and a bill.

use std::collections::BTreeMap;

use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::catalogue::{ItemChanges, Patch};
use uome_testkit::TestEnv;
use uome_testkit::requests::{call, call_as};

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod fixtures;

async fn vendor_and_item(env: &TestEnv, account_id: &uome_domain::AccountId) -> (String, String) {
    let vendor = fixtures::contact(
        &env.ctx.ports,
        account_id,
        json!({"company_name": "Holz AG", "roles": ["vendor"], "email": "orders@holz.example"}),
    )
    .await;
    let changes = ItemChanges {
        name: Patch::Set("Oak board".into()),
        sales_price: Patch::Set(Ok(fixtures::d("30.00"))),
        purchase_price: Patch::Set(Ok(fixtures::d("12.50"))),
        currency: Patch::Set("EUR".into()),
        ..ItemChanges::default()
    };
    let item = uome_core::catalogue::create_item(&env.ctx.ports, account_id, changes)
        .await
        .unwrap()
        .id;
    (vendor, item)
}

#[tokio::test]
async fn the_sample_event_writes_a_draft_in_the_seeds_shape() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let (vendor, item) = vendor_and_item(&env, &owner.account_id).await;
    let path = format!(
        "{}/../../events/purchase-orders-create.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("0193a3c0-5b1e-7c3e-9d2a-3f4e5a6b7c8d", &vendor)
        .replace("0193a3c0-5b1e-7c3e-9d2a-00000000i001", &item);
    let mut event: Value = serde_json::from_str(&text).unwrap();
    event["headers"]["authorization"] = json!(owner.bearer());
    let app = env.app(uome_purchase_orders::api());
    let send = |event: &Value| {
        let request = lambda_http::request::from_str(&event.to_string()).unwrap();
        let (parts, body) = request.into_parts();
        app.clone()
            .oneshot(Request::from_parts(parts, Body::from(body.to_vec())))
    };
    let response = send(&event).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let created: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let po = &created["purchase_order"];
    assert_eq!(po["number"], "PO-0001");
    assert_eq!(po["status"], "draft");
    assert_eq!(po["account_id"], vendor);
    assert_eq!(po["currency"]["uuid"], "EUR");
    // 40 × 12.50 + 35.50 = 535.50, and 19 %.
    assert_eq!(po["subtotal"], "535.50");
    assert_eq!(po["tax"], "101.75");
    assert_eq!(po["total"], "637.25");
    assert_eq!(po["lines"][0]["item_name"], "Oak board");
    assert_eq!(
        po["lines"][0]["item_price_snapshot"]["pricing_rule"]["price"],
        "12.50"
    );
    assert_eq!(po["lines"][1]["subtotal"], "35.50");
    assert_eq!(
        po["lines"][1]["item_price_snapshot"]["pricing_rule"],
        Value::Null
    );
    assert_eq!(po["custom_attributes"][0]["value"], "Spring fit-out");
    assert_eq!(po["kpis"]["estimated_total"], "637.25");

    // The same event again (its Idempotency-Key) is the same answer.
    let again = send(&event).await.unwrap();
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let bytes = again.into_body().collect().await.unwrap().to_bytes();
    let replayed: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(replayed["purchase_order"]["id"], po["id"]);
}

#[tokio::test]
async fn a_create_and_a_bill_are_one_batch_read_and_one_transaction() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let (vendor, item) = vendor_and_item(&env, &owner.account_id).await;
    let (app, counting, _) = env.counting_app(uome_purchase_orders::api());
    let body = json!({"account_id": vendor, "lines": [{"item_id": item, "item_quantity": 2, "tax_rate": 20}]});
    let (status, created) = call(
        &app,
        http::Method::POST,
        "/v1/purchase-orders",
        &owner,
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let create = counting.take();
    let id = created["purchase_order"]["id"].as_str().unwrap();
    // Issuing needs a verified account and a vendor with an email: both set.
    let (status, issued) = call(
        &app,
        http::Method::POST,
        &format!("/v1/purchase-orders/{id}/issue"),
        &owner,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    counting.take();
    let bill =
        json!({"supplier_invoice_id": "HOLZ-1", "issue_date": "2026-11-21", "total": "30.00"});
    let (status, _, billed) = call_as(
        &app,
        http::Method::POST,
        &format!("/v1/purchase-orders/{id}/bill"),
        &owner.bearer(),
        &[],
        Some(bill),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{billed}");
    let bill_calls = counting.take();
    println!("create: {create:?}\nbill: {bill_calls:?}");
    // Vendor, company, settings, counter and the item in one batch read;
    // counter, order, summary and the vendor's reference in one transaction.
    assert_eq!(create, BTreeMap::from([("batch_get", 1), ("transact", 1)]));
    // The order and the company (today) in one batch read; the order, its
    // summary and the bill's posting in one transaction.
    assert_eq!(
        bill_calls,
        BTreeMap::from([("batch_get", 1), ("transact", 1)])
    );
}

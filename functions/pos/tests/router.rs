//! The pos router inside the shared stack, driven with `oneshot`: the
//! sample API Gateway event (a cash sale in francs), a double-clicked
//! charge, the receipt PDF, a refund, the day's summary, the problems they
//! answer, and the Table round trips of a sale.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_testkit::TestEnv;
use uome_testkit::owner::Owner;
use uome_testkit::requests::{call, call_as};

#[path = "../../../shared/core/tests/kit/shops.rs"]
mod shops;

fn app(env: &TestEnv) -> Router {
    env.app(uome_pos::api())
}

async fn swiss_shop(env: &TestEnv, owner: &Owner) {
    shops::swiss_shop(&env.ctx.ports, &owner.account_id).await;
}

/// A POST with an idempotency key.
async fn post_keyed(
    app: &Router,
    uri: &str,
    owner: &Owner,
    key: &str,
    body: Value,
) -> (StatusCode, http::HeaderMap, Value) {
    let headers = [("idempotency-key", key)];
    call_as(
        app,
        http::Method::POST,
        uri,
        &owner.bearer(),
        &headers,
        Some(body),
    )
    .await
}

fn coffee() -> Value {
    json!({"payment_method": "card", "lines": [
        {"description": "Flat white", "quantity": 2, "unit_price": "4.60", "tax_rate": "8.1"}
    ]})
}

#[tokio::test]
async fn the_sample_event_is_a_cash_sale_rounded_to_five_centimes() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    swiss_shop(&env, &owner).await;
    let path = format!("{}/../../events/pos-sale.json", env!("CARGO_MANIFEST_DIR"));
    let mut event: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    event["headers"]["authorization"] = json!(owner.bearer());
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    let (parts, body) = request.into_parts();
    let response = app(&env)
        .oneshot(Request::from_parts(parts, Body::from(body.to_vec())))
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let sold: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(status, StatusCode::CREATED, "{sold}");
    assert_eq!(sold["receipt_number"], "RCT-0001");
    assert_eq!(sold["change_due"], "0.00");
    assert_eq!(sold["sale"]["total"], "9.98");
    assert_eq!(sold["sale"]["amount_paid"], "10.00");
    assert_eq!(sold["sale"]["rounding"], "0.02");
    assert_eq!(sold["sale"]["tax_amount"], "0.25");
    assert_eq!(sold["invoice"]["number"], "RCT-0001");
    assert_eq!(sold["invoice"]["status"], "paid");
    assert_eq!(sold["invoice"]["source"], "pos");
    assert_eq!(sold["invoice"]["amount_due"], "0.00");
}

#[tokio::test]
async fn a_double_clicked_charge_is_one_sale() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let (first, second) = tokio::join!(
        post_keyed(&app, "/v1/pos/sales", &owner, "charge-1", coffee()),
        post_keyed(&app, "/v1/pos/sales", &owner, "charge-1", coffee()),
    );
    let answers = [first, second];
    let created: Vec<&Value> = answers
        .iter()
        .filter(|(status, _, _)| *status == StatusCode::CREATED)
        .map(|(_, _, body)| body)
        .collect();
    // The loser of the race either replays the answer or is told the first
    // is still running; never a second sale.
    for (status, _, body) in &answers {
        assert!(
            *status == StatusCode::CREATED || *status == StatusCode::CONFLICT,
            "{status} {body}"
        );
    }
    assert!(!created.is_empty());
    assert!(created.iter().all(|b| b["receipt_number"] == "RCT-0001"));
    let (status, headers, again) =
        post_keyed(&app, "/v1/pos/sales", &owner, "charge-1", coffee()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(headers["idempotent-replayed"], "true");
    assert_eq!(again["receipt_number"], "RCT-0001");
    let mut emailed = coffee();
    emailed["email_receipt_to"] = json!("guest@example.com");
    let (status, _, next) = post_keyed(&app, "/v1/pos/sales", &owner, "charge-2", emailed).await;
    assert_eq!(status, StatusCode::CREATED, "{next}");
    assert_eq!(next["receipt_number"], "RCT-0002");
    let mail = env.embedded.outbox.list().unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["guest@example.com"]);
    assert_eq!(mail[0].subject, "Your receipt RCT-0002");
    assert_eq!(mail[0].attachments[0].file_name, "RCT-0002.pdf");
    let (status, list) = call(&app, http::Method::GET, "/v1/pos/sales", &owner, None).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["data"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn receipts_refunds_and_the_summary_over_http() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    swiss_shop(&env, &owner).await;
    let app = app(&env);
    let body = json!({"payment_method": "cash", "amount_tendered": "50", "lines": [
        {"description": "Mug", "quantity": 2, "unit_price": "12.00", "tax_rate": "8.1"},
        {"description": "Beans", "quantity": 1, "unit_price": "9.98", "tax_rate": "2.6"}
    ]});
    let (status, sold) = call(
        &app,
        http::Method::POST,
        "/v1/pos/sales",
        &owner,
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{sold}");
    assert_eq!(sold["sale"]["amount_paid"], "36.20");
    assert_eq!(sold["change_due"], "13.80");
    let id = sold["sale"]["id"].as_str().unwrap().to_string();

    // The receipt: a PDF one 80 mm page wide.
    let request = Request::builder()
        .uri(format!("/v1/pos/sales/{id}/receipt"))
        .header("authorization", owner.bearer())
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("RCT-0001.pdf")
    );
    let pdf = response.into_body().collect().await.unwrap().to_bytes();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(String::from_utf8_lossy(&pdf).contains("226.77"));

    // Refund one line; more than was sold is named.
    let uri = format!("/v1/pos/sales/{id}/refund");
    let (status, problem) = call(
        &app,
        http::Method::POST,
        &uri,
        &owner,
        Some(json!({"reason": "Broken", "lines": [{"line_position": 1, "quantity": 3}]})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "lines[0].quantity");
    let (status, refunded) = call(
        &app,
        http::Method::POST,
        &uri,
        &owner,
        Some(json!({"reason": "Wrong roast", "lines": [{"line_position": 2, "quantity": 1}]})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{refunded}");
    assert_eq!(refunded["credit_note"]["number"], "CN-0001");
    assert_eq!(refunded["refund"]["credited"], "10.24");
    assert_eq!(refunded["refund"]["paid_back"], "10.25");
    assert_eq!(refunded["sale"]["refunded"], "10.24");

    let (status, summary) = call(&app, http::Method::GET, "/v1/pos/summary", &owner, None).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["time_zone"], "Europe/Zurich");
    let chf = &summary["currencies"][0];
    assert_eq!(chf["count"], 1);
    assert_eq!(chf["gross"], "36.18");
    assert_eq!(chf["refunds"], 1);
    assert_eq!(chf["net_takings"], "25.95");
    assert_eq!(chf["by_method"][0]["method"], "cash");
    assert_eq!(chf["by_method"][0]["net"], "25.95");

    let (status, problem) = call(
        &app,
        http::Method::GET,
        "/v1/pos/summary?date=2026-13-01",
        &owner,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "date");
    let (status, empty) = call(
        &app,
        http::Method::GET,
        "/v1/pos/summary?date=2020-01-01",
        &owner,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(empty["currencies"], json!([]));

    // Another account sees nothing of it.
    let stranger = env.owner(true).await;
    let (status, _) = call(
        &app,
        http::Method::GET,
        &format!("/v1/pos/sales/{id}"),
        &stranger,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = call(
        &app,
        http::Method::POST,
        &uri,
        &stranger,
        Some(json!({"reason": "x"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_sale_is_one_batch_read_and_one_transaction() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let (app, counting, _) = env.counting_app(uome_pos::api());
    let five = json!({"payment_method": "cash", "amount_tendered": "100", "lines": [
        {"description": "A", "quantity": 1, "unit_price": "1.10", "tax_rate": "20"},
        {"description": "B", "quantity": 2, "unit_price": "2.20", "tax_rate": "20"},
        {"description": "C", "quantity": 3, "unit_price": "3.30", "tax_rate": "5"},
        {"description": "D", "quantity": 4, "unit_price": "4.40", "tax_rate": "5"},
        {"description": "E", "quantity": 5, "unit_price": "5.50", "tax_rate": "0"}
    ]});
    let (status, sold) = call(
        &app,
        http::Method::POST,
        "/v1/pos/sales",
        &owner,
        Some(five),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{sold}");
    let calls = counting.take();
    let items = counting.take_items_written();
    println!("sale: {calls:?}, {items} items written");
    // Company, settings and the receipt counter in one batch read; the
    // counter, invoice, sale, payment and both postings in one transaction.
    assert_eq!(calls, BTreeMap::from([("batch_get", 1), ("transact", 1)]));
    assert_eq!(items, 6);
}

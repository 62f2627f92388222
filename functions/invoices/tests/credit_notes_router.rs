//! The credit-note routes of the `invoices` function through its router:
//! the real API Gateway v2 event (`events/invoices-credit-note.json`,
//! through lambda_http's conversion: the JSON number `0.5` arrives exact),
//! and the table round trips of a credit note, a refund and a reversal
//! (docs/credit-notes.md quotes them).

use std::collections::BTreeMap;

use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_domain::InvoiceStatus;
use uome_testkit::TestEnv;
use uome_testkit::requests::call;

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod fixtures;
use fixtures::write_invoice;

#[tokio::test]
async fn the_sample_event_credits_half_a_line() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let invoice = write_invoice(
        &env.ctx.ports,
        &owner.account_id,
        "INV-0001",
        InvoiceStatus::Issued,
        "100.00",
        "20",
    )
    .await;
    let path = format!(
        "{}/../../events/invoices-credit-note.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("0192f3c4-5e6f-7a8b-9c0d-0000000000aa", &invoice.id);
    let mut event: Value = serde_json::from_str(&text).unwrap();
    event["headers"]["authorization"] = json!(owner.bearer());
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    let (parts, body) = request.into_parts();
    let response = env
        .app(uome_invoices::api())
        .oneshot(Request::from_parts(parts, Body::from(body.to_vec())))
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let note: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(status, StatusCode::CREATED, "{note}");
    assert_eq!(note["number"], "CN-0001");
    assert_eq!(note["total"], "60.00");
    assert_eq!(note["credited_to_due"], "60.00");
    assert_eq!(note["lines"][0]["quantity"], "0.5");
}

#[tokio::test]
async fn round_trips_of_a_credit_note_a_refund_and_a_reversal() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let (app, counting, _) = env.counting_app(uome_invoices::api());
    let ports = &env.ctx.ports;
    let paid = write_invoice(
        ports,
        &owner.account_id,
        "INV-0001",
        InvoiceStatus::Issued,
        "100.00",
        "0",
    )
    .await;
    let other = write_invoice(
        ports,
        &owner.account_id,
        "INV-0002",
        InvoiceStatus::Issued,
        "100.00",
        "0",
    )
    .await;
    let (status, _) = call(
        &app,
        http::Method::POST,
        &format!("/v1/invoices/{}/mark-paid", paid.id),
        &owner,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, payment) = call(
        &app,
        http::Method::POST,
        &format!("/v1/invoices/{}/payments", other.id),
        &owner,
        Some(json!({"amount": "10.00", "method": "cash"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{payment}");
    counting.take();

    let (status, note) = call(
        &app,
        http::Method::POST,
        &format!("/v1/invoices/{}/credit-notes", paid.id),
        &owner,
        Some(json!({"reason": "Refund in full"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{note}");
    let credit = counting.take();
    let (status, refunded) = call(
        &app,
        http::Method::POST,
        &format!("/v1/credit-notes/{}/refund", note["id"].as_str().unwrap()),
        &owner,
        Some(json!({"amount": "40.00", "method": "bank_transfer"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{refunded}");
    let refund = counting.take();
    let (status, reversed) = call(
        &app,
        http::Method::POST,
        &format!(
            "/v1/invoices/{}/payments/{}/reverse",
            other.id,
            payment["id"].as_str().unwrap()
        ),
        &owner,
        Some(json!({"reason": "Entered twice"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reversed}");
    let reversal = counting.take();
    println!("credit note: {credit:?}\nrefund: {refund:?}\nreversal: {reversal:?}");
    // One batch read (invoice, company, settings, counter) and one
    // transaction.
    assert_eq!(credit, BTreeMap::from([("batch_get", 1), ("transact", 1)]));
    // The credit note and the company in one batch read, one transaction.
    assert_eq!(refund, BTreeMap::from([("batch_get", 1), ("transact", 1)]));
    // Invoice, payment and company; the contact and settings to file the
    // reopened invoice for reminders; one transaction.
    assert_eq!(
        reversal,
        BTreeMap::from([("batch_get", 2), ("transact", 1)])
    );
}

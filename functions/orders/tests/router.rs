//! The orders router inside the shared stack, driven with `oneshot`: the
//! sample API Gateway event, the portal's catalogue, orders and
//! reminders, the business's approve and reject, the problems they answer,
//! and the Table round trips of an approve.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::account::settings::set_purchase_orders;
use uome_domain::ContactId;
use uome_testkit::TestEnv;
use uome_testkit::requests::{call, call_as};

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod fixtures;
use fixtures::{contact, customer, item};

/// `method uri` as `bearer` (a portal token or the owner's).
async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    bearer: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> (StatusCode, http::HeaderMap, Value) {
    let method = http::Method::from_bytes(method.as_bytes()).unwrap();
    call_as(app, method, uri, bearer, headers, body).await
}

async fn portal_bearer(
    env: &TestEnv,
    account_id: &uome_domain::AccountId,
    contact: &str,
) -> String {
    let issued = uome_core::portal::issue(&env.ctx.ports, account_id, &ContactId::from(contact))
        .await
        .unwrap();
    format!("Bearer {}", issued.token)
}

#[tokio::test]
async fn the_sample_event_enters_an_order_priced_from_the_catalogue() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let ports = &env.ctx.ports;
    set_purchase_orders(ports, &owner.account_id, true, None)
        .await
        .unwrap();
    let c = customer(ports, &owner.account_id).await;
    let mug = item(ports, &owner.account_id, "Mug", "8.00").await;
    let beans = item(ports, &owner.account_id, "Beans 1 kg", "24.00").await;
    let path = format!(
        "{}/../../events/orders-create.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("0193a3c0-5b1e-7c3e-9d2a-3f4e5a6b7c8d", &c)
        .replace("0193a3c0-5b1e-7c3e-9d2a-00000000i001", &mug)
        .replace("0193a3c0-5b1e-7c3e-9d2a-00000000i002", &beans);
    let mut event: Value = serde_json::from_str(&text).unwrap();
    event["headers"]["authorization"] = json!(owner.bearer());
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    let (parts, body) = request.into_parts();
    let response = env
        .app(uome_orders::api())
        .oneshot(Request::from_parts(parts, Body::from(body.to_vec())))
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let order: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(status, StatusCode::CREATED, "{order}");
    assert_eq!(order["number"], "ORD-0001");
    assert_eq!(order["status"], "pending");
    assert_eq!(order["placed_by"], "business");
    assert_eq!(order["lines"][0]["description"], "Mug");
    assert_eq!(order["lines"][1]["quantity"], "0.5");
    // 3 × 8.00 + 0.5 × 24.00 = 36.00, and 10 % tax.
    assert_eq!(order["subtotal"], "36.00");
    assert_eq!(order["total"], "39.60");
}

#[tokio::test]
async fn a_client_orders_from_the_portal_and_the_business_decides() {
    let env = TestEnv::new();
    let app = env.app(uome_orders::api());
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let ports = &env.ctx.ports;
    let c = customer(ports, acc).await;
    let other = contact(
        ports,
        acc,
        json!({"company_name": "Other Ltd", "roles": ["customer"]}),
    )
    .await;
    let widget = item(ports, acc, "Widget", "12.50").await;
    let retired = item(ports, acc, "Retired", "1.00").await;
    uome_core::catalogue::update_item(
        ports,
        acc,
        &retired,
        None,
        uome_core::catalogue::ItemChanges {
            active: uome_core::catalogue::Patch::Set(false),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    uome_core::account::company::update(
        ports,
        acc,
        uome_core::account::company::CompanyInput {
            name: "Biz Ltd".into(),
            email: Some("orders@biz.example".into()),
            ..Default::default()
        },
        None,
    )
    .await
    .unwrap();
    let portal = portal_bearer(&env, acc, &c).await;
    let lines = json!({"lines": [{"item_id": widget, "quantity": 2}]});

    // Ordering is off: the portal and the business are refused alike.
    let (status, _, body) = send(&app, "GET", "/v1/portal/catalogue", &portal, &[], None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["code"], "ordering_disabled");
    let (status, _, body) = send(
        &app,
        "POST",
        "/v1/portal/orders",
        &portal,
        &[],
        Some(lines.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let mut entered = lines.clone();
    entered["contact_id"] = json!(c);
    let (status, body) = call(
        &app,
        http::Method::POST,
        "/v1/orders",
        &owner,
        Some(entered),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    set_purchase_orders(ports, acc, true, None).await.unwrap();

    // The catalogue: active items, with their price and no purchase price.
    let (status, _, body) = send(&app, "GET", "/v1/portal/catalogue", &portal, &[], None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items = body["data"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{body}");
    assert_eq!(items[0]["name"], "Widget");
    assert_eq!(items[0]["price"], "12.50");
    assert!(items[0].get("purchase_price").is_none());

    // Bad lines are named, and nothing is written.
    let bad = json!({"lines": [
        {"item_id": retired, "quantity": 1},
        {"item_id": widget, "quantity": 0},
        {"item_id": widget, "quantity": 1, "unit_price": "0.01"},
    ]});
    let (status, _, body) = send(&app, "POST", "/v1/portal/orders", &portal, &[], Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("lines[2].unit_price"), "{body}");
    let bad =
        json!({"lines": [{"item_id": retired, "quantity": 1}, {"item_id": widget, "quantity": 0}]});
    let (status, _, body) = send(&app, "POST", "/v1/portal/orders", &portal, &[], Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"lines[0].item_id"), "{body}");
    assert!(fields.contains(&"lines[1].quantity"), "{body}");

    // A double-clicked order is one order.
    let key = [("idempotency-key", "portal-order-1")];
    let (status, _, first) = send(
        &app,
        "POST",
        "/v1/portal/orders",
        &portal,
        &key,
        Some(lines.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, headers, again) = send(
        &app,
        "POST",
        "/v1/portal/orders",
        &portal,
        &key,
        Some(lines.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(headers["idempotent-replayed"], "true");
    assert_eq!(again["id"], first["id"]);
    assert_eq!(first["number"], "ORD-0001");
    assert_eq!(first["placed_by"], "client");
    assert_eq!(first["total"], "27.50");
    let id = first["id"].as_str().unwrap();

    // Another contact's token does not see it.
    let stranger = portal_bearer(&env, acc, &other).await;
    let uri = format!("/v1/portal/orders/{id}");
    let (status, _, _) = send(&app, "GET", &uri, &stranger, &[], None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let remind = format!("/v1/portal/orders/{id}/remind");
    let (status, _, _) = send(&app, "POST", &remind, &stranger, &[], None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, list) = send(&app, "GET", "/v1/portal/orders", &portal, &[], None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["data"].as_array().unwrap().len(), 1);

    // Reminders: once per 24 hours.
    let (status, _, body) = send(&app, "POST", &remind, &portal, &[], None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["last_reminded_at"].is_string());
    let mail = env.embedded.outbox.list().unwrap();
    let subjects: Vec<(&str, &str)> = mail
        .iter()
        .map(|m| (m.to[0].as_str(), m.subject.as_str()))
        .collect();
    assert_eq!(
        subjects,
        vec![
            (
                "orders@biz.example",
                "New order ORD-0001 from OneUp Client Ltd"
            ),
            (
                "orders@biz.example",
                "Waiting for your answer: order ORD-0001 from OneUp Client Ltd"
            ),
        ]
    );
    let (status, headers, body) = send(&app, "POST", &remind, &portal, &[], None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(headers["retry-after"], "86400");

    // The business approves: an issued invoice; a second approve names it.
    let approve = format!("/v1/orders/{id}/approve");
    let (status, approved) = call(&app, http::Method::POST, &approve, &owner, None).await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    assert_eq!(approved["order"]["status"], "approved");
    assert_eq!(approved["invoice"]["status"], "issued");
    assert_eq!(approved["invoice"]["source"], "order");
    assert_eq!(approved["invoice"]["source_id"], id);
    assert_eq!(approved["invoice"]["total"], "27.50");
    let (status, again) = call(&app, http::Method::POST, &approve, &owner, None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    assert_eq!(again["code"], "already_approved");
    assert_eq!(again["invoice_id"], approved["invoice"]["id"]);
    let reject = format!("/v1/orders/{id}/reject");
    let (status, body) = call(&app, http::Method::POST, &reject, &owner, None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["current_status"], "approved");
    let (status, _, body) = send(&app, "POST", &remind, &portal, &[], None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // Lists: by status, and a bad status is named.
    let (status, body) = call(
        &app,
        http::Method::GET,
        "/v1/orders?status=approved",
        &owner,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"].as_array().unwrap().len(), 1);
    let (status, body) = call(
        &app,
        http::Method::GET,
        "/v1/orders?status=nope",
        &owner,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // Another account's order is not found.
    let stranger_owner = env.owner(true).await;
    let (status, _) = call(
        &app,
        http::Method::GET,
        &format!("/v1/orders/{id}"),
        &stranger_owner,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_approve_is_one_read_one_batch_read_and_one_transaction() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let (app, counting, _) = env.counting_app(uome_orders::api());
    let ports = &env.ctx.ports;
    set_purchase_orders(ports, &owner.account_id, true, None)
        .await
        .unwrap();
    let c = customer(ports, &owner.account_id).await;
    let widget = item(ports, &owner.account_id, "Widget", "5.00").await;
    let body = json!({"contact_id": c, "lines": [{"item_id": widget, "quantity": 1}]});
    let (status, order) = call(&app, http::Method::POST, "/v1/orders", &owner, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{order}");
    let place = counting.take();
    let uri = format!("/v1/orders/{}/approve", order["id"].as_str().unwrap());
    let (status, approved) = call(&app, http::Method::POST, &uri, &owner, None).await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    let approve = counting.take();
    println!("place: {place:?}\napprove: {approve:?}");
    // Settings, company, counter, contact and items in one batch read; the
    // counter, the order and its contact reference in one transaction.
    assert_eq!(place, BTreeMap::from([("batch_get", 1), ("transact", 1)]));
    // The order; company, settings, counter, bank and contact; then the
    // counter, the order, the invoice, its reference, its posting and its
    // reminders entry in one transaction.
    assert_eq!(
        approve,
        BTreeMap::from([("get", 1), ("batch_get", 1), ("transact", 1)])
    );
}

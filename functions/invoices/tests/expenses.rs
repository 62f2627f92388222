//! The expense routes inside the shared stack driven with `oneshot` (the
//! use cases are tested in `shared/core/tests/expenses.rs`).
//!
//! Invoices are written straight into the table (any data at
//! `document_key(acc, Invoice, id)`): an expense only needs the invoice to
//! exist.

use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::uploads::{UploadPurpose, UploadStatus};
use uome_domain::ContactId;
use uome_testkit::TestEnv;
use uome_testkit::owner::Owner;

#[path = "../../../shared/core/tests/kit/expenses.rs"]
#[allow(dead_code)]
mod fixtures;
use fixtures::{invoice, upload, vendor};

// ------------------------------------------------------------------ routes

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Answer {
    fn fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn ids(&self) -> Vec<String> {
        self.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

async fn call(
    app: &Router,
    owner: &Owner,
    method: Method,
    uri: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", owner.bearer());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

#[tokio::test]
async fn expense_lifecycle_over_http() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let supplier = vendor(&env.ctx.ports, &owner.account_id, &["vendor"]).await;
    let receipt = upload(
        &env.ctx.ports,
        &owner.account_id,
        UploadPurpose::Expense,
        UploadStatus::Ready,
    )
    .await;

    let created = call(
        &app,
        &owner,
        Method::POST,
        "/v1/expenses",
        Some(json!({
            "date": "2026-11-03", "amount": 120, "tax_amount": "20",
            "category": " Travel ", "description": "Train to Leeds",
            "vendor_id": supplier, "upload_id": receipt.id
        })),
        &[],
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let uri = format!("/v1/expenses/{id}");
    assert_eq!(created.headers["location"].to_str().unwrap(), uri);
    assert_eq!(created.headers["etag"], "\"1\"");
    assert_eq!(
        created.body,
        json!({
            "id": id, "date": "2026-11-03", "amount": "120.00", "currency": "GBP",
            "tax_amount": "20.00", "net_amount": "100.00", "category": "Travel",
            "description": "Train to Leeds", "vendor_id": supplier, "invoice_id": null,
            "upload_id": receipt.id, "version": 1,
            "created_at": created.body["created_at"], "updated_at": created.body["updated_at"]
        })
    );

    let got = call(&app, &owner, Method::GET, &uri, None, &[]).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, created.body);
    assert_eq!(got.headers["etag"], "\"1\"");

    // PUT replaces: absent optional fields are cleared, date and currency stay.
    let replaced = call(
        &app,
        &owner,
        Method::PUT,
        &uri,
        Some(json!({"amount": "130.5", "category": "Travel"})),
        &[("if-match", "\"1\"")],
    )
    .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    assert_eq!(replaced.headers["etag"], "\"2\"");
    assert_eq!(replaced.body["date"], "2026-11-03");
    assert_eq!(replaced.body["currency"], "GBP");
    assert_eq!(replaced.body["amount"], "130.50");
    assert_eq!(replaced.body["tax_amount"], "0.00");
    assert_eq!(replaced.body["vendor_id"], Value::Null);
    assert_eq!(replaced.body["upload_id"], Value::Null);
    assert_eq!(replaced.body["description"], Value::Null);

    // Stale version, in the header or the body.
    let stale = call(
        &app,
        &owner,
        Method::PUT,
        &uri,
        Some(json!({"amount": "1", "category": "Travel"})),
        &[("if-match", "1")],
    )
    .await;
    assert_eq!(stale.status, 409);
    assert_eq!(stale.body["code"], "version_conflict");
    assert_eq!(stale.body["current_version"], 2);
    let stale = call(
        &app,
        &owner,
        Method::PUT,
        &uri,
        Some(json!({"amount": "1", "category": "Travel", "version": 1})),
        &[],
    )
    .await;
    assert_eq!(stale.status, 409);
    let mismatch = call(
        &app,
        &owner,
        Method::PUT,
        &uri,
        Some(json!({"amount": "1", "category": "Travel", "version": 1})),
        &[("if-match", "2")],
    )
    .await;
    assert_eq!(mismatch.status, 422);
    assert_eq!(mismatch.fields(), ["version"]);

    let stale = call(
        &app,
        &owner,
        Method::DELETE,
        &uri,
        None,
        &[("if-match", "1")],
    )
    .await;
    assert_eq!(stale.status, 409);
    let deleted = call(
        &app,
        &owner,
        Method::DELETE,
        &uri,
        None,
        &[("if-match", "2")],
    )
    .await;
    assert_eq!(deleted.status, 204);
    let gone = call(&app, &owner, Method::GET, &uri, None, &[]).await;
    assert_eq!(gone.status, 404);
    let gone = call(&app, &owner, Method::DELETE, &uri, None, &[]).await;
    assert_eq!(gone.status, 404);
}

#[tokio::test]
async fn bad_requests_are_422_with_every_field() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let customer = vendor(&env.ctx.ports, &owner.account_id, &["customer"]).await;
    let theirs_vendor = vendor(&env.ctx.ports, &other.account_id, &["vendor"]).await;
    let theirs_invoice = invoice(&env.ctx.ports, &other.account_id).await;

    let post = |body: Value| call(&app, &owner, Method::POST, "/v1/expenses", Some(body), &[]);
    let cases = [
        (json!({"amount": -5, "category": "x"}), vec!["amount"]),
        (json!({"amount": "abc", "category": "x"}), vec!["amount"]),
        (
            json!({"amount": 10, "tax_amount": 11, "category": "x"}),
            vec!["tax_amount"],
        ),
        (
            json!({"amount": 10, "currency": "ZZZ", "category": "x"}),
            vec!["currency"],
        ),
        (json!({"amount": 10}), vec!["category"]),
        (
            json!({"amount": 10, "category": "c".repeat(65)}),
            vec!["category"],
        ),
        (
            json!({"amount": 10, "category": "x", "vendor_id": customer}),
            vec!["vendor_id"],
        ),
        (
            json!({"amount": 10, "category": "x", "vendor_id": theirs_vendor}),
            vec!["vendor_id"],
        ),
        (
            json!({"amount": 10, "category": "x", "invoice_id": theirs_invoice}),
            vec!["invoice_id"],
        ),
        (
            json!({"amount": 10, "category": "x", "date": "3 Nov"}),
            vec!["date"],
        ),
        (
            json!({"amount": 10, "category": "x", "version": 1}),
            vec!["version"],
        ),
        (
            json!({"amount": 10, "category": "x", "net_amount": 1}),
            vec!["net_amount"],
        ),
        (
            json!({"category": "", "currency": "ZZZ", "tax_amount": -1}),
            vec!["amount", "currency", "tax_amount", "category"],
        ),
    ];
    for (body, expected) in cases {
        let answer = post(body.clone()).await;
        assert_eq!(answer.status, 422, "{body}: {}", answer.body);
        assert_eq!(answer.fields(), expected, "{body}");
    }
    let list = call(&app, &owner, Method::GET, "/v1/expenses", None, &[]).await;
    assert_eq!(list.body["data"], json!([]));
}

#[tokio::test]
async fn another_account_sees_404_over_http() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let created = call(
        &app,
        &owner,
        Method::POST,
        "/v1/expenses",
        Some(json!({"amount": "3.20", "category": "Coffee"})),
        &[],
    )
    .await;
    let uri = format!("/v1/expenses/{}", created.body["id"].as_str().unwrap());
    for (method, body) in [
        (Method::GET, None),
        (Method::PUT, Some(json!({"amount": 1, "category": "x"}))),
        (Method::DELETE, None),
    ] {
        let answer = call(&app, &other, method.clone(), &uri, body, &[]).await;
        assert_eq!(answer.status, 404, "{method}");
    }
    let list = call(&app, &other, Method::GET, "/v1/expenses", None, &[]).await;
    assert_eq!(list.body["data"], json!([]));
    let still = call(&app, &owner, Method::GET, &uri, None, &[]).await;
    assert_eq!(still.body["amount"], "3.20");
}

#[tokio::test]
async fn lists_are_newest_first_by_month_and_paginated() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let mut ids = Vec::new();
    for date in [
        "2026-10-30",
        "2026-11-01",
        "2026-11-15",
        "2026-11-20",
        "2026-12-01",
    ] {
        let created = call(
            &app,
            &owner,
            Method::POST,
            "/v1/expenses",
            Some(json!({"amount": 1, "category": "x", "date": date})),
            &[],
        )
        .await;
        assert_eq!(created.status, 201, "{}", created.body);
        ids.push(created.body["id"].as_str().unwrap().to_owned());
    }
    let all = call(&app, &owner, Method::GET, "/v1/expenses", None, &[]).await;
    assert_eq!(all.status, 200);
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(all.ids(), newest_first);
    assert_eq!(all.body["next_cursor"], Value::Null);

    let first = call(
        &app,
        &owner,
        Method::GET,
        "/v1/expenses?month=2026-11&limit=2",
        None,
        &[],
    )
    .await;
    assert_eq!(first.ids(), [ids[3].clone(), ids[2].clone()]);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    let second = call(
        &app,
        &owner,
        Method::GET,
        &format!("/v1/expenses?month=2026-11&limit=2&cursor={cursor}"),
        None,
        &[],
    )
    .await;
    assert_eq!(second.ids(), [ids[1].clone()]);
    assert_eq!(second.body["next_cursor"], Value::Null);

    // A cursor is bound to its filters.
    let wrong = call(
        &app,
        &owner,
        Method::GET,
        &format!("/v1/expenses?month=2026-10&cursor={cursor}"),
        None,
        &[],
    )
    .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.body["code"], "invalid_cursor");
    let bad = call(
        &app,
        &owner,
        Method::GET,
        "/v1/expenses?month=11-2026",
        None,
        &[],
    )
    .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.fields(), ["month"]);
}

#[tokio::test]
async fn an_invoices_expenses_are_one_query() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let (app, counting, _) = env.counting_app(uome_invoices::api());
    let first = invoice(&env.ctx.ports, &owner.account_id).await;
    let second = invoice(&env.ctx.ports, &owner.account_id).await;

    let mut on_first = Vec::new();
    for (date, invoice_id) in [
        ("2026-11-01", Some(&first)),
        ("2026-11-02", None),
        ("2026-11-03", Some(&first)),
        ("2026-11-04", Some(&second)),
    ] {
        counting.take();
        let created = call(
            &app,
            &owner,
            Method::POST,
            "/v1/expenses",
            Some(json!({"amount": 1, "category": "x", "date": date, "invoice_id": invoice_id})),
            &[],
        )
        .await;
        assert_eq!(created.status, 201, "{}", created.body);
        // One batch read of what it depends on and one transaction (the
        // idempotency middleware adds nothing without a key).
        let calls = counting.take();
        assert_eq!(calls.get("transact"), Some(&1), "{calls:?}");
        assert_eq!(
            calls.get("batch_get").unwrap_or(&0) + calls.get("get").unwrap_or(&0),
            1,
            "{calls:?}"
        );
        if invoice_id == Some(&first) {
            on_first.push(created.body["id"].as_str().unwrap().to_owned());
        }
    }
    on_first.reverse();

    counting.take();
    let uri = format!("/v1/invoices/{first}/expenses");
    let listed = call(&app, &owner, Method::GET, &uri, None, &[]).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    assert_eq!(listed.ids(), on_first);
    let calls = counting.take();
    assert_eq!(calls.get("query"), Some(&1), "{calls:?}");

    let filtered = call(
        &app,
        &owner,
        Method::GET,
        &format!("/v1/expenses?invoice_id={first}"),
        None,
        &[],
    )
    .await;
    assert_eq!(filtered.ids(), on_first);

    // Moving an expense to the other invoice moves it between the lists.
    let moved = call(
        &app,
        &owner,
        Method::PUT,
        &format!("/v1/expenses/{}", on_first[0]),
        Some(json!({"amount": 1, "category": "x", "invoice_id": second})),
        &[],
    )
    .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let listed = call(&app, &owner, Method::GET, &uri, None, &[]).await;
    assert_eq!(listed.ids(), [on_first[1].clone()]);
    // The second invoice now has its own (4 Nov) and the moved one (3 Nov).
    let page_one = call(
        &app,
        &owner,
        Method::GET,
        &format!("/v1/invoices/{second}/expenses?limit=1"),
        None,
        &[],
    )
    .await;
    assert_eq!(page_one.body["data"][0]["date"], "2026-11-04");
    let cursor = page_one.body["next_cursor"].as_str().unwrap();
    let page_two = call(
        &app,
        &owner,
        Method::GET,
        &format!("/v1/invoices/{second}/expenses?limit=1&cursor={cursor}"),
        None,
        &[],
    )
    .await;
    assert_eq!(page_two.ids(), [on_first[0].clone()]);
    assert_eq!(page_two.body["next_cursor"], Value::Null);
    // A cursor of one invoice's list is refused on another's.
    let wrong = call(
        &app,
        &owner,
        Method::GET,
        &format!("{uri}?limit=1&cursor={cursor}"),
        None,
        &[],
    )
    .await;
    assert_eq!(wrong.status, 400);

    // Unknown invoices and other accounts' invoices are 404.
    let unknown = format!("/v1/invoices/{}/expenses", env.ctx.ports.ids.new_id());
    assert_eq!(
        call(&app, &owner, Method::GET, &unknown, None, &[])
            .await
            .status,
        404
    );
    assert_eq!(
        call(&app, &other, Method::GET, &uri, None, &[])
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn create_replays_with_an_idempotency_key() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let body = json!({"amount": "12.00", "category": "Parking"});
    let key = [("idempotency-key", "expense-create-1")];
    let first = call(
        &app,
        &owner,
        Method::POST,
        "/v1/expenses",
        Some(body.clone()),
        &key,
    )
    .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let again = call(&app, &owner, Method::POST, "/v1/expenses", Some(body), &key).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.body, first.body);
    assert_eq!(again.headers["idempotent-replayed"], "true");

    let reused = call(
        &app,
        &owner,
        Method::POST,
        "/v1/expenses",
        Some(json!({"amount": "13.00", "category": "Parking"})),
        &key,
    )
    .await;
    assert_eq!(reused.status, 422, "{}", reused.body);
    let list = call(&app, &owner, Method::GET, "/v1/expenses", None, &[]).await;
    assert_eq!(list.ids().len(), 1);
}

#[tokio::test]
async fn portal_tokens_and_anonymous_callers_are_refused() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let request = Request::builder()
        .uri("/v1/expenses")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 401);

    // A client of the business, holding a portal token, is not the business.
    let client = vendor(&env.ctx.ports, &owner.account_id, &["customer"]).await;
    let portal =
        uome_core::portal::issue(&env.ctx.ports, &owner.account_id, &ContactId::from(&client))
            .await
            .unwrap();
    let request = Request::builder()
        .uri("/v1/expenses")
        .header("authorization", format!("Bearer {}", portal.token))
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 403);
}

#[test]
fn openapi_lists_every_expense_route() {
    let (_, doc) = uome_invoices::api().split_for_parts();
    let doc = serde_json::to_value(doc).unwrap();
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/v1/expenses", &["get", "post"][..]),
        ("/v1/expenses/{id}", &["get", "put", "delete"][..]),
        ("/v1/invoices/{id}/expenses", &["get"][..]),
    ] {
        for method in methods {
            let operation = &paths[path][method];
            assert_eq!(operation["tags"], json!(["expenses"]), "{method} {path}");
        }
    }
    let schema = &doc["components"]["schemas"]["ExpenseResponse"]["properties"];
    assert!(schema["net_amount"].is_object());
}

//! Payments, mark-paid, cancel and the per-invoice ledger through the
//! router (the shared stack, as Lambda serves it). The race of concurrent
//! payments is a use-case test: `shared/core/tests/payments.rs`.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::invoices::{Invoice, load_invoice};
use uome_core::ledger::all_transactions;
use uome_domain::{Account, InvoiceStatus};
use uome_testkit::TestEnv;
use uome_testkit::owner::Owner;

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod fixtures;
use fixtures::{books, d, write_invoice};

async fn issued(env: &TestEnv, owner: &Owner, number: &str, price: &str, tax: &str) -> Invoice {
    write_invoice(
        &env.ctx.ports,
        &owner.account_id,
        number,
        InvoiceStatus::Issued,
        price,
        tax,
    )
    .await
}

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    owner: &Owner,
    body: Option<Value>,
    extra: &[(&str, &str)],
) -> (StatusCode, http::HeaderMap, Value) {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, owner.bearer());
    for (name, value) in extra {
        builder = builder.header(*name, *value);
    }
    let request = match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    };
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or(Value::Null)
    };
    (status, headers, value)
}

/// A new access token for the same owner (after the clock moved past the
/// first one's expiry).
fn fresh_token(env: &TestEnv, owner: &Owner) -> Owner {
    let claims = env.ctx.jwt.access_claims(
        &owner.user_id,
        &owner.account_id,
        uome_http::Role::Owner,
        env.ctx.now(),
        &env.ctx.ports.ids.new_id().to_string(),
    );
    Owner {
        account_id: owner.account_id.clone(),
        user_id: owner.user_id.clone(),
        token: env.ctx.jwt.issue(&claims).unwrap(),
    }
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_partial_then_a_full_payment_pay_the_invoice() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let invoice = issued(&env, &owner, "INV-0001", "100.00", "20").await;
    let ports = &env.ctx.ports;
    let tb = books(ports, &owner.account_id).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("120.00"));

    let uri = format!("/v1/invoices/{}/payments", invoice.id);
    let (status, headers, first) = call(
        &app,
        "POST",
        &uri,
        &owner,
        Some(json!({"amount": 40, "method": "bank_transfer", "reference": " BACS 123 "})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["amount"], "40.00");
    assert_eq!(first["currency"], "GBP");
    assert_eq!(first["method"], "bank_transfer");
    assert_eq!(first["reference"], "BACS 123");
    assert_eq!(first["date"], "2026-11-21");
    assert_eq!(first["invoice_id"], invoice.id.as_str());
    let location = headers[header::LOCATION].to_str().unwrap().to_string();
    assert_eq!(location, format!("{uri}/{}", first["id"].as_str().unwrap()));
    let (status, _, read) = call(&app, "GET", &location, &owner, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read, first);

    let stored = load_invoice(ports.table.as_ref(), &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(stored.status, InvoiceStatus::PartiallyPaid);
    assert_eq!(stored.amount_paid.to_string(), "40.00");
    assert_eq!(stored.amount_due().unwrap().to_string(), "80.00");
    assert_eq!(stored.version, 2);
    assert_eq!(stored.paid_at, None);
    let tb = books(ports, &owner.account_id).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("80.00"));
    assert_eq!(tb.balance_of(Account::BANK), d("40.00"));

    // No amount: everything due.
    let (status, _, second) = call(
        &app,
        "POST",
        &uri,
        &owner,
        Some(json!({"method": "card", "date": "2026-11-21"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(second["amount"], "80.00");
    let stored = load_invoice(ports.table.as_ref(), &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(stored.status, InvoiceStatus::Paid);
    assert_eq!(stored.amount_due().unwrap().to_string(), "0.00");
    assert!(stored.paid_at.is_some());
    let tb = books(ports, &owner.account_id).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("0.00"));
    assert_eq!(tb.balance_of(Account::BANK), d("120.00"));

    let (status, _, list) = call(&app, "GET", &uri, &owner, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let amounts: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["amount"].as_str().unwrap())
        .collect();
    assert_eq!(amounts, vec!["40.00", "80.00"]);

    let (status, _, ledger) = call(
        &app,
        "GET",
        &format!("/v1/invoices/{}/ledger", invoice.id),
        &owner,
        None,
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let rows = ledger["data"].as_array().unwrap();
    let kinds: Vec<&str> = rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["issue", "payment", "payment"]);
    assert_eq!(rows[1]["description"], "Payment of INV-0001");
    assert_eq!(rows[1]["id"], first["ledger_id"]);
    assert_eq!(
        rows[1]["entries"],
        json!([
            {"account": "1000", "name": "Bank", "debit": "40.00", "credit": "0.00"},
            {"account": "1100", "name": "Accounts receivable", "debit": "0.00", "credit": "40.00"},
        ])
    );

    // Paid: no more payments.
    let (status, _, problem) = call(
        &app,
        "POST",
        &uri,
        &owner,
        Some(json!({"amount": "0.01", "method": "cash"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "invoice_paid");
}

#[tokio::test]
async fn bad_payments_are_refused_and_write_nothing() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let invoice = issued(&env, &owner, "INV-0001", "100.00", "0").await;
    let uri = format!("/v1/invoices/{}/payments", invoice.id);
    let cases = [
        (
            json!({"amount": "100.01", "method": "cash"}),
            vec!["amount"],
        ),
        (json!({"amount": 0, "method": "cash"}), vec!["amount"]),
        (json!({"amount": "-5", "method": "cash"}), vec!["amount"]),
        (json!({"amount": "1.005", "method": "cash"}), vec!["amount"]),
        (json!({"amount": "10"}), vec!["method"]),
        (
            json!({"amount": "500", "method": "paypal", "reference": "x".repeat(256)}),
            vec!["method", "reference", "amount"],
        ),
        (
            json!({"method": "cash", "date": "2026-11-20"}),
            vec!["date"],
        ),
        (
            json!({"method": "cash", "date": "2026-11-22"}),
            vec!["date"],
        ),
        (json!({"method": "cash", "nope": 1}), vec!["nope"]),
    ];
    for (body, expected) in cases {
        let (status, _, problem) = call(&app, "POST", &uri, &owner, Some(body.clone()), &[]).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body} → {problem}"
        );
        assert_eq!(problem["code"], "validation_failed");
        let mut got = fields(&problem);
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{body} → {problem}");
    }
    let (_, _, list) = call(&app, "GET", &uri, &owner, None, &[]).await;
    assert_eq!(list["data"], json!([]));
    let stored = load_invoice(env.ctx.ports.table.as_ref(), &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(stored.version, 1);
    assert_eq!(stored.status, InvoiceStatus::Issued);
    let tb = books(&env.ctx.ports, &owner.account_id).await;
    assert_eq!(tb.balance_of(Account::BANK), d("0.00"));

    // Not JSON, malformed JSON.
    let (status, _, _) = call(&app, "POST", &uri, &owner, None, &[]).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn only_issued_invoices_take_payments() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let ports = &env.ctx.ports;
    let draft = write_invoice(
        ports,
        &owner.account_id,
        "INV-0001",
        InvoiceStatus::Draft,
        "50",
        "0",
    )
    .await;
    let to_cancel = issued(&env, &owner, "INV-0002", "50", "0").await;
    let (status, _, _) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/cancel", to_cancel.id),
        &owner,
        Some(json!({"reason": "Wrong client"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    for (id, code, current) in [
        (&draft.id, "invoice_not_issued", "draft"),
        (&to_cancel.id, "invoice_cancelled", "cancelled"),
    ] {
        for (path, body) in [
            ("payments", json!({"amount": "1", "method": "cash"})),
            // A bad field does not hide the state conflict.
            ("payments", json!({"amount": "999", "method": "cash"})),
            ("mark-paid", json!({})),
        ] {
            let (status, _, problem) = call(
                &app,
                "POST",
                &format!("/v1/invoices/{id}/{path}"),
                &owner,
                Some(body),
                &[],
            )
            .await;
            assert_eq!(status, StatusCode::CONFLICT, "{problem}");
            assert_eq!(problem["code"], code);
            assert!(
                problem["detail"].as_str().unwrap().contains(current),
                "{problem}"
            );
        }
    }
}

#[tokio::test]
async fn cancel_reverses_the_issue_posting() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let ports = &env.ctx.ports;
    let invoice = issued(&env, &owner, "INV-0001", "100.00", "20").await;
    let cancel_uri = format!("/v1/invoices/{}/cancel", invoice.id);

    for (body, field) in [
        (json!({}), "reason"),
        (json!({"reason": "   "}), "reason"),
        (json!({"reason": "x".repeat(2001)}), "reason"),
        (json!({"reason": "ok", "extra": true}), "extra"),
    ] {
        let (status, _, problem) = call(&app, "POST", &cancel_uri, &owner, Some(body), &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(fields(&problem), vec![field]);
    }

    // A day later (with a fresh token): the reversal is dated the cancel day.
    env.clock.advance(chrono::Duration::days(1));
    let owner = fresh_token(&env, &owner);
    let (status, headers, view) = call(
        &app,
        "POST",
        &cancel_uri,
        &owner,
        Some(json!({"reason": " Issued to the wrong client "})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["status"], "cancelled");
    assert_eq!(view["cancel_reason"], "Issued to the wrong client");
    assert_eq!(view["version"], 2);
    assert_eq!(view["amount_due"], "120.00");
    assert_eq!(view["is_overdue"], false);
    assert!(view["cancelled_at"].is_string());
    assert_eq!(headers[header::ETAG], "\"2\"");

    let tb = books(ports, &owner.account_id).await;
    for row in &tb.accounts {
        assert!(row.balance.is_zero(), "{row:?}");
    }
    assert_eq!(tb.total_debit, d("240.00"));

    let (_, _, ledger) = call(
        &app,
        "GET",
        &format!("/v1/invoices/{}/ledger", invoice.id),
        &owner,
        None,
        &[],
    )
    .await;
    let rows = ledger["data"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["kind"], "cancel");
    assert_eq!(rows[1]["date"], "2026-11-22");
    assert_eq!(rows[1]["description"], "Invoice INV-0001 cancelled");
    // Every entry of the issue, on the other side.
    let flip = |rows: &Value| -> Vec<(String, String, String)> {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["account"].as_str().unwrap().to_string(),
                    e["credit"].as_str().unwrap().to_string(),
                    e["debit"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let straight = |rows: &Value| -> Vec<(String, String, String)> {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["account"].as_str().unwrap().to_string(),
                    e["debit"].as_str().unwrap().to_string(),
                    e["credit"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(straight(&rows[1]["entries"]), flip(&rows[0]["entries"]));

    let (status, _, problem) = call(
        &app,
        "POST",
        &cancel_uri,
        &owner,
        Some(json!({"reason": "again"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "invoice_cancelled");
}

#[tokio::test]
async fn cancel_is_refused_once_a_payment_stands() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let invoice = issued(&env, &owner, "INV-0001", "100.00", "0").await;
    let (status, _, _) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/payments", invoice.id),
        &owner,
        Some(json!({"amount": "0.01", "method": "cash"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _, problem) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/cancel", invoice.id),
        &owner,
        Some(json!({"reason": "changed my mind"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "payments_exist");
    let stored = load_invoice(env.ctx.ports.table.as_ref(), &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(stored.status, InvoiceStatus::PartiallyPaid);
}

#[tokio::test]
async fn drafts_and_zero_invoices_cancel_without_postings() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let ports = &env.ctx.ports;
    let draft = write_invoice(
        ports,
        &owner.account_id,
        "INV-0001",
        InvoiceStatus::Draft,
        "10",
        "0",
    )
    .await;
    let zero = write_invoice(
        ports,
        &owner.account_id,
        "INV-0002",
        InvoiceStatus::Paid,
        "0",
        "0",
    )
    .await;
    for invoice in [&draft, &zero] {
        let (status, _, view) = call(
            &app,
            "POST",
            &format!("/v1/invoices/{}/cancel", invoice.id),
            &owner,
            Some(json!({"reason": "not needed"})),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{view}");
        assert_eq!(view["status"], "cancelled");
        let (_, _, ledger) = call(
            &app,
            "GET",
            &format!("/v1/invoices/{}/ledger", invoice.id),
            &owner,
            None,
            &[],
        )
        .await;
        assert_eq!(ledger["data"], json!([]));
    }
    assert!(
        all_transactions(ports, &owner.account_id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn another_accounts_invoice_is_not_found() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let stranger = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let invoice = issued(&env, &owner, "INV-0001", "100.00", "0").await;
    let (status, _, payment) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/payments", invoice.id),
        &owner,
        Some(json!({"amount": "1", "method": "cash"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = &invoice.id;
    let payment_id = payment["id"].as_str().unwrap();
    let unknown = uuid::Uuid::now_v7().to_string();
    let requests = [
        (
            "POST",
            format!("/v1/invoices/{id}/payments"),
            Some(json!({"amount": "1", "method": "cash"})),
        ),
        ("GET", format!("/v1/invoices/{id}/payments"), None),
        (
            "GET",
            format!("/v1/invoices/{id}/payments/{payment_id}"),
            None,
        ),
        (
            "POST",
            format!("/v1/invoices/{id}/mark-paid"),
            Some(json!({})),
        ),
        (
            "POST",
            format!("/v1/invoices/{id}/cancel"),
            Some(json!({"reason": "mine now"})),
        ),
        ("GET", format!("/v1/invoices/{id}/ledger"), None),
    ];
    for (method, uri, body) in requests {
        let (status, _, problem) = call(&app, method, &uri, &stranger, body, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}: {problem}");
    }
    for (method, uri) in [
        ("GET", format!("/v1/invoices/{unknown}/payments")),
        ("GET", format!("/v1/invoices/{unknown}/ledger")),
        ("GET", format!("/v1/invoices/{id}/payments/{unknown}")),
        ("GET", "/v1/invoices/not-a-uuid/payments".to_string()),
    ] {
        let (status, _, _) = call(&app, method, &uri, &owner, None, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}");
    }
    let stored = load_invoice(env.ctx.ports.table.as_ref(), &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(stored.amount_paid.to_string(), "1.00");
    assert_eq!(stored.status, InvoiceStatus::PartiallyPaid);
}

#[tokio::test]
async fn mark_paid_pays_everything_due() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let first = issued(&env, &owner, "INV-0001", "100.00", "20").await;
    let second = issued(&env, &owner, "INV-0002", "10.00", "0").await;

    // No body at all.
    let (status, headers, answer) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/mark-paid", first.id),
        &owner,
        None,
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["payment"]["amount"], "120.00");
    assert_eq!(answer["payment"]["method"], "bank_transfer");
    assert_eq!(answer["invoice"]["status"], "paid");
    assert_eq!(answer["invoice"]["amount_paid"], "120.00");
    assert_eq!(answer["invoice"]["amount_due"], "0.00");
    assert_eq!(answer["invoice"]["version"], 2);
    assert_eq!(headers[header::ETAG], "\"2\"");

    // After a partial payment, with a body.
    let (status, _, _) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/payments", second.id),
        &owner,
        Some(json!({"amount": "2.50", "method": "cash"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _, answer) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/mark-paid", second.id),
        &owner,
        Some(json!({"method": "cheque", "reference": "CHQ 7"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["payment"]["amount"], "7.50");
    assert_eq!(answer["payment"]["method"], "cheque");
    assert_eq!(answer["invoice"]["status"], "paid");
    let (status, _, problem) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/mark-paid", second.id),
        &owner,
        Some(json!({})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "invoice_paid");

    let (status, _, problem) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/mark-paid", second.id),
        &owner,
        Some(json!({"method": "barter"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "state first: {problem}");

    let tb = books(&env.ctx.ports, &owner.account_id).await;
    assert_eq!(tb.balance_of(Account::BANK), d("130.00"));
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("0.00"));
}

#[tokio::test]
async fn a_replayed_idempotency_key_records_one_payment() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    let invoice = issued(&env, &owner, "INV-0001", "100.00", "0").await;
    let uri = format!("/v1/invoices/{}/payments", invoice.id);
    let body = json!({"amount": "30", "method": "card"});
    let key = [("idempotency-key", "pay-30-once")];
    let (status, _, first) = call(&app, "POST", &uri, &owner, Some(body.clone()), &key).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, _, replay) = call(&app, "POST", &uri, &owner, Some(body), &key).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(replay, first);
    let (status, _, problem) = call(
        &app,
        "POST",
        &uri,
        &owner,
        Some(json!({"amount": "31", "method": "card"})),
        &key,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "idempotency_key_reused");
    let (_, _, list) = call(&app, "GET", &uri, &owner, None, &[]).await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    let stored = load_invoice(env.ctx.ports.table.as_ref(), &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(stored.amount_paid.to_string(), "30.00");
}

/// Round trips per route (docs/quotes-invoices.md quotes these numbers).
#[tokio::test]
async fn table_calls_per_route() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let (app, counting, _) = env.counting_app(uome_invoices::api());
    let invoice = issued(&env, &owner, "INV-0001", "100.00", "0").await;
    let other = issued(&env, &owner, "INV-0002", "100.00", "0").await;
    let mut measured = Vec::new();
    let mut measure = |name: &str, counts: BTreeMap<&'static str, u64>| {
        measured.push(format!("{name}: {counts:?}"));
        counts
    };
    counting.take();

    let (status, _, _) = call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/payments", invoice.id),
        &owner,
        Some(json!({"amount": "10", "method": "cash"})),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let counts = measure("payment", counting.take());
    assert_eq!(counts, BTreeMap::from([("batch_get", 1), ("transact", 1)]));

    call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/payments", invoice.id),
        &owner,
        Some(json!({"amount": "10", "method": "cash"})),
        &[("idempotency-key", "k1")],
    )
    .await;
    let with_key = measure("payment with Idempotency-Key", counting.take());
    assert_eq!(with_key.get("batch_get"), Some(&1));
    assert_eq!(with_key.get("transact"), Some(&1));

    call(
        &app,
        "GET",
        &format!("/v1/invoices/{}/payments", invoice.id),
        &owner,
        None,
        &[],
    )
    .await;
    let counts = measure("list payments", counting.take());
    assert_eq!(counts, BTreeMap::from([("get", 1), ("query", 1)]));

    call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/mark-paid", invoice.id),
        &owner,
        None,
        &[],
    )
    .await;
    let counts = measure("mark-paid", counting.take());
    assert_eq!(counts, BTreeMap::from([("batch_get", 1), ("transact", 1)]));

    call(
        &app,
        "POST",
        &format!("/v1/invoices/{}/cancel", other.id),
        &owner,
        Some(json!({"reason": "duplicate"})),
        &[],
    )
    .await;
    let counts = measure("cancel", counting.take());
    assert_eq!(
        counts,
        BTreeMap::from([("batch_get", 1), ("query", 1), ("transact", 1)])
    );

    call(
        &app,
        "GET",
        &format!("/v1/invoices/{}/ledger", invoice.id),
        &owner,
        None,
        &[],
    )
    .await;
    let counts = measure("invoice ledger", counting.take());
    assert_eq!(counts, BTreeMap::from([("get", 1), ("query", 1)]));
    println!("{}", measured.join("\n"));
}

/// The real API Gateway v2 event of a payment, through lambda_http's own
/// conversion: the JSON number `40.10` arrives exact.
#[tokio::test]
async fn the_sample_event_records_a_payment() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let invoice = issued(&env, &owner, "INV-0001", "100.00", "0").await;
    let path = format!(
        "{}/../../events/invoices-payment.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("0192f3c4-5e6f-7a8b-9c0d-0000000000aa", &invoice.id);
    let mut event: Value = serde_json::from_str(&text).unwrap();
    event["headers"]["authorization"] = json!(owner.bearer());
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    let (parts, body) = request.into_parts();
    let request = Request::from_parts(parts, Body::from(body.to_vec()));
    let response = env
        .app(uome_invoices::api())
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(headers["x-request-id"], "evt-invoices-payment-1");
    assert_eq!(body["amount"], "40.10");
    assert_eq!(body["reference"], "BACS 0042");
    let stored = load_invoice(env.ctx.ports.table.as_ref(), &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(stored.amount_due().unwrap().to_string(), "59.90");
}

//! The money side of invoices over real HTTP against the local server:
//! quote → send → the client approves through the portal → invoice →
//! issue → payments → paid, with the ledger checked at every step; cancel
//! with its reversal; concurrent payments; replayed Idempotency-Keys.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::task::JoinSet;
use uome_tests::server::{TestAccount, TestServer};

async fn call_as(
    t: &TestServer,
    bearer: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
    idempotency_key: Option<&str>,
) -> (StatusCode, Value) {
    let mut request = t
        .client
        .request(method, t.url(path))
        .header("authorization", bearer);
    if let Some(key) = idempotency_key {
        request = request.header("idempotency-key", key);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn call(
    t: &TestServer,
    who: &TestAccount,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    call_as(t, &who.bearer(), method, path, body, None).await
}

fn id(value: &Value) -> String {
    value["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{value}"))
        .to_string()
}

async fn customer(t: &TestServer, a: &TestAccount) -> String {
    let (status, contact) = call(
        t,
        a,
        Method::POST,
        "/v1/contacts",
        Some(json!({
            "type": "company", "company_name": "Client Ltd", "email": "accounts@client.test",
            "roles": ["customer"], "currency": "GBP"
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    id(&contact)
}

/// The trial balance: always balanced; answers (1100 receivable, 1000 bank).
async fn books(t: &TestServer, a: &TestAccount) -> (String, String) {
    let (status, tb) = call(t, a, Method::GET, "/v1/ledger/balances?currency=GBP", None).await;
    assert_eq!(status, StatusCode::OK, "{tb}");
    assert_eq!(tb["total_debit"], tb["total_credit"], "{tb}");
    let balance = |code: &str| {
        tb["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["account"] == code)
            .map(|row| row["balance"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no {code} in {tb}"))
    };
    (balance("1100"), balance("1000"))
}

async fn issued_invoice(t: &TestServer, a: &TestAccount, contact_id: &str, price: &str) -> Value {
    let (status, invoice) = call(
        t,
        a,
        Method::POST,
        "/v1/invoices",
        Some(json!({
            "contact_id": contact_id, "currency": "GBP", "status": "issued",
            "lines": [{"description": "Consulting", "quantity": 1, "unit_price": price}]
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{invoice}");
    assert_eq!(invoice["status"], "issued");
    invoice
}

#[tokio::test]
async fn from_quote_to_paid_invoice() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact_id = customer(&t, &a).await;

    // The quote: 10 days at 100.00 + 20 % tax = 1200.00.
    let (status, quote) = call(
        &t,
        &a,
        Method::POST,
        "/v1/quotes",
        Some(json!({
            "contact_id": contact_id, "currency": "GBP", "title": "Website",
            "lines": [{"description": "Design days", "quantity": 10, "unit_price": "100.00", "tax_rate": 20}]
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{quote}");
    assert_eq!(quote["total"], "1200.00");
    let quote_id = id(&quote);
    let (status, sent) = call(
        &t,
        &a,
        Method::POST,
        &format!("/v1/quotes/{quote_id}/send"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    assert_eq!(sent["status"], "sent");
    assert_eq!(books(&t, &a).await, ("0.00".into(), "0.00".into()));

    // The client approves through the portal.
    let (status, portal) = call(
        &t,
        &a,
        Method::POST,
        &format!("/v1/contacts/{contact_id}/portal-token"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{portal}");
    let client = format!("Bearer {}", portal["token"].as_str().unwrap());
    let (status, approved) = call_as(
        &t,
        &client,
        Method::POST,
        &format!("/v1/portal/quotes/{quote_id}/approve"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    // The answer is the quote (with `invoice_id`) or `{quote, invoice}`.
    let invoice_id = approved["invoice_id"]
        .as_str()
        .or_else(|| approved["quote"]["invoice_id"].as_str())
        .or_else(|| approved["invoice"]["id"].as_str())
        .unwrap_or_else(|| panic!("no invoice in {approved}"))
        .to_string();
    let invoice_path = format!("/v1/invoices/{invoice_id}");

    let (status, draft) = call(&t, &a, Method::GET, &invoice_path, None).await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["source"], "quote");
    assert_eq!(draft["source_id"], quote_id.as_str());
    assert_eq!(draft["total"], "1200.00");
    // A draft takes no payment.
    let (status, problem) = call(
        &t,
        &a,
        Method::POST,
        &format!("{invoice_path}/payments"),
        Some(json!({"amount": "1", "method": "cash"})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "invoice_not_issued");
    assert_eq!(books(&t, &a).await, ("0.00".into(), "0.00".into()));

    let (status, issued) = call(&t, &a, Method::POST, &format!("{invoice_path}/issue"), None).await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    assert_eq!(issued["status"], "issued");
    assert_eq!(issued["amount_due"], "1200.00");
    assert_eq!(books(&t, &a).await, ("1200.00".into(), "0.00".into()));

    let (status, first) = call(
        &t,
        &a,
        Method::POST,
        &format!("{invoice_path}/payments"),
        Some(json!({"amount": "200.00", "method": "bank_transfer", "reference": "BACS-1"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["amount"], "200.00");
    let (_, invoice) = call(&t, &a, Method::GET, &invoice_path, None).await;
    assert_eq!(invoice["status"], "partially_paid");
    assert_eq!(invoice["amount_paid"], "200.00");
    assert_eq!(invoice["amount_due"], "1000.00");
    assert_eq!(books(&t, &a).await, ("1000.00".into(), "200.00".into()));

    // More than is due: 422, nothing written.
    let (status, problem) = call(
        &t,
        &a,
        Method::POST,
        &format!("{invoice_path}/payments"),
        Some(json!({"amount": "1000.01", "method": "card"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "amount");

    // The rest (no amount: everything due).
    let (status, second) = call(
        &t,
        &a,
        Method::POST,
        &format!("{invoice_path}/payments"),
        Some(json!({"method": "card"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(second["amount"], "1000.00");
    let (_, invoice) = call(&t, &a, Method::GET, &invoice_path, None).await;
    assert_eq!(invoice["status"], "paid");
    assert_eq!(invoice["amount_due"], "0.00");
    assert!(invoice["paid_at"].is_string());
    assert_eq!(books(&t, &a).await, ("0.00".into(), "1200.00".into()));

    let (status, payments) = call(
        &t,
        &a,
        Method::GET,
        &format!("{invoice_path}/payments"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(payments["data"].as_array().unwrap().len(), 2);
    let (status, ledger) = call(&t, &a, Method::GET, &format!("{invoice_path}/ledger"), None).await;
    assert_eq!(status, StatusCode::OK, "{ledger}");
    let kinds: Vec<&str> = ledger["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["issue", "payment", "payment"]);
    // The journal filtered by document says the same.
    let (_, journal) = call(
        &t,
        &a,
        Method::GET,
        &format!("/v1/ledger/transactions?document_id={invoice_id}"),
        None,
    )
    .await;
    assert_eq!(journal["data"], ledger["data"]);

    // Paid: no cancel, no more payments.
    let (status, problem) = call(
        &t,
        &a,
        Method::POST,
        &format!("{invoice_path}/cancel"),
        Some(json!({"reason": "changed our minds"})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "payments_exist");
    let (status, problem) = call(
        &t,
        &a,
        Method::POST,
        &format!("{invoice_path}/mark-paid"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "invoice_paid");
}

#[tokio::test]
async fn cancel_reverses_the_ledger() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact_id = customer(&t, &a).await;
    let invoice = issued_invoice(&t, &a, &contact_id, "250.00").await;
    let path = format!("/v1/invoices/{}", id(&invoice));
    assert_eq!(books(&t, &a).await, ("250.00".into(), "0.00".into()));

    let (status, problem) = call(
        &t,
        &a,
        Method::POST,
        &format!("{path}/cancel"),
        Some(json!({})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "reason");

    let (status, cancelled) = call(
        &t,
        &a,
        Method::POST,
        &format!("{path}/cancel"),
        Some(json!({"reason": "Sent to the wrong client"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["cancel_reason"], "Sent to the wrong client");
    assert_eq!(books(&t, &a).await, ("0.00".into(), "0.00".into()));
    let (_, tb) = call(&t, &a, Method::GET, "/v1/ledger/balances", None).await;
    for row in tb["data"].as_array().unwrap() {
        assert_eq!(row["balance"], "0.00", "{tb}");
    }
    assert_eq!(tb["total_debit"], "500.00");

    let (_, ledger) = call(&t, &a, Method::GET, &format!("{path}/ledger"), None).await;
    let rows = ledger["data"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{ledger}");
    assert_eq!(rows[0]["kind"], "issue");
    assert_eq!(rows[1]["kind"], "cancel");
    for (issue, reversal) in rows[0]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .zip(rows[1]["entries"].as_array().unwrap())
    {
        assert_eq!(issue["account"], reversal["account"]);
        assert_eq!(issue["debit"], reversal["credit"]);
        assert_eq!(issue["credit"], reversal["debit"]);
    }

    for (action, body) in [
        ("cancel", json!({"reason": "again"})),
        ("payments", json!({"method": "cash"})),
    ] {
        let (status, problem) = call(
            &t,
            &a,
            Method::POST,
            &format!("{path}/{action}"),
            Some(body),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(problem["code"], "invoice_cancelled");
    }

    // Another account sees none of it.
    let b = t.account(true).await;
    for (method, p, body) in [
        (
            Method::POST,
            format!("{path}/payments"),
            Some(json!({"method": "cash"})),
        ),
        (Method::GET, format!("{path}/payments"), None),
        (Method::GET, format!("{path}/ledger"), None),
        (
            Method::POST,
            format!("{path}/cancel"),
            Some(json!({"reason": "x"})),
        ),
        (Method::POST, format!("{path}/mark-paid"), None),
    ] {
        let (status, _) = call(&t, &b, method.clone(), &p, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {p}");
    }
}

#[tokio::test]
async fn concurrent_payments_never_exceed_the_amount_due() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact_id = customer(&t, &a).await;
    let invoice = issued_invoice(&t, &a, &contact_id, "100.00").await;
    let url = t.url(&format!("/v1/invoices/{}/payments", id(&invoice)));
    let mut requests = JoinSet::new();
    for _ in 0..20 {
        let request = t
            .client
            .post(url.clone())
            .header("authorization", a.bearer())
            .json(&json!({"amount": "10.00", "method": "bank_transfer"}));
        requests.spawn(async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            (status, body)
        });
    }
    let mut created = 0;
    let mut refused = 0;
    while let Some(done) = requests.join_next().await {
        let (status, body) = done.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                assert_eq!(body["code"], "invoice_paid", "{body}");
                refused += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!((created, refused), (10, 10));
    let (_, stored) = call(
        &t,
        &a,
        Method::GET,
        &format!("/v1/invoices/{}", id(&invoice)),
        None,
    )
    .await;
    assert_eq!(stored["amount_paid"], "100.00");
    assert_eq!(stored["status"], "paid");
    assert_eq!(books(&t, &a).await, ("0.00".into(), "100.00".into()));
}

#[tokio::test]
async fn a_replayed_payment_is_recorded_once() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact_id = customer(&t, &a).await;
    let invoice = issued_invoice(&t, &a, &contact_id, "90.00").await;
    let path = format!("/v1/invoices/{}/payments", id(&invoice));
    let body = json!({"amount": 30, "method": "card"});
    let key = Some("payment-30-card");
    let (status, first) = call_as(
        &t,
        &a.bearer(),
        Method::POST,
        &path,
        Some(body.clone()),
        key,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, replay) = call_as(&t, &a.bearer(), Method::POST, &path, Some(body), key).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(replay, first);
    let (status, problem) = call_as(
        &t,
        &a.bearer(),
        Method::POST,
        &path,
        Some(json!({"amount": 31, "method": "card"})),
        key,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "idempotency_key_reused");
    let (_, payments) = call(&t, &a, Method::GET, &path, None).await;
    assert_eq!(payments["data"].as_array().unwrap().len(), 1);
    assert_eq!(books(&t, &a).await, ("60.00".into(), "30.00".into()));

    // mark-paid replayed: one payment of the rest.
    let mark = format!("/v1/invoices/{}/mark-paid", id(&invoice));
    let key = Some("mark-paid-once");
    let (status, first) = call_as(&t, &a.bearer(), Method::POST, &mark, None, key).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["payment"]["amount"], "60.00");
    assert_eq!(first["invoice"]["status"], "paid");
    let (status, replay) = call_as(&t, &a.bearer(), Method::POST, &mark, None, key).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(replay, first);
    let (_, payments) = call(&t, &a, Method::GET, &path, None).await;
    assert_eq!(payments["data"].as_array().unwrap().len(), 2);
    assert_eq!(books(&t, &a).await, ("0.00".into(), "90.00".into()));
}

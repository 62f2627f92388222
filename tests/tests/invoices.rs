//! Invoices as documents over real HTTP against the local server: create
//! (the OneUp totals) → issue → get, send through the outbox, the PDF,
//! tenant isolation, and a replayed Idempotency-Key.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

async fn call(
    t: &TestServer,
    who: &TestAccount,
    method: Method,
    path: &str,
    body: Option<Value>,
    idempotency_key: Option<&str>,
) -> (StatusCode, Value) {
    let mut request = t
        .client
        .request(method, t.url(path))
        .header("authorization", who.bearer());
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

async fn customer(t: &TestServer, who: &TestAccount, email: &str) -> String {
    let (status, contact) = call(
        t,
        who,
        Method::POST,
        "/v1/contacts",
        Some(json!({"company_name": "OneUp", "roles": ["customer"], "email": email})),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    contact["id"].as_str().unwrap().to_string()
}

fn oneup(contact_id: &str) -> Value {
    json!({
        "contact_id": contact_id,
        "reduce_rate": 3.5,
        "lines": [
            {"description": "Widget", "quantity": 50, "unit_price": 15.00, "tax_rate": 10},
            {"description": "Bolt", "quantity": 100, "unit_price": "1.50", "discount_rate": 5, "tax_rate": 10},
            {"description": "Manual", "quantity": 20, "unit_price": 9.99}
        ],
        "document_total": "1140.20"
    })
}

#[tokio::test]
async fn create_issue_get_send_and_print() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let c = customer(&t, &a, "accounts@oneup.test").await;

    let (status, draft) = call(&t, &a, Method::POST, "/v1/invoices", Some(oneup(&c)), None).await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    assert_eq!(draft["number"], "INV-0001");
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["total"], "1140.20");
    assert_eq!(draft["amount_due"], "1140.20");
    let id = draft["id"].as_str().unwrap();

    let (status, issued) = call(
        &t,
        &a,
        Method::POST,
        &format!("/v1/invoices/{id}/issue"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    assert_eq!(issued["status"], "issued");
    assert_eq!(issued["version"], 2);

    let (status, got) = call(
        &t,
        &a,
        Method::GET,
        &format!("/v1/invoices/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got, issued);

    // The issue posting is in the ledger.
    let (status, ledger) = call(
        &t,
        &a,
        Method::GET,
        &format!("/v1/ledger/transactions?document_id={id}"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{ledger}");
    assert_eq!(ledger["data"].as_array().unwrap().len(), 1);

    let (status, sent) = call(
        &t,
        &a,
        Method::POST,
        &format!("/v1/invoices/{id}/send"),
        Some(json!({"message": "Thanks!"})),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    assert!(sent["sent_at"].is_string());
    let outbox: Value = t
        .client
        .get(t.url("/_local/outbox"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = outbox.to_string();
    assert!(text.contains("accounts@oneup.test"), "{text}");
    assert!(text.contains("INV-0001.pdf"), "{text}");

    let pdf = t
        .client
        .get(t.url(&format!("/v1/invoices/{id}/pdf")))
        .header("authorization", a.bearer())
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
}

#[tokio::test]
async fn two_accounts_are_isolated() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let b = t.account(true).await;
    let ca = customer(&t, &a, "a@client.test").await;
    let cb = customer(&t, &b, "b@client.test").await;
    let (_, ia) = call(&t, &a, Method::POST, "/v1/invoices", Some(oneup(&ca)), None).await;
    let (_, ib) = call(&t, &b, Method::POST, "/v1/invoices", Some(oneup(&cb)), None).await;
    // Each account has its own numbers.
    assert_eq!(ia["number"], "INV-0001");
    assert_eq!(ib["number"], "INV-0001");
    let ia_id = ia["id"].as_str().unwrap();

    for (method, path) in [
        (Method::GET, format!("/v1/invoices/{ia_id}")),
        (Method::DELETE, format!("/v1/invoices/{ia_id}")),
        (Method::POST, format!("/v1/invoices/{ia_id}/issue")),
        (Method::GET, format!("/v1/invoices/{ia_id}/pdf")),
    ] {
        let (status, body) = call(&t, &b, method.clone(), &path, None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {body}");
    }
    let (_, list) = call(&t, &b, Method::GET, "/v1/invoices", None, None).await;
    let ids: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![ib["id"].as_str().unwrap()]);
    // B cannot invoice A's contact.
    let (status, problem) =
        call(&t, &b, Method::POST, "/v1/invoices", Some(oneup(&ca)), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    // A's invoice is untouched.
    let (_, still) = call(
        &t,
        &a,
        Method::GET,
        &format!("/v1/invoices/{ia_id}"),
        None,
        None,
    )
    .await;
    assert_eq!(still, ia);
}

#[tokio::test]
async fn a_replayed_create_answers_the_same_and_creates_one() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let c = customer(&t, &a, "a@client.test").await;
    let mut body = oneup(&c);
    body["status"] = json!("issued");
    let key = "create-invoice-7f3a";
    let (first_status, first) = call(
        &t,
        &a,
        Method::POST,
        "/v1/invoices",
        Some(body.clone()),
        Some(key),
    )
    .await;
    assert_eq!(first_status, StatusCode::CREATED, "{first}");
    let (again_status, again) = call(
        &t,
        &a,
        Method::POST,
        "/v1/invoices",
        Some(body.clone()),
        Some(key),
    )
    .await;
    assert_eq!(again_status, StatusCode::CREATED);
    assert_eq!(again, first);

    let (_, list) = call(&t, &a, Method::GET, "/v1/invoices", None, None).await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    let id = first["id"].as_str().unwrap();
    let (_, ledger) = call(
        &t,
        &a,
        Method::GET,
        &format!("/v1/ledger/transactions?document_id={id}"),
        None,
        None,
    )
    .await;
    assert_eq!(ledger["data"].as_array().unwrap().len(), 1);

    // The same key with another body is refused.
    body["title"] = json!("Different");
    let (status, problem) = call(&t, &a, Method::POST, "/v1/invoices", Some(body), Some(key)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "idempotency_key_reused");
}

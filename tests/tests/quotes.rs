//! Quotes over real HTTP against the local server: the whole life from
//! draft to an invoice through the client portal, tenant isolation, and
//! Idempotency-Key replays of create and approve.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

async fn call_as(
    t: &TestServer,
    bearer: &str,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> (StatusCode, Value) {
    t.call_as(bearer, method, path, headers, body).await
}

async fn call(
    t: &TestServer,
    who: &TestAccount,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    call_as(t, &who.bearer(), method, path, &[], body).await
}

async fn customer(t: &TestServer, who: &TestAccount, name: &str) -> String {
    let body = json!({
        "company_name": name,
        "email": format!("{}@client.test", name.to_lowercase()),
        "roles": ["customer"],
        "payment_terms_days": 30
    });
    let (status, contact) = call(t, who, Method::POST, "/v1/contacts", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    contact["id"].as_str().unwrap().to_string()
}

/// The OneUp sales order of seed 001 (API.md §2).
fn oneup(contact_id: &str) -> Value {
    json!({
        "contact_id": contact_id,
        "currency": "GBP",
        "discount_rate": "3.5",
        "lines": [
            {"description": "T-shirt", "quantity": 50, "unit_price": "15.00", "tax_rate": 10},
            {"description": "Sticker", "quantity": 100, "unit_price": "1.50", "discount_rate": 5, "tax_rate": 10},
            {"description": "Book", "quantity": 20, "unit_price": "9.99"}
        ]
    })
}

fn id(value: &Value) -> String {
    value["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{value}"))
        .to_string()
}

#[tokio::test]
async fn a_quote_becomes_an_invoice_through_the_portal() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact = customer(&t, &a, "OneUp").await;

    let (status, quote) = call(&t, &a, Method::POST, "/v1/quotes", Some(oneup(&contact))).await;
    assert_eq!(status, StatusCode::CREATED, "{quote}");
    assert_eq!(quote["number"], "QUO-0001");
    assert_eq!(quote["total"], "1140.20");
    let path = format!("/v1/quotes/{}", id(&quote));

    // A draft is invisible on the portal; sending makes it visible.
    let (status, issued) = call(
        &t,
        &a,
        Method::POST,
        &format!("/v1/contacts/{contact}/portal-token"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let early = format!("Bearer {}", issued["token"].as_str().unwrap());
    let (status, _) = call_as(
        &t,
        &early,
        Method::GET,
        &format!("/v1/portal/quotes/{}", id(&quote)),
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, sent) = call(&t, &a, Method::POST, &format!("{path}/send"), None).await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    assert_eq!(sent["status"], "sent");

    // The email carries the PDF and the portal link the client uses.
    let mails = t.outbox().await;
    let mail = mails
        .iter()
        .rev()
        .find(|m| m["to"].to_string().contains("oneup@client.test"))
        .unwrap_or_else(|| panic!("{mails:?}"));
    assert_eq!(mail["attachments"][0]["file_name"], "QUO-0001.pdf");
    let text = mail["text"].as_str().unwrap();
    let token = text
        .split("/portal?token=")
        .nth(1)
        .unwrap()
        .split(|c: char| c.is_whitespace() || c == '>' || c == ')')
        .next()
        .unwrap();
    let portal = format!("Bearer {token}");

    let (status, list) = call_as(&t, &portal, Method::GET, "/v1/portal/quotes", &[], None).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    let (status, approved) = call_as(
        &t,
        &portal,
        Method::POST,
        &format!("/v1/portal/quotes/{}/approve", id(&quote)),
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    assert_eq!(approved["status"], "approved");
    let invoice_id = approved["invoice_id"].as_str().unwrap().to_string();

    // The business sees the approval and the invoice it made.
    let (_, quote) = call(&t, &a, Method::GET, &path, None).await;
    assert_eq!(quote["status"], "approved");
    assert_eq!(quote["invoice_id"], json!(invoice_id));
    let (status, problem) = call(&t, &a, Method::POST, &format!("{path}/approve"), None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "already_approved");
    assert_eq!(problem["invoice_id"], json!(invoice_id));
    let (status, invoice) = call(
        &t,
        &a,
        Method::GET,
        &format!("/v1/invoices/{invoice_id}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{invoice}");
    assert_eq!(invoice["number"], "INV-0001");
    assert_eq!(invoice["status"], "draft");
    assert_eq!(invoice["source"], "quote");
    assert_eq!(invoice["source_id"], quote["id"]);
    assert_eq!(invoice["total"], "1140.20");

    let pdf = t
        .client
        .get(t.url(&format!("{path}/pdf")))
        .header("authorization", a.bearer())
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
}

#[tokio::test]
async fn two_accounts_never_see_each_others_quotes() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let b = t.account(true).await;
    let ca = customer(&t, &a, "Alpha").await;
    let cb = customer(&t, &b, "Beta").await;
    let (_, qa) = call(&t, &a, Method::POST, "/v1/quotes", Some(oneup(&ca))).await;
    let (_, qb) = call(&t, &b, Method::POST, "/v1/quotes", Some(oneup(&cb))).await;
    // Each account numbers its own quotes.
    assert_eq!(qa["number"], "QUO-0001");
    assert_eq!(qb["number"], "QUO-0001");

    let (_, list) = call(&t, &a, Method::GET, "/v1/quotes", None).await;
    let ids: Vec<String> = list["data"].as_array().unwrap().iter().map(id).collect();
    assert_eq!(ids, [id(&qa)]);
    for (method, suffix) in [
        (Method::GET, ""),
        (Method::DELETE, ""),
        (Method::POST, "/approve"),
        (Method::POST, "/reject"),
        (Method::GET, "/pdf"),
    ] {
        let (status, _) = call(
            &t,
            &a,
            method,
            &format!("/v1/quotes/{}{suffix}", id(&qb)),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{suffix}");
    }
    // B's contact does not exist for A either.
    let (status, problem) = call(&t, &a, Method::POST, "/v1/quotes", Some(oneup(&cb))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "contact_id");
    let (_, list) = call(
        &t,
        &b,
        Method::GET,
        &format!("/v1/quotes?contact_id={ca}"),
        None,
    )
    .await;
    assert_eq!(list["data"], json!([]));
    let (_, theirs) = call(
        &t,
        &b,
        Method::GET,
        &format!("/v1/quotes/{}", id(&qb)),
        None,
    )
    .await;
    assert_eq!(theirs["status"], "draft", "B's quote is untouched");
}

#[tokio::test]
async fn idempotency_keys_replay_create_and_approve() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact = customer(&t, &a, "OneUp").await;
    let bearer = a.bearer();
    let key = [("idempotency-key", "create-oneup-1")];

    let (s1, first) = call_as(
        &t,
        &bearer,
        Method::POST,
        "/v1/quotes",
        &key,
        Some(oneup(&contact)),
    )
    .await;
    let (s2, second) = call_as(
        &t,
        &bearer,
        Method::POST,
        "/v1/quotes",
        &key,
        Some(oneup(&contact)),
    )
    .await;
    assert_eq!((s1, s2), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(first, second);
    let (_, list) = call(&t, &a, Method::GET, "/v1/quotes", None).await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    // The same key with another body is refused.
    let mut other = oneup(&contact);
    other["title"] = json!("Different");
    let (status, problem) =
        call_as(&t, &bearer, Method::POST, "/v1/quotes", &key, Some(other)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "idempotency_key_reused");

    let approve = format!("/v1/quotes/{}/approve", id(&first));
    let key = [("idempotency-key", "approve-1")];
    let (s1, first_approval) = call_as(&t, &bearer, Method::POST, &approve, &key, None).await;
    let (s2, replay) = call_as(&t, &bearer, Method::POST, &approve, &key, None).await;
    assert_eq!(
        (s1, s2),
        (StatusCode::OK, StatusCode::OK),
        "{first_approval}"
    );
    assert_eq!(first_approval, replay);
    assert_eq!(first_approval["invoice"]["number"], "INV-0001");
    // Without the key, a second approval is refused and names the one invoice.
    let (status, problem) = call(&t, &a, Method::POST, &approve, None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["invoice_id"], first_approval["invoice"]["id"]);
    let (_, invoices) = call(&t, &a, Method::GET, "/v1/invoices", None).await;
    assert_eq!(invoices["data"].as_array().unwrap().len(), 1, "{invoices}");

    // The next quote and invoice numbers show nothing was made twice.
    let (_, next) = call(&t, &a, Method::POST, "/v1/quotes", Some(oneup(&contact))).await;
    assert_eq!(next["number"], "QUO-0002");
}

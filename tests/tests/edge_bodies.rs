//! Bodies are objects (API.md §1): a JSON array, string, number or `null`
//! in place of a route's object body is a 422 `invalid_body` that runs
//! nothing, on every route that takes a body, the optional-body actions
//! included (`[]` once paid an invoice in full through mark-paid).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

async fn send(
    t: &TestServer,
    bearer: Option<&str>,
    method: Method,
    path: &str,
    raw: &str,
) -> (StatusCode, Value) {
    let mut request = t
        .client
        .request(method, t.url(path))
        .header("content-type", "application/json")
        .body(raw.to_owned());
    if let Some(bearer) = bearer {
        request = request.header("authorization", bearer);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn create(t: &TestServer, a: &TestAccount, path: &str, body: Value) -> String {
    let (status, created) = send(t, Some(&a.bearer()), Method::POST, path, &body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{path}: {created}");
    created["id"].as_str().unwrap().to_owned()
}

async fn read(t: &TestServer, a: &TestAccount, path: &str) -> Value {
    let (status, body) = send(t, Some(&a.bearer()), Method::GET, path, "").await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body
}

#[tokio::test]
async fn non_object_bodies_are_refused_on_every_body_route_and_change_nothing() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact = create(
        &t,
        &a,
        "/v1/contacts",
        json!({"type": "company", "company_name": "Client Ltd", "email": "ap@client.test",
               "roles": ["customer"], "currency": "GBP"}),
    )
    .await;
    let draft = json!({"contact_id": contact, "lines": [
        {"description": "Work", "quantity": 1, "unit_price": "100.00", "tax_rate": 20}]});
    let mut issued = draft.clone();
    issued["status"] = json!("issued");
    let invoice = create(&t, &a, "/v1/invoices", issued).await;
    let quote = create(&t, &a, "/v1/quotes", draft).await;
    let before_invoice = read(&t, &a, &format!("/v1/invoices/{invoice}")).await;
    let before_quote = read(&t, &a, &format!("/v1/quotes/{quote}")).await;

    let business = [
        (Method::POST, format!("/v1/invoices/{invoice}/mark-paid")),
        (Method::POST, format!("/v1/invoices/{invoice}/payments")),
        (Method::POST, format!("/v1/invoices/{invoice}/send")),
        (Method::POST, format!("/v1/invoices/{invoice}/remind")),
        (Method::POST, format!("/v1/invoices/{invoice}/cancel")),
        (
            Method::POST,
            format!("/v1/invoices/{invoice}/address-request"),
        ),
        (Method::PUT, format!("/v1/invoices/{invoice}")),
        (Method::POST, format!("/v1/quotes/{quote}/send")),
        (Method::POST, format!("/v1/quotes/{quote}/remind")),
        (Method::POST, format!("/v1/quotes/{quote}/reject")),
        (Method::PUT, format!("/v1/quotes/{quote}")),
        (Method::POST, "/v1/invoices".to_owned()),
        (Method::POST, "/v1/quotes".to_owned()),
        (Method::POST, "/v1/contacts".to_owned()),
        (Method::POST, "/v1/tax-rates".to_owned()),
        (Method::POST, "/v1/items".to_owned()),
        (Method::PUT, "/v1/account/company".to_owned()),
        (Method::PUT, "/v1/account/settings".to_owned()),
        (Method::PATCH, format!("/v1/contacts/{contact}")),
        (Method::PUT, format!("/v1/contacts/{contact}")),
    ];
    for (method, path) in &business {
        for raw in ["[]", r#"["Array VAT", "7"]"#, "null", r#""x""#, "7"] {
            let (status, problem) = send(&t, Some(&a.bearer()), method.clone(), path, raw).await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{method} {path} {raw}: {problem}"
            );
            assert_eq!(
                problem["code"], "invalid_body",
                "{method} {path} {raw}: {problem}"
            );
        }
    }
    for raw in [r#"["ada@example.com", "correct-horse-42"]"#, "[]"] {
        let (status, problem) = send(&t, None, Method::POST, "/v1/auth/login", raw).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "login {raw}: {problem}"
        );
        assert_eq!(problem["code"], "invalid_body");
    }

    // Nothing ran: the invoice is as it was (unpaid, unsent, not
    // cancelled), so is the quote, and no tax rate was made.
    assert_eq!(
        read(&t, &a, &format!("/v1/invoices/{invoice}")).await,
        before_invoice
    );
    assert_eq!(
        read(&t, &a, &format!("/v1/quotes/{quote}")).await,
        before_quote
    );
    let rates = read(&t, &a, "/v1/tax-rates").await;
    assert!(
        rates["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["name"] != "Array VAT"),
        "{rates}"
    );
    // An empty body still means "no body" on the optional ones.
    let (status, paid) = send(
        &t,
        Some(&a.bearer()),
        Method::POST,
        &format!("/v1/invoices/{invoice}/mark-paid"),
        "",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{paid}");
    assert_eq!(paid["invoice"]["status"], "paid", "{paid}");
}

/// Every resource refuses a read-only field the same way: 422 naming it,
/// message `is read-only`, nothing written.
#[tokio::test]
async fn read_only_fields_are_refused_alike_on_every_resource() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact = create(
        &t,
        &a,
        "/v1/contacts",
        json!({"type": "company", "company_name": "Client Ltd", "roles": ["customer"]}),
    )
    .await;
    let line = json!({"description": "Work", "quantity": 1, "unit_price": "100.00"});
    let cases = [
        (
            "/v1/contacts",
            json!({"company_name": "X", "created_at": "2026-01-01T00:00:00Z"}),
            "created_at",
        ),
        (
            "/v1/items",
            json!({"name": "Widget", "id": "01a242d4-0000-7000-8000-000000000000"}),
            "id",
        ),
        (
            "/v1/tax-rates",
            json!({"name": "VAT", "rate": "20", "updated_at": null}),
            "updated_at",
        ),
        (
            "/v1/expenses",
            json!({"amount": "10.00", "currency": "GBP", "date": "2026-11-02", "id": "x"}),
            "id",
        ),
        (
            "/v1/invoices",
            json!({"contact_id": contact, "lines": [line], "number": "INV-0099"}),
            "number",
        ),
        (
            "/v1/quotes",
            json!({"contact_id": contact, "lines": [line], "subtotal": "1.00"}),
            "subtotal",
        ),
        (
            "/v1/invoices",
            json!({"contact_id": contact, "lines": [{"description": "W", "unit_price": "1", "total": "1.00"}]}),
            "lines[0].total",
        ),
    ];
    for (path, body, field) in cases {
        let (status, problem) =
            send(&t, Some(&a.bearer()), Method::POST, path, &body.to_string()).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {problem}"
        );
        assert_eq!(problem["errors"][0]["field"], field, "{path}: {problem}");
        assert_eq!(
            problem["errors"][0]["message"], "is read-only",
            "{path}: {problem}"
        );
    }
    // Nothing was written.
    for path in [
        "/v1/items",
        "/v1/tax-rates",
        "/v1/expenses",
        "/v1/invoices",
        "/v1/quotes",
    ] {
        assert_eq!(read(&t, &a, path).await["data"], json!([]), "{path}");
    }
    let (status, problem) = send(
        &t,
        Some(&a.bearer()),
        Method::PUT,
        "/v1/account/profile",
        &json!({"first_name": "Ada", "last_name": "L", "email": "a@b.co"}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "email");
}

/// No credentials is a 401 before any header or body is looked at: a bad
/// Idempotency-Key and a malformed body on a private route answer 401.
#[tokio::test]
async fn without_credentials_a_private_route_is_401_before_anything_else() {
    let t = TestServer::start().await;
    let response = t
        .client
        .post(t.url("/v1/invoices"))
        .header("idempotency-key", "not a valid key")
        .header("content-type", "application/json")
        .body("[")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["code"], "unauthorized");
    // With bad credentials too.
    let response = t
        .client
        .post(t.url("/v1/invoices"))
        .header("authorization", "Bearer nope")
        .header("idempotency-key", "not a valid key")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // A public route checks the key at once.
    let response = t
        .client
        .post(t.url("/v1/auth/login"))
        .header("idempotency-key", "not a valid key")
        .json(&json!({"email": "a@b.co", "password": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

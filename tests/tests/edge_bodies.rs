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

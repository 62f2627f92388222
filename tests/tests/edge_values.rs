//! One rule per kind of value (API.md §1): dates are `YYYY-MM-DD` with a
//! year from 1900 to 9999, written or derived; money and rates are plain
//! decimals without an exponent. Each refusal is a 422 naming the field,
//! and nothing is written.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer, error_fields};

async fn call(
    t: &TestServer,
    a: &TestAccount,
    method: Method,
    path: &str,
    body: Value,
) -> (StatusCode, Value) {
    let response = t
        .client
        .request(method, t.url(path))
        .header("authorization", a.bearer())
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn refused(
    t: &TestServer,
    a: &TestAccount,
    method: Method,
    path: &str,
    body: Value,
    field: &str,
) {
    let (status, problem) = call(t, a, method, path, body.clone()).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{path} {body}: {problem}"
    );
    assert!(
        error_fields(&problem).iter().any(|f| f == field),
        "{path} {body}: expected {field} in {problem}"
    );
}

/// A customer of `a`; its id.
async fn customer(t: &TestServer, a: &TestAccount) -> String {
    let (status, contact) = call(
        t,
        a,
        Method::POST,
        "/v1/contacts",
        json!({"type": "company", "company_name": "Client Ltd", "roles": ["customer"], "currency": "GBP"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    contact["id"].as_str().unwrap().to_owned()
}

/// `base` with the members of `extra` set over it.
fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(base), Some(extra)) = (base.as_object_mut(), extra.as_object()) {
        base.extend(extra.clone());
    }
    base
}

/// One line of 100.00 at 20 %, with `extra` over it.
fn line(extra: Value) -> Value {
    with(
        json!({"description": "Work", "quantity": 1, "unit_price": "100.00", "tax_rate": 20}),
        extra,
    )
}

/// A draft for `contact` with one `line`, with `extra` over it.
fn draft(contact: &str, extra: Value, line: Value) -> Value {
    with(json!({"contact_id": contact, "lines": [line]}), extra)
}

const BAD_DATES: [&str; 6] = [
    "0000-01-01",
    "+10000-01-01",
    "10000-01-01",
    "2026-1-1",
    "1899-12-31",
    "2026-02-30",
];

#[tokio::test]
async fn dates_outside_the_rule_are_refused_wherever_they_are_written() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact = customer(&t, &a).await;
    let draft = |extra: Value| draft(&contact, extra, line(json!({})));
    let mut issued = draft(json!({}));
    issued["status"] = json!("issued");
    let (status, invoice) = call(&t, &a, Method::POST, "/v1/invoices", issued).await;
    assert_eq!(status, StatusCode::CREATED, "{invoice}");
    let invoice = invoice["id"].as_str().unwrap().to_owned();

    for bad in BAD_DATES {
        for (path, body, field) in [
            (
                "/v1/invoices",
                draft(json!({"issue_date": bad})),
                "issue_date",
            ),
            ("/v1/invoices", draft(json!({"due_date": bad})), "due_date"),
            (
                "/v1/invoices",
                draft(json!({"delivery_date": bad})),
                "delivery_date",
            ),
            (
                "/v1/quotes",
                draft(json!({"valid_until": bad})),
                "valid_until",
            ),
            (
                "/v1/recurring-invoices",
                draft(json!({"frequency": "monthly", "start_date": bad})),
                "start_date",
            ),
            (
                "/v1/expenses",
                json!({"amount": "10.00", "category": "Travel", "date": bad}),
                "date",
            ),
        ] {
            refused(&t, &a, Method::POST, path, body, field).await;
        }
        let payments = format!("/v1/invoices/{invoice}/payments");
        refused(
            &t,
            &a,
            Method::POST,
            &payments,
            json!({"date": bad}),
            "date",
        )
        .await;
        let mark_paid = format!("/v1/invoices/{invoice}/mark-paid");
        refused(
            &t,
            &a,
            Method::POST,
            &mark_paid,
            json!({"date": bad}),
            "date",
        )
        .await;
    }

    // A due date the server would derive past 9999-12-31 is a 422 too,
    // not a 500 and not a five-digit year in the ledger.
    refused(
        &t,
        &a,
        Method::POST,
        "/v1/invoices",
        draft(json!({"issue_date": "9999-12-20"})),
        "due_date",
    )
    .await;

    // Nothing was written: the invoice is still the only one, unpaid.
    let (status, list) = call(&t, &a, Method::GET, "/v1/invoices", Value::Null).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["data"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["data"][0]["amount_paid"], "0.00", "{list}");
}

/// (A JSON number in exponent form, `1e3`, cannot be written with `json!`,
/// which prints `1000.0`; `shared/core/tests/catalogue.rs` sends it raw.)
#[tokio::test]
async fn money_and_rates_with_an_exponent_are_refused() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    for (body, field) in [
        (
            json!({"name": "Widget", "sales_price": "1e3"}),
            "sales_price",
        ),
        (
            json!({"name": "Widget", "purchase_price": "2.5E1"}),
            "purchase_price",
        ),
    ] {
        refused(&t, &a, Method::POST, "/v1/items", body, field).await;
    }
    refused(
        &t,
        &a,
        Method::POST,
        "/v1/tax-rates",
        json!({"name": "Odd VAT", "rate": "2e1"}),
        "rate",
    )
    .await;
    let (status, items) = call(&t, &a, Method::GET, "/v1/items", Value::Null).await;
    assert_eq!(status, StatusCode::OK, "{items}");
    assert!(items["data"].as_array().unwrap().is_empty(), "{items}");
}

#[tokio::test]
async fn id_filters_must_be_uuids() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    for (path, param) in [
        ("/v1/quotes", "contact_id"),
        ("/v1/invoices", "contact_id"),
        ("/v1/recurring-invoices", "contact_id"),
        ("/v1/ledger/transactions", "document_id"),
        ("/v1/expenses", "invoice_id"),
    ] {
        for bad in ["no-such-id", "0193a9b67c1e7f008a00000000000001"] {
            let uri = format!("{path}?{param}={bad}");
            let (status, problem) = call(&t, &a, Method::GET, &uri, Value::Null).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {problem}");
            assert_eq!(problem["code"], "invalid_query", "{uri}: {problem}");
            let detail = problem["detail"].as_str().unwrap_or_default();
            assert!(detail.contains(param), "{uri}: {problem}");
        }
        // A well-formed id that names nothing is an empty page.
        let uri = format!("{path}?{param}=0193a9b6-7c1e-7f00-8a00-000000000001");
        let (status, page) = call(&t, &a, Method::GET, &uri, Value::Null).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {page}");
        assert_eq!(page["data"], json!([]), "{uri}");
    }
}

#[tokio::test]
async fn control_characters_are_refused_in_every_kind_of_text_field() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact = customer(&t, &a).await;
    let draft = |extra: Value, line: Value| draft(&contact, extra, line);
    // One-line fields refuse every control character, tab and newline too.
    for bad in ["a\nb", "a\tb", "a\u{7}b", "a\u{0}b"] {
        for (body, field) in [
            (draft(json!({"title": bad}), line(json!({}))), "title"),
            (
                draft(json!({"reference": bad}), line(json!({}))),
                "reference",
            ),
            (
                draft(json!({}), line(json!({"unit": bad}))),
                "lines[0].unit",
            ),
        ] {
            refused(&t, &a, Method::POST, "/v1/invoices", body, field).await;
        }
        refused(
            &t,
            &a,
            Method::POST,
            "/v1/expenses",
            json!({"amount": "10.00", "category": bad}),
            "category",
        )
        .await;
        refused(
            &t,
            &a,
            Method::POST,
            "/v1/contacts",
            json!({"type": "company", "company_name": bad}),
            "company_name",
        )
        .await;
    }
    // Free text keeps tab and line breaks, nothing else.
    for bad in ["a\u{7}b", "a\u{0}b", "a\u{1b}[31mb"] {
        for (body, field) in [
            (draft(json!({"notes": bad}), line(json!({}))), "notes"),
            (draft(json!({"terms": bad}), line(json!({}))), "terms"),
            (
                draft(json!({}), line(json!({"description": bad}))),
                "lines[0].description",
            ),
        ] {
            refused(&t, &a, Method::POST, "/v1/invoices", body, field).await;
        }
    }
    let text_area = draft(
        json!({"notes": "Line one\r\n\tLine two"}),
        line(json!({"description": "Design\nand build"})),
    );
    let (status, invoice) = call(&t, &a, Method::POST, "/v1/invoices", text_area).await;
    assert_eq!(status, StatusCode::CREATED, "{invoice}");

    // The reasons and references of the invoice's actions.
    let mut issued = draft(json!({}), line(json!({})));
    issued["status"] = json!("issued");
    let (_, issued) = call(&t, &a, Method::POST, "/v1/invoices", issued).await;
    let id = issued["id"].as_str().unwrap();
    refused(
        &t,
        &a,
        Method::POST,
        &format!("/v1/invoices/{id}/payments"),
        json!({"amount": "10.00", "reference": "ref\n2"}),
        "reference",
    )
    .await;
    refused(
        &t,
        &a,
        Method::POST,
        &format!("/v1/invoices/{id}/cancel"),
        json!({"reason": "because\u{7}"}),
        "reason",
    )
    .await;
}

#[tokio::test]
async fn a_null_line_kind_is_an_item_line() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact = customer(&t, &a).await;
    let body = draft(&contact, json!({}), line(json!({"kind": null})));
    let (status, invoice) = call(&t, &a, Method::POST, "/v1/invoices", body).await;
    assert_eq!(status, StatusCode::CREATED, "{invoice}");
    assert_eq!(invoice["lines"][0]["kind"], "item", "{invoice}");
    assert_eq!(invoice["total"], "120.00", "{invoice}");
}

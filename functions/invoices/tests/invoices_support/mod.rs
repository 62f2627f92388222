//! What the invoice tests share: contacts, catalogue items and bank details
//! written through core's own use cases, and a request helper over the
//! shared stack.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::account::bank::Bank;
use uome_core::catalogue::input::{ItemChanges, Patch};
use uome_core::keys::bank_key;
use uome_core::ports::{Condition, Item, Ports};
use uome_domain::Decimal;

pub fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// A contact from its JSON input (as `POST /v1/contacts` takes it).
pub async fn contact(ports: &Ports, account_id: &str, input: Value) -> String {
    let input = serde_json::from_value(input).unwrap();
    uome_core::contacts::create_contact(ports, account_id, input, false)
        .await
        .unwrap()
        .id
}

/// A customer with an email address and no billing address.
pub async fn customer(ports: &Ports, account_id: &str) -> String {
    contact(
        ports,
        account_id,
        json!({"company_name": "OneUp Client Ltd", "roles": ["customer"], "email": "billing@client.example"}),
    )
    .await
}

/// A catalogue item in GBP at `price`, 10 % tax.
pub async fn item(ports: &Ports, account_id: &str, name: &str, price: &str) -> String {
    let changes = ItemChanges {
        name: Patch::Set(name.to_string()),
        sales_price: Patch::Set(Ok(d(price))),
        currency: Patch::Set("GBP".to_string()),
        tax_rate: Patch::Set(Ok(d("10"))),
        ..ItemChanges::default()
    };
    uome_core::catalogue::create_item(ports, account_id, changes)
        .await
        .unwrap()
        .id
}

/// The account's bank details with `iban`.
pub async fn bank_iban(ports: &Ports, account_id: &str, iban: &str) {
    let bank = Bank {
        account_name: Some("Acme Ltd".into()),
        iban: Some(iban.to_string()),
        ..Bank::default()
    };
    ports
        .table
        .put(
            Item::new(bank_key(account_id), &bank).unwrap(),
            Condition::None,
        )
        .await
        .unwrap();
}

/// The seed's OneUp order as invoice lines: subtotal 1092.30, discount
/// 38.23, tax 86.13, total 1140.20.
pub fn oneup_lines() -> Value {
    json!([
        {"description": "Widget", "quantity": 50, "unit_price": "15.00", "tax_rate": 10},
        {"description": "Bolt", "quantity": 100, "unit_price": "1.50", "discount_rate": 5, "tax_rate": 10},
        {"description": "Manual", "quantity": 20, "unit_price": "9.99", "tax_rate": 0}
    ])
}

/// A simple invoice body for `contact_id`: one line of 100.00 at 10 %.
pub fn simple_body(contact_id: &str) -> Value {
    json!({
        "contact_id": contact_id,
        "lines": [{"description": "Consulting", "quantity": 1, "unit_price": "100.00", "tax_rate": 10}]
    })
}

/// A new owner token for `owner`'s account at the env clock's "now" (the
/// first one expires when a test moves the clock by days).
pub fn fresh_bearer(env: &uome_testkit::TestEnv, owner: &uome_testkit::owner::Owner) -> String {
    let ctx = &env.ctx;
    let claims = ctx.jwt.access_claims(
        &owner.user_id,
        &owner.account_id,
        uome_http::Role::Owner,
        ctx.now(),
        &ctx.ports.ids.new_id().to_string(),
    );
    format!("Bearer {}", ctx.jwt.issue(&claims).unwrap())
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub bytes: Vec<u8>,
}

/// One request through `app`; `auth` is the `Authorization` value.
pub async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    auth: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", auth);
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
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        bytes,
    }
}

/// The fields named in a problem's `errors`.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["field"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

//! The catalogue's routes inside the shared stack, driven with `oneshot`,
//! including a real API Gateway v2 event converted by `lambda_http`.

mod common;

use axum::body::Body;
use http::{Method, Request};
use serde_json::json;
use uome_testkit::TestEnv;

use common::{account, call, call_raw, call_with, put_record, send};

fn app(env: &TestEnv) -> axum::Router {
    env.app(uome_catalogue::api())
}

#[tokio::test]
async fn sample_event_creates_an_item() {
    let env = TestEnv::new();
    let owner = account(&env).await;
    let path = format!(
        "{}/../../events/catalogue-create-item.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let request = lambda_http::request::from_str(&text).unwrap();
    let (mut parts, body) = request.into_parts();
    // The event carries a placeholder: tokens expire, fixtures do not.
    parts
        .headers
        .insert("authorization", owner.bearer().parse().unwrap());
    let request = Request::from_parts(parts, Body::from(body.to_vec()));
    let answer = send(&app(&env), request).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.headers["x-request-id"], "evt-catalogue-create-1");
    assert_eq!(answer.body["number"], "ITM-0001");
    assert_eq!(answer.body["name"], "Nintendo Wii");
    assert_eq!(answer.body["type"], "product");
    assert_eq!(answer.body["sales_price"], "199.00");
    assert_eq!(answer.body["purchase_price"], "159.00");
    assert_eq!(answer.body["currency"], "GBP");
    assert_eq!(answer.body["unit"], "piece");
    assert_eq!(answer.body["version"], 1);
    let id = answer.body["id"].as_str().unwrap();
    assert_eq!(
        answer.headers["location"].to_str().unwrap(),
        format!("/v1/items/{id}")
    );
    assert_eq!(answer.headers["etag"], "\"1\"");
}

#[tokio::test]
async fn item_lifecycle() {
    let env = TestEnv::new();
    let owner = account(&env).await;
    let app = app(&env);

    let created = call(
        &app,
        &owner,
        Method::POST,
        "/v1/items",
        Some(json!({"name": "Consulting", "sales_price": 95, "unit": "hour", "tax_rate": "20"})),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["type"], "service");
    assert_eq!(created.body["sales_price"], "95.00");
    assert_eq!(created.body["purchase_price"], "0.00");
    assert_eq!(created.body["tax_rate"], "20");
    assert_eq!(created.body["active"], true);
    assert_eq!(created.body["description"], serde_json::Value::Null);
    let uri = format!("/v1/items/{}", created.body["id"].as_str().unwrap());

    let got = call(&app, &owner, Method::GET, &uri, None).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, created.body);

    // PATCH: absent stays, null resets.
    let patched = call_with(
        &app,
        &owner,
        Method::PATCH,
        &uri,
        Some(json!({"description": "Senior rate", "unit": null})),
        &[("if-match", "\"1\"")],
    )
    .await;
    assert_eq!(patched.status, 200, "{}", patched.body);
    assert_eq!(patched.body["version"], 2);
    assert_eq!(patched.body["description"], "Senior rate");
    assert_eq!(patched.body["unit"], serde_json::Value::Null);
    assert_eq!(patched.body["sales_price"], "95.00");
    assert_eq!(patched.headers["etag"], "\"2\"");

    // PUT: a full replace; the number stays.
    let replaced = call(
        &app,
        &owner,
        Method::PUT,
        &uri,
        Some(json!({"name": "Consulting (day)", "type": "service", "sales_price": "700", "version": 2})),
    )
    .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    assert_eq!(replaced.body["number"], "ITM-0001");
    assert_eq!(replaced.body["description"], serde_json::Value::Null);
    assert_eq!(replaced.body["tax_rate"], "0");
    assert_eq!(replaced.body["version"], 3);

    // A stale version is a conflict, whether in If-Match or the body.
    let stale = call_with(
        &app,
        &owner,
        Method::PATCH,
        &uri,
        Some(json!({"name": "x"})),
        &[("if-match", "2")],
    )
    .await;
    assert_eq!(stale.status, 409);
    assert_eq!(stale.body["code"], "version_conflict");
    let stale = call(
        &app,
        &owner,
        Method::PUT,
        &uri,
        Some(json!({"name": "x", "version": 1})),
    )
    .await;
    assert_eq!(stale.body["code"], "version_conflict");

    let deleted = call_with(
        &app,
        &owner,
        Method::DELETE,
        &uri,
        None,
        &[("if-match", "3")],
    )
    .await;
    assert_eq!(deleted.status, 204);
    let gone = call(&app, &owner, Method::GET, &uri, None).await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.body["code"], "not_found");
}

#[tokio::test]
async fn every_bad_field_is_reported_at_once() {
    let env = TestEnv::new();
    let owner = account(&env).await;
    let answer = call(
        &app(&env),
        &owner,
        Method::POST,
        "/v1/items",
        Some(json!({
            "number": "N".repeat(65),
            "type": "gadget",
            "name": "",
            "description": "d".repeat(2001),
            "unit": "u".repeat(65),
            "sales_price": "12.34567",
            "purchase_price": "-1",
            "currency": "XYZ",
            "tax_rate": "101",
            "tax_rate_id": "not-a-uuid",
            "family": "f".repeat(65),
        })),
    )
    .await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(answer.body["code"], "validation_failed");
    let mut fields = answer.fields();
    fields.sort();
    assert_eq!(
        fields,
        [
            "currency",
            "description",
            "family",
            "name",
            "number",
            "purchase_price",
            "sales_price",
            "tax_rate",
            "tax_rate_id",
            "type",
            "unit"
        ]
    );
}

#[tokio::test]
async fn numbers_that_do_not_parse_are_reported_with_the_rest() {
    let env = TestEnv::new();
    let owner = account(&env).await;
    let answer = call_raw(
        &app(&env),
        &owner,
        Method::POST,
        "/v1/items",
        r#"{"name": "", "sales_price": "abc", "tax_rate": true}"#,
    )
    .await;
    assert_eq!(answer.status, 422);
    let mut fields = answer.fields();
    fields.sort();
    assert_eq!(fields, ["name", "sales_price", "tax_rate"]);
}

#[tokio::test]
async fn unknown_fields_and_version_on_create_are_refused() {
    let env = TestEnv::new();
    let owner = account(&env).await;
    let app = app(&env);
    let answer = call(
        &app,
        &owner,
        Method::POST,
        "/v1/items",
        Some(json!({"name": "A", "price": 1})),
    )
    .await;
    assert_eq!(answer.status, 422);
    assert_eq!(answer.fields(), ["price"]);
    let answer = call(
        &app,
        &owner,
        Method::POST,
        "/v1/items",
        Some(json!({"name": "A", "version": 1})),
    )
    .await;
    assert_eq!(answer.status, 422);
    assert_eq!(answer.fields(), ["version"]);
}

#[tokio::test]
async fn credentials_are_required() {
    let env = TestEnv::new();
    let app = app(&env);
    for (method, uri) in [
        (Method::GET, "/v1/items"),
        (Method::GET, "/v1/tax-rates"),
        (Method::GET, "/v1/currencies"),
        (Method::GET, "/v1/units"),
        (Method::GET, "/v1/payment-terms"),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        let answer = send(&app, request).await;
        assert_eq!(answer.status, 401, "{uri}");
        assert_eq!(answer.headers["content-type"], "application/problem+json");
    }
}

#[tokio::test]
async fn reference_lists_flag_the_account_defaults() {
    let env = TestEnv::new();
    let owner = account(&env).await;
    let app = app(&env);

    let currencies = call(&app, &owner, Method::GET, "/v1/currencies", None).await;
    assert_eq!(currencies.status, 200);
    let data = currencies.body["data"].as_array().unwrap();
    assert!(data.len() > 150);
    assert_eq!(currencies.body["next_cursor"], serde_json::Value::Null);
    let jpy = data.iter().find(|c| c["code"] == "JPY").unwrap();
    assert_eq!(jpy["minor_units"], 0);
    let defaults: Vec<_> = data.iter().filter(|c| c["default"] == true).collect();
    assert_eq!(defaults.len(), 1);
    assert_eq!(defaults[0]["code"], "GBP");

    put_record(
        &env,
        &owner.id,
        "COMPANY",
        json!({"name": "Acme", "default_currency": "EUR"}),
    )
    .await;
    put_record(
        &env,
        &owner.id,
        "SETTINGS",
        json!({"default_payment_terms_days": 21}),
    )
    .await;
    let currencies = call(&app, &owner, Method::GET, "/v1/currencies", None).await;
    let default = currencies.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["default"] == true)
        .unwrap()
        .clone();
    assert_eq!(default["code"], "EUR");

    let terms = call(&app, &owner, Method::GET, "/v1/payment-terms", None).await;
    assert_eq!(terms.status, 200);
    let data = terms.body["data"].as_array().unwrap();
    assert_eq!(
        data[0],
        json!({"id": "due_on_receipt", "name": "Due on receipt", "days": 0, "default": false})
    );
    let default: Vec<_> = data.iter().filter(|t| t["default"] == true).collect();
    assert_eq!(
        default,
        [&json!({"id": "net_21", "name": "Net 21", "days": 21, "default": true})]
    );

    let units = call(&app, &owner, Method::GET, "/v1/units", None).await;
    assert_eq!(units.status, 200);
    assert!(
        units.body["data"]
            .as_array()
            .unwrap()
            .contains(&json!({"id": "hour", "name": "Hour", "type": "time"}))
    );

    // Items default to the company's currency.
    let item = call(
        &app,
        &owner,
        Method::POST,
        "/v1/items",
        Some(json!({"name": "Tea", "sales_price": "2.5"})),
    )
    .await;
    assert_eq!(item.body["currency"], "EUR");
    assert_eq!(item.body["sales_price"], "2.50");
}

#[tokio::test]
async fn tax_rate_lifecycle() {
    let env = TestEnv::new();
    let owner = account(&env).await;
    let app = app(&env);
    let created = call(
        &app,
        &owner,
        Method::POST,
        "/v1/tax-rates",
        Some(json!({"name": "VAT", "rate": "20.00"})),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["rate"], "20");
    let id = created.body["id"].as_str().unwrap().to_owned();
    let uri = format!("/v1/tax-rates/{id}");

    let duplicate = call(
        &app,
        &owner,
        Method::POST,
        "/v1/tax-rates",
        Some(json!({"name": " vat ", "rate": 5})),
    )
    .await;
    assert_eq!(duplicate.status, 409);
    assert_eq!(duplicate.body["code"], "duplicate_tax_rate");
    assert_eq!(duplicate.body["existing_id"], id.as_str());

    let patched = call(
        &app,
        &owner,
        Method::PATCH,
        &uri,
        Some(json!({"rate": 17.5})),
    )
    .await;
    assert_eq!(patched.status, 200);
    assert_eq!(patched.body["rate"], "17.5");
    assert_eq!(patched.body["name"], "VAT");
    let replaced = call(
        &app,
        &owner,
        Method::PUT,
        &uri,
        Some(json!({"name": "VAT standard"})),
    )
    .await;
    assert_eq!(replaced.status, 422);
    assert_eq!(replaced.fields(), ["rate"]);

    let list = call(&app, &owner, Method::GET, "/v1/tax-rates", None).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(
        call(&app, &owner, Method::DELETE, &uri, None).await.status,
        204
    );
    // The name is free again.
    let again = call(
        &app,
        &owner,
        Method::POST,
        "/v1/tax-rates",
        Some(json!({"name": "VAT", "rate": 20})),
    )
    .await;
    assert_eq!(again.status, 201);
}

#[tokio::test]
async fn bad_ids_and_queries() {
    let env = TestEnv::new();
    let owner = account(&env).await;
    let app = app(&env);
    assert_eq!(
        call(&app, &owner, Method::GET, "/v1/items/not-a-uuid", None)
            .await
            .status,
        404
    );
    let bad = call(&app, &owner, Method::GET, "/v1/items?type=gadget", None).await;
    assert_eq!(bad.status, 400);
    let bad = call(&app, &owner, Method::GET, "/v1/items?limit=500", None).await;
    assert_eq!(bad.status, 400);
    let bad = call(&app, &owner, Method::GET, "/v1/items?cursor=forged", None).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.body["code"], "invalid_cursor");
    let bad = call_with(
        &app,
        &owner,
        Method::DELETE,
        "/v1/items/0190b1a5-7c2e-7000-8000-000000000000",
        None,
        &[("if-match", "abc")],
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.body["code"], "invalid_if_match");
}

#[test]
fn openapi_describes_every_route() {
    let (_, doc) = uome_catalogue::api().split_for_parts();
    let doc = uome_http::openapi::document([doc]);
    let paths = uome_http::openapi::mounted_paths(&doc);
    let want = [
        ("DELETE", "/v1/items/{id}"),
        ("DELETE", "/v1/tax-rates/{id}"),
        ("GET", "/v1/currencies"),
        ("GET", "/v1/items"),
        ("GET", "/v1/items/{id}"),
        ("GET", "/v1/payment-terms"),
        ("GET", "/v1/tax-rates"),
        ("GET", "/v1/tax-rates/{id}"),
        ("GET", "/v1/units"),
        ("PATCH", "/v1/items/{id}"),
        ("PATCH", "/v1/tax-rates/{id}"),
        ("POST", "/v1/items"),
        ("POST", "/v1/tax-rates"),
        ("PUT", "/v1/items/{id}"),
        ("PUT", "/v1/tax-rates/{id}"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(paths, want);
}

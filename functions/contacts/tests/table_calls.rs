//! How many Table calls each route makes (DESIGN.md's budgets: a write ≤ 2
//! sequential round trips, a read 1, a list page 1 Query), counted by a
//! wrapper around the embedded table.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use http::Method;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_testkit::TestEnv;
use uome_testkit::owner::{self, Owner};

async fn call(
    app: &Router,
    owner: &Owner,
    method: Method,
    uri: &str,
    body: Option<Value>,
) -> Value {
    let builder = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", owner.bearer());
    let request = match body {
        Some(body) => builder
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => builder.body(Body::empty()),
    }
    .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

fn counts(pairs: &[(&'static str, u64)]) -> BTreeMap<&'static str, u64> {
    pairs.iter().copied().collect()
}

#[tokio::test]
async fn each_route_costs_what_the_budget_allows() {
    let env = TestEnv::new();
    let (app, table, ctx) = env.counting_app(uome_contacts::api());
    let owner = owner::owner(&ctx, true).await;
    for i in 0..60 {
        call(
            &app,
            &owner,
            Method::POST,
            "/v1/contacts",
            Some(json!({"company_name": format!("Seed {i:02}")})),
        )
        .await;
    }
    table.take();

    let created = call(
        &app,
        &owner,
        Method::POST,
        "/v1/contacts",
        Some(json!({"company_name": "Acme", "email": "a@acme.test"})),
    )
    .await;
    let create = table.take();
    let uri = format!("/v1/contacts/{}", created["id"].as_str().unwrap());
    call(&app, &owner, Method::GET, &uri, None).await;
    let get = table.take();
    let page = call(&app, &owner, Method::GET, "/v1/contacts?limit=50", None).await;
    assert_eq!(page["data"].as_array().unwrap().len(), 50);
    let list = table.take();
    let page = call(
        &app,
        &owner,
        Method::GET,
        "/v1/contacts?limit=50&search=seed",
        None,
    )
    .await;
    assert_eq!(page["data"].as_array().unwrap().len(), 50);
    let search = table.take();
    call(
        &app,
        &owner,
        Method::PATCH,
        &uri,
        Some(json!({"notes": "n"})),
    )
    .await;
    let patch = table.take();
    call(
        &app,
        &owner,
        Method::PATCH,
        &uri,
        Some(json!({"email": "b@acme.test"})),
    )
    .await;
    let patch_email = table.take();
    call(&app, &owner, Method::DELETE, &uri, None).await;
    let delete = table.take();

    for (name, c) in [
        ("create", &create),
        ("get", &get),
        ("list", &list),
        ("search", &search),
        ("patch", &patch),
        ("patch_email", &patch_email),
        ("delete", &delete),
    ] {
        println!("{name}: {c:?}");
    }
    assert_eq!(create, counts(&[("batch_get", 1), ("transact", 1)]));
    // The contact and, beside it (one round trip), the Query of its credit
    // notes for `credit_balance`.
    assert_eq!(get, counts(&[("get", 1), ("query", 1)]));
    assert_eq!(list, counts(&[("query", 1)]));
    assert_eq!(search, counts(&[("query", 1)]));
    assert_eq!(patch, counts(&[("get", 1), ("transact", 1)]));
    // get contact; get new guard ‖ get old guard + query holders; transact.
    assert_eq!(
        patch_email,
        counts(&[("get", 3), ("query", 1), ("transact", 1)])
    );
    // get ‖ lock; refs query ‖ guard get + holders query; transact; portal revoke get.
    assert_eq!(delete, counts(&[("get", 3), ("query", 2), ("transact", 2)]));
}

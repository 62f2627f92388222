//! The client portal's contact routes (`GET /v1/portal/me`,
//! `PUT /v1/portal/address`) inside the shared stack, driven with
//! `oneshot`: a portal token issued by the owner through
//! `POST /v1/contacts/{id}/portal-token`, and the credentials that must not
//! pass in either direction.

use axum::Router;
use axum::body::Body;
use chrono::Duration;
use http::{Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::account::company::Company;
use uome_core::keys::{company_key, contact_key};
use uome_core::ports::{Condition, Item};
use uome_domain::ContactId;
use uome_testkit::TestEnv;
use uome_testkit::owner::Owner;

fn app(env: &TestEnv) -> Router {
    env.app(uome_contacts::api())
}

async fn send(app: &Router, request: http::Request<Body>) -> (StatusCode, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// A request with `authorization` (when given) and a JSON body (when given).
async fn call(
    app: &Router,
    method: Method,
    uri: &str,
    authorization: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut builder = http::Request::builder().method(method).uri(uri);
    if let Some(value) = authorization {
        builder = builder.header("authorization", value);
    }
    let request = match body {
        Some(body) => builder
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => builder.body(Body::empty()),
    }
    .unwrap();
    send(app, request).await
}

fn portal(token: &str) -> String {
    format!("Bearer {token}")
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

/// A contact with every private field set, created by the owner.
async fn contact(app: &Router, owner: &Owner) -> Value {
    let (status, body) = call(
        app,
        Method::POST,
        "/v1/contacts",
        Some(&owner.bearer()),
        Some(json!({
            "company_name": "Lovelace Analytics",
            "email": "ada@example.com",
            "phone": "+44 20 7946 0000",
            "billing_address": {
                "line1": "1 Old Road", "line2": "Suite 5", "city": "London",
                "postal_code": "N1 1AA", "country_code": "GB"
            },
            "shipping_address": {"line1": "9 Dock Lane", "city": "Leeds", "country_code": "GB"},
            "notes": "prefers email",
            "private_notes": "slow payer",
            "tags": ["vip"],
            "automatic_dunning": false,
            "payment_terms_days": 14
        })),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

/// The owner issues the contact's portal token through the existing route.
async fn issue(app: &Router, owner: &Owner, contact_id: &str) -> String {
    let (status, body) = call(
        app,
        Method::POST,
        &format!("/v1/contacts/{contact_id}/portal-token"),
        Some(&owner.bearer()),
        None,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["token"].as_str().unwrap().to_string()
}

/// The company details, written as `PUT /v1/account/company` would leave them.
async fn company(env: &TestEnv, owner: &Owner, logo_key: Option<&str>) {
    let company = Company {
        name: "Babbage & Co".into(),
        email: Some("hello@babbage.example".into()),
        phone: Some("+44 20 0000 0000".into()),
        website: Some("https://babbage.example".into()),
        address: Some(uome_domain::Address {
            line1: Some("2 Engine Row".into()),
            city: Some("London".into()),
            country_code: Some("GB".into()),
            ..Default::default()
        }),
        vat_number: Some("GB123456789".into()),
        logo_key: logo_key.map(str::to_string),
        logo_upload_id: logo_key.map(|_| "logo-upload".to_string()),
        ..Company::default()
    };
    env.ctx
        .ports
        .table
        .put(
            Item::new(company_key(&owner.account_id), &company).unwrap(),
            Condition::None,
        )
        .await
        .unwrap();
}

fn keys(object: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = object
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn me_shows_the_client_and_the_business_without_private_fields() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let logo = format!("accounts/{}/uploads/u1/logo.png", owner.account_id);
    company(&env, &owner, Some(&logo)).await;
    let created = contact(&app, &owner).await;
    let id = created["id"].as_str().unwrap();
    let token = issue(&app, &owner, id).await;

    let (status, me) = call(
        &app,
        Method::GET,
        "/v1/portal/me",
        Some(&portal(&token)),
        None,
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(keys(&me), ["business", "contact"]);
    let contact = &me["contact"];
    assert_eq!(
        keys(contact),
        [
            "billing_address",
            "display_name",
            "email",
            "id",
            "number",
            "phone",
            "shipping_address"
        ]
    );
    assert_eq!(contact["id"], id);
    assert_eq!(contact["number"], created["number"]);
    assert_eq!(contact["display_name"], "Lovelace Analytics");
    assert_eq!(contact["email"], "ada@example.com");
    assert_eq!(contact["phone"], "+44 20 7946 0000");
    assert_eq!(
        contact["billing_address"]["full_address"],
        "1 Old Road\nSuite 5\nN1 1AA London\nGB"
    );
    assert_eq!(contact["shipping_address"]["city"], "Leeds");
    for private in ["slow payer", "prefers email", "vip"] {
        assert!(!me.to_string().contains(private), "{private} leaked: {me}");
    }

    let business = &me["business"];
    assert_eq!(
        keys(business),
        ["address", "email", "logo_url", "name", "phone", "website"]
    );
    assert_eq!(business["name"], "Babbage & Co");
    assert_eq!(business["email"], "hello@babbage.example");
    assert_eq!(business["website"], "https://babbage.example");
    assert_eq!(
        business["address"]["full_address"],
        "2 Engine Row\nLondon\nGB"
    );
    assert!(
        business["logo_url"].as_str().unwrap().contains("logo.png"),
        "{business}"
    );
}

#[tokio::test]
async fn me_without_a_company_record_or_logo_has_no_logo_url() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let created = contact(&app, &owner).await;
    let token = issue(&app, &owner, created["id"].as_str().unwrap()).await;
    let (status, me) = call(
        &app,
        Method::GET,
        "/v1/portal/me",
        Some(&portal(&token)),
        None,
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["business"]["name"], "");
    assert_eq!(me["business"]["address"], Value::Null);
    assert!(me["business"].get("logo_url").is_none());
}

#[tokio::test]
async fn the_client_sets_its_addresses_and_the_owner_sees_them() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    company(&env, &owner, None).await;
    let created = contact(&app, &owner).await;
    let id = created["id"].as_str().unwrap();
    let version = created["version"].as_u64().unwrap();
    let token = issue(&app, &owner, id).await;

    // Billing only: line2 (stored, not sent) goes; shipping stays.
    let (status, me) = call(
        &app,
        Method::PUT,
        "/v1/portal/address",
        Some(&portal(&token)),
        Some(json!({
            "billing_address": {
                "line1": " 10 New Street ", "city": "Bristol",
                "postal_code": "BS1 4DJ", "country_code": "gb",
                "full_address": "ignored"
            }
        })),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        me["contact"]["billing_address"]["full_address"],
        "10 New Street\nBS1 4DJ Bristol\nGB"
    );
    assert_eq!(me["contact"]["billing_address"]["line2"], Value::Null);
    assert_eq!(me["contact"]["shipping_address"]["city"], "Leeds");
    assert_eq!(me["business"]["name"], "Babbage & Co");
    assert!(me["business"].get("logo_url").is_none());

    let uri = format!("/v1/contacts/{id}");
    let (status, seen) = call(&app, Method::GET, &uri, Some(&owner.bearer()), None).await;
    assert_eq!(status, 200);
    assert_eq!(seen["version"], version + 1);
    assert_eq!(seen["billing_address"]["line1"], "10 New Street");
    assert_eq!(seen["billing_address"]["country_code"], "GB");
    assert_eq!(seen["billing_address"]["line2"], Value::Null);
    assert_eq!(seen["shipping_address"]["city"], "Leeds");
    // Nothing else moved.
    assert_eq!(seen["private_notes"], "slow payer");
    assert_eq!(seen["tags"], json!(["vip"]));
    assert_eq!(seen["automatic_dunning"], false);
    assert_eq!(seen["payment_terms_days"], 14);

    // Both addresses.
    let (status, me) = call(
        &app,
        Method::PUT,
        "/v1/portal/address",
        Some(&portal(&token)),
        Some(json!({
            "billing_address": {"line1": "10 New Street", "city": "Bristol", "country_code": "GB"},
            "shipping_address": {"line1": "Unit 4", "line2": "Harbour Park", "country_code": "IE"}
        })),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        me["contact"]["shipping_address"]["full_address"],
        "Unit 4\nHarbour Park\nIE"
    );
    let (_, seen) = call(&app, Method::GET, &uri, Some(&owner.bearer()), None).await;
    assert_eq!(seen["version"], version + 2);
    assert_eq!(seen["shipping_address"]["country_code"], "IE");

    // The search rows carry the same contact as the contact item.
    let (status, page) = call(
        &app,
        Method::GET,
        "/v1/contacts?search=lovelace",
        Some(&owner.bearer()),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(page["data"][0]["version"], version + 2);
    assert_eq!(page["data"][0]["shipping_address"]["line1"], "Unit 4");

    // The same addresses again: nothing changes, not even the version.
    let (status, _) = call(
        &app,
        Method::PUT,
        "/v1/portal/address",
        Some(&portal(&token)),
        Some(json!({
            "billing_address": {"line1": "10 New Street", "city": "Bristol", "country_code": "GB"}
        })),
    )
    .await;
    assert_eq!(status, 200);
    let (_, seen) = call(&app, Method::GET, &uri, Some(&owner.bearer()), None).await;
    assert_eq!(seen["version"], version + 2);
}

#[tokio::test]
async fn a_bad_address_lists_every_field_and_writes_nothing() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let created = contact(&app, &owner).await;
    let id = created["id"].as_str().unwrap();
    let token = issue(&app, &owner, id).await;

    let (status, problem) = call(
        &app,
        Method::PUT,
        "/v1/portal/address",
        Some(&portal(&token)),
        Some(json!({
            "billing_address": {"line1": "  ", "city": "x".repeat(256), "country_code": "XX"},
            "shipping_address": {"city": "Leeds", "region": "bad\u{7}region"}
        })),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "validation_failed");
    let mut got = fields(&problem);
    got.sort();
    assert_eq!(
        got,
        [
            "billing_address.city",
            "billing_address.country_code",
            "billing_address.line1",
            "shipping_address.country_code",
            "shipping_address.line1",
            "shipping_address.region",
        ]
    );

    let (status, problem) = call(
        &app,
        Method::PUT,
        "/v1/portal/address",
        Some(&portal(&token)),
        Some(json!({"shipping_address": {"line1": "1 Road", "country_code": "GB"}})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(fields(&problem), ["billing_address"]);

    // Fields a client may not set through the portal are not known here.
    let (status, problem) = call(
        &app,
        Method::PUT,
        "/v1/portal/address",
        Some(&portal(&token)),
        Some(json!({
            "billing_address": {"line1": "1 Road", "country_code": "GB"},
            "private_notes": "hello"
        })),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(fields(&problem), ["private_notes"]);

    let (_, seen) = call(
        &app,
        Method::GET,
        &format!("/v1/contacts/{id}"),
        Some(&owner.bearer()),
        None,
    )
    .await;
    assert_eq!(seen["version"], created["version"]);
    assert_eq!(seen["billing_address"], created["billing_address"]);
    assert_eq!(seen["shipping_address"], created["shipping_address"]);
    assert_eq!(seen["private_notes"], "slow payer");
}

#[tokio::test]
async fn business_credentials_are_refused_on_portal_routes() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let client =
        uome_core::account::api_clients::create(&env.ctx.ports, &owner.account_id, "ci".into())
            .await
            .unwrap();
    let body = json!({"billing_address": {"line1": "1 Road", "country_code": "GB"}});
    for (method, uri, body) in [
        (Method::GET, "/v1/portal/me", None),
        (Method::PUT, "/v1/portal/address", Some(body)),
    ] {
        let (status, problem) = call(
            &app,
            method.clone(),
            uri,
            Some(&owner.bearer()),
            body.clone(),
        )
        .await;
        assert_eq!(status, 403, "{uri}: {problem}");
        assert_eq!(problem["code"], "forbidden");

        let mut builder = http::Request::builder()
            .method(method.clone())
            .uri(uri)
            .header("x-client-id", &client.client.client_id)
            .header("x-client-secret", &client.client_secret);
        if body.is_some() {
            builder = builder.header("content-type", "application/json");
        }
        let request = builder
            .body(Body::from(
                body.clone().map(|b| b.to_string()).unwrap_or_default(),
            ))
            .unwrap();
        let (status, problem) = send(&app, request).await;
        assert_eq!(status, 403, "{uri}: {problem}");
        assert_eq!(problem["code"], "forbidden");

        let (status, problem) = call(&app, method, uri, None, body).await;
        assert_eq!(status, 401, "{uri}: {problem}");
        assert_eq!(problem["code"], "unauthorized");
    }
}

#[tokio::test]
async fn a_portal_token_is_refused_on_business_routes() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let created = contact(&app, &owner).await;
    let id = created["id"].as_str().unwrap();
    let token = issue(&app, &owner, id).await;
    let auth = portal(&token);
    let contact_uri = format!("/v1/contacts/{id}");
    let token_uri = format!("/v1/contacts/{id}/portal-token");
    let cases = [
        (Method::GET, "/v1/contacts".to_string(), None),
        (
            Method::POST,
            "/v1/contacts".to_string(),
            Some(json!({"company_name": "Mine"})),
        ),
        (Method::GET, contact_uri.clone(), None),
        (
            Method::PATCH,
            contact_uri.clone(),
            Some(json!({"private_notes": "none"})),
        ),
        (Method::DELETE, contact_uri.clone(), None),
        (Method::POST, token_uri.clone(), None),
        (Method::DELETE, token_uri, None),
    ];
    for (method, uri, body) in cases {
        let (status, problem) = call(&app, method.clone(), &uri, Some(&auth), body).await;
        assert_eq!(status, 403, "{method} {uri}: {problem}");
        assert_eq!(problem["code"], "forbidden");
    }
    let (_, seen) = call(&app, Method::GET, &contact_uri, Some(&owner.bearer()), None).await;
    assert_eq!(seen["version"], created["version"]);
    // The token still works where it belongs.
    let (status, _) = call(&app, Method::GET, "/v1/portal/me", Some(&auth), None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn revoked_replaced_and_expired_tokens_are_401() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let created = contact(&app, &owner).await;
    let id = created["id"].as_str().unwrap();

    let first = issue(&app, &owner, id).await;
    let second = issue(&app, &owner, id).await;
    let (status, problem) = call(
        &app,
        Method::GET,
        "/v1/portal/me",
        Some(&portal(&first)),
        None,
    )
    .await;
    assert_eq!(status, 401, "a replaced token: {problem}");
    assert_eq!(problem["code"], "invalid_token");
    let (status, _) = call(
        &app,
        Method::GET,
        "/v1/portal/me",
        Some(&portal(&second)),
        None,
    )
    .await;
    assert_eq!(status, 200);

    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/v1/contacts/{id}/portal-token"),
        Some(&owner.bearer()),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let body = json!({"billing_address": {"line1": "1 Road", "country_code": "GB"}});
    for (method, uri, body) in [
        (Method::GET, "/v1/portal/me", None),
        (Method::PUT, "/v1/portal/address", Some(body)),
    ] {
        let (status, problem) = call(&app, method, uri, Some(&portal(&second)), body).await;
        assert_eq!(status, 401, "{uri}: {problem}");
        assert_eq!(problem["code"], "invalid_token");
    }

    // Nor does a dead token pass on the business routes.
    let (status, problem) = call(
        &app,
        Method::GET,
        "/v1/contacts",
        Some(&portal(&second)),
        None,
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(problem["code"], "invalid_token");

    let third = issue(&app, &owner, id).await;
    env.clock.advance(Duration::days(30) + Duration::seconds(1));
    let (status, problem) = call(
        &app,
        Method::GET,
        "/v1/portal/me",
        Some(&portal(&third)),
        None,
    )
    .await;
    assert_eq!(status, 401, "an expired token: {problem}");
    assert_eq!(problem["code"], "invalid_token");
}

#[tokio::test]
async fn an_archived_contact_keeps_its_portal() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let created = contact(&app, &owner).await;
    let id = created["id"].as_str().unwrap();
    let token = issue(&app, &owner, id).await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/v1/contacts/{id}/archive"),
        Some(&owner.bearer()),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let (status, me) = call(
        &app,
        Method::PUT,
        "/v1/portal/address",
        Some(&portal(&token)),
        Some(json!({"billing_address": {"line1": "7 Quiet Close", "country_code": "GB"}})),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    let (_, seen) = call(
        &app,
        Method::GET,
        &format!("/v1/contacts/{id}"),
        Some(&owner.bearer()),
        None,
    )
    .await;
    assert_eq!(seen["archived"], true);
    assert_eq!(seen["billing_address"]["line1"], "7 Quiet Close");
}

#[tokio::test]
async fn a_token_of_a_deleted_contact_is_401() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;

    // Through the route: the delete revokes the token too.
    let created = contact(&app, &owner).await;
    let id = created["id"].as_str().unwrap();
    let token = issue(&app, &owner, id).await;
    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/v1/contacts/{id}"),
        Some(&owner.bearer()),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, problem) = call(
        &app,
        Method::GET,
        "/v1/portal/me",
        Some(&portal(&token)),
        None,
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(problem["code"], "invalid_token");

    // A token that outlived its contact (the revoke after a delete failed):
    // the use cases refuse it themselves, and write nothing.
    let created = contact(&app, &owner).await;
    let id = created["id"].as_str().unwrap();
    let token = issue(&app, &owner, id).await;
    env.ctx
        .ports
        .table
        .delete(
            &contact_key(&owner.account_id, &ContactId::from(id)),
            Condition::None,
        )
        .await
        .unwrap();
    let body = json!({"billing_address": {"line1": "1 Road", "country_code": "GB"}});
    for (method, uri, body) in [
        (Method::GET, "/v1/portal/me", None),
        (Method::PUT, "/v1/portal/address", Some(body)),
    ] {
        let (status, problem) = call(&app, method, uri, Some(&portal(&token)), body).await;
        assert_eq!(status, 401, "{uri}: {problem}");
        assert_eq!(problem["code"], "invalid_token");
    }
    assert!(
        env.ctx
            .ports
            .table
            .get(&contact_key(&owner.account_id, &ContactId::from(id)))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portal_write_racing_the_owner_loses_nothing() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let created = contact(&app, &owner).await;
    let id = created["id"].as_str().unwrap();
    let version = created["version"].as_u64().unwrap();
    let token = issue(&app, &owner, id).await;
    let uri = format!("/v1/contacts/{id}");

    // The client holds no version: its writes retry until they land, while
    // the owner's unconditional patches do the same.
    let mut writes = tokio::task::JoinSet::new();
    for i in 0..5 {
        let (client_app, auth) = (app.clone(), portal(&token));
        writes.spawn(async move {
            let line1 = format!("{i} Race Road");
            let body = json!({"billing_address": {"line1": line1, "country_code": "GB"}});
            let uri = "/v1/portal/address";
            call(&client_app, Method::PUT, uri, Some(&auth), Some(body)).await
        });
        let (owner_app, auth, uri) = (app.clone(), owner.bearer(), uri.clone());
        writes.spawn(async move {
            let body = json!({"notes": format!("note {i}")});
            call(&owner_app, Method::PATCH, &uri, Some(&auth), Some(body)).await
        });
    }
    while let Some(answer) = writes.join_next().await {
        let (status, body) = answer.unwrap();
        assert_eq!(status, 200, "{body}");
    }
    let (_, seen) = call(&app, Method::GET, &uri, Some(&owner.bearer()), None).await;
    assert_eq!(seen["version"], version + 10);
    assert!(
        seen["billing_address"]["line1"]
            .as_str()
            .unwrap()
            .ends_with("Race Road")
    );
    assert!(seen["notes"].as_str().unwrap().starts_with("note "));
}

#[tokio::test]
async fn portal_routes_cost_one_read_or_two_round_trips() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let (app, counting, _) = env.counting_app(uome_contacts::api());
    company(&env, &owner, None).await;
    let created = contact(&app, &owner).await;
    let token = issue(&app, &owner, created["id"].as_str().unwrap()).await;
    let auth = portal(&token);
    // The credentials check reads the token through the context's own
    // verifier, outside this count (one get by hash per request).
    counting.take();

    let (status, _) = call(&app, Method::GET, "/v1/portal/me", Some(&auth), None).await;
    assert_eq!(status, 200);
    let calls = counting.take();
    // One batch read of the contact and the company.
    assert_eq!(calls.get("batch_get"), Some(&1), "{calls:?}");
    assert_eq!(calls.values().sum::<u64>(), 1, "{calls:?}");

    let (status, _) = call(
        &app,
        Method::PUT,
        "/v1/portal/address",
        Some(&auth),
        Some(json!({"billing_address": {"line1": "5 Counted Way", "country_code": "GB"}})),
    )
    .await;
    assert_eq!(status, 200);
    let calls = counting.take();
    // The contact and, concurrently, the company; then one transaction.
    assert_eq!(calls.get("get"), Some(&2), "{calls:?}");
    assert_eq!(calls.get("transact"), Some(&1), "{calls:?}");
    assert_eq!(calls.values().sum::<u64>(), 3, "{calls:?}");
}

#[test]
fn the_openapi_document_describes_the_portal_routes() {
    let (_, api) = uome_contacts::api().split_for_parts();
    let doc = serde_json::to_value(&api).unwrap();
    let me = &doc["paths"]["/v1/portal/me"]["get"];
    assert_eq!(me["tags"], json!(["portal"]));
    assert!(me["responses"]["403"].is_object());
    let put = &doc["paths"]["/v1/portal/address"]["put"];
    assert!(put["responses"]["422"].is_object());
    let schema = &doc["components"]["schemas"]["PortalAddressBody"];
    assert_eq!(schema["required"], json!(["billing_address"]));
    let contact = &doc["components"]["schemas"]["PortalContactResponse"]["properties"];
    assert!(contact.get("private_notes").is_none());
}

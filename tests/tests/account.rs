//! Black-box tests of the account function over HTTP against the local
//! server: settings round trips, API-client credentials, portal tokens,
//! uploads through presigned URLs, and isolation between accounts.

use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};
use uome_core::keys::{account_item, user_key};
use uome_core::ports::{Condition, Item};
use uome_domain::ContactId;
use uome_http::{CredentialVerifier, Principal, Role, TableCredentials};
use uome_tests::server::{TestAccount, TestServer};

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// `server.account(true)` plus the user and company items sign-up writes.
async fn account(t: &TestServer, email: &str, company: &str) -> TestAccount {
    let a = t.account(true).await;
    let now = t.server.ctx.now();
    let user = json!({
        "id": a.user_id, "account_id": a.account_id, "email": email,
        "first_name": "Ada", "last_name": "Lovelace", "phone": null, "address": null,
        "email_verified": true, "created_at": now, "updated_at": now, "version": 1
    });
    let table = &t.server.ctx.ports.table;
    table
        .put(
            Item::new(user_key(&a.account_id, &a.user_id), &user).unwrap(),
            Condition::NotExists,
        )
        .await
        .unwrap();
    table
        .put(
            Item::new(
                account_item(&a.account_id, "COMPANY"),
                &json!({"name": company}),
            )
            .unwrap(),
            Condition::NotExists,
        )
        .await
        .unwrap();
    a
}

fn owner(t: &TestServer, a: &TestAccount, method: Method, path: &str) -> RequestBuilder {
    t.client
        .request(method, t.url(path))
        .header("authorization", a.bearer())
}

async fn json_of(response: reqwest::Response, status: u16) -> Value {
    let got = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(got.as_u16(), status, "{body}");
    body
}

#[tokio::test]
async fn every_settings_route_round_trips() {
    let t = TestServer::start().await;
    let a = account(&t, "ada@example.com", "Engines Ltd").await;

    let profile = json_of(
        owner(&t, &a, Method::GET, "/v1/account/profile")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(profile["email"], "ada@example.com");
    let body = json!({"first_name": "Ada", "last_name": "King", "phone": "+44 20 7946 0958",
                      "address": {"line1": "1 High Street", "city": "London", "country_code": "GB"}});
    let put = owner(&t, &a, Method::PUT, "/v1/account/profile")
        .header("if-match", profile["version"].to_string())
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(put.headers()["etag"], "\"2\"");
    let saved = json_of(put, 200).await;
    let read = json_of(
        owner(&t, &a, Method::GET, "/v1/account/profile")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(read, saved);
    assert_eq!(read["last_name"], "King");

    let company = json_of(
        owner(&t, &a, Method::GET, "/v1/account/company")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(company["name"], "Engines Ltd");
    assert_eq!(company["default_currency"], "GBP");
    let body = json!({"name": "Engines Ltd", "vat_number": "GB123456789", "default_currency": "USD",
                      "timezone": "America/New_York", "version": company["version"]});
    let saved = json_of(
        owner(&t, &a, Method::PUT, "/v1/account/company")
            .json(&body)
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let read = json_of(
        owner(&t, &a, Method::GET, "/v1/account/company")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(read, saved);
    assert_eq!(read["timezone"], "America/New_York");
    let bad = json!({"name": "x", "default_currency": "ABC", "timezone": "Atlantis/Capital"});
    let problem = json_of(
        owner(&t, &a, Method::PUT, "/v1/account/company")
            .json(&bad)
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2);

    let body = json!({"account_name": "Engines Ltd", "sort_code": "12-34-56", "account_number": "12345678",
                      "institution": "Bank", "iban": "DE89370400440532013000", "bic": "DEUTDEFF"});
    let saved = json_of(
        owner(&t, &a, Method::PUT, "/v1/account/bank")
            .json(&body)
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let read = json_of(
        owner(&t, &a, Method::GET, "/v1/account/bank")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(read, saved);
    assert_eq!(read["account_number"], "****5678");
    assert_eq!(read["iban"], "******************3000");

    let body = json!({"default_payment_terms_days": 7, "numbering": {"padding": 5},
                      "reminders": {"levels": [2, 9]}});
    let saved = json_of(
        owner(&t, &a, Method::PUT, "/v1/account/settings")
            .json(&body)
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let read = json_of(
        owner(&t, &a, Method::GET, "/v1/account/settings")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(read, saved);
    assert_eq!(read["numbering"]["padding"], 5);
    assert_eq!(read["reminders"]["levels"], json!([2, 9]));
    assert_eq!(read["reminders"]["before_due_days"], 3);

    // A stale version changes nothing.
    let stale = json!({"default_payment_terms_days": 60, "version": 0});
    let problem = json_of(
        owner(&t, &a, Method::PUT, "/v1/account/settings")
            .json(&stale)
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
    assert_eq!(problem["code"], "version_conflict");
    let read = json_of(
        owner(&t, &a, Method::GET, "/v1/account/settings")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(read["default_payment_terms_days"], 7);
}

#[tokio::test]
async fn purchase_orders_status_flips_the_flag() {
    let t = TestServer::start().await;
    let a = account(&t, "ada@example.com", "Engines Ltd").await;
    for (status, enabled) in [("A", true), ("I", false), ("A", true)] {
        let body = json_of(
            owner(&t, &a, Method::PUT, "/v1/account/settings/purchase-orders")
                .json(&json!({"status": status}))
                .send()
                .await
                .unwrap(),
            200,
        )
        .await;
        assert_eq!(body["purchase_orders_enabled"], enabled);
        let read = json_of(
            owner(&t, &a, Method::GET, "/v1/account/settings")
                .send()
                .await
                .unwrap(),
            200,
        )
        .await;
        assert_eq!(read["purchase_orders_enabled"], enabled);
    }
}

#[tokio::test]
async fn api_clients_authenticate_until_deleted() {
    let t = TestServer::start().await;
    let a = account(&t, "ada@example.com", "Engines Ltd").await;
    let created = json_of(
        owner(&t, &a, Method::POST, "/v1/account/api-clients")
            .json(&json!({"name": "Warehouse"}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let id = created["client_id"].as_str().unwrap().to_string();
    let secret = created["client_secret"].as_str().unwrap().to_string();

    for (id_header, secret_header) in [
        ("X-Client-Id", "X-Client-Secret"),
        ("api_key", "api_secret"),
    ] {
        let response = t
            .client
            .get(t.url("/v1/account/profile"))
            .header(id_header, &id)
            .header(secret_header, &secret)
            .send()
            .await
            .unwrap();
        let profile = json_of(response, 200).await;
        assert_eq!(profile["email"], "ada@example.com");
    }

    let as_client = |method: Method, path: &str| {
        t.client
            .request(method, t.url(path))
            .header("x-client-id", &id)
            .header("x-client-secret", &secret)
    };
    let problem = json_of(
        as_client(Method::POST, "/v1/account/api-clients")
            .json(&json!({"name": "Mine"}))
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    assert_eq!(problem["code"], "forbidden");

    let wrong = t
        .client
        .get(t.url("/v1/account/profile"))
        .header("x-client-id", &id)
        .header("x-client-secret", format!("{secret}x"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

    let list = json_of(
        owner(&t, &a, Method::GET, "/v1/account/api-clients")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(list["data"][0]["client_id"], id.as_str());
    assert!(list["data"][0].get("client_secret").is_none());
    assert!(list["data"][0].get("secret_hash").is_none());

    let deleted = owner(
        &t,
        &a,
        Method::DELETE,
        &format!("/v1/account/api-clients/{id}"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let after = as_client(Method::GET, "/v1/account/profile")
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
}

async fn upload_avatar(t: &TestServer, a: &TestAccount) -> String {
    let upload = json_of(
        owner(t, a, Method::POST, "/v1/account/avatar/upload-url")
            .json(&json!({"file_name": "me.png", "content_type": "image/png", "size_bytes": PNG.len()}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let mut put = t
        .client
        .put(upload["url"].as_str().unwrap())
        .body(PNG.to_vec());
    for (name, value) in upload["headers"].as_object().unwrap() {
        put = put.header(name, value.as_str().unwrap());
    }
    assert!(put.send().await.unwrap().status().is_success());
    upload["upload_id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn avatar_through_the_presigned_url() {
    let t = TestServer::start().await;
    let a = account(&t, "ada@example.com", "Engines Ltd").await;
    let upload_id = upload_avatar(&t, &a).await;
    let profile = json_of(
        owner(&t, &a, Method::PUT, "/v1/account/avatar")
            .json(&json!({"upload_id": upload_id}))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let url = profile["avatar_url"].as_str().unwrap();
    let bytes = t
        .client
        .get(url)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.as_ref(), PNG);
}

#[tokio::test]
async fn accounts_never_see_each_other() {
    let t = TestServer::start().await;
    let a = account(&t, "ada@example.com", "Engines Ltd").await;
    let b = account(&t, "bob@example.com", "Bob's Bikes").await;

    json_of(
        owner(&t, &a, Method::PUT, "/v1/account/settings")
            .json(&json!({"purchase_orders_enabled": true, "numbering": {"invoice_prefix": "A-"}}))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let b_settings = json_of(
        owner(&t, &b, Method::GET, "/v1/account/settings")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(b_settings["purchase_orders_enabled"], false);
    assert_eq!(b_settings["numbering"]["invoice_prefix"], "INV-");
    assert_eq!(b_settings["version"], 0);
    let b_company = json_of(
        owner(&t, &b, Method::GET, "/v1/account/company")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(b_company["name"], "Bob's Bikes");

    // A's upload is unknown to B: a bad field of B's request.
    let upload_id = upload_avatar(&t, &a).await;
    let problem = json_of(
        owner(&t, &b, Method::PUT, "/v1/account/avatar")
            .json(&json!({"upload_id": upload_id}))
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "upload_id");
    let problem = json_of(
        owner(&t, &b, Method::PUT, "/v1/account/company")
            .json(&json!({"name": "Bob's Bikes", "logo_upload_id": upload_id}))
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "logo_upload_id");

    // A's API client is unknown to B, and B's list is empty.
    let created = json_of(
        owner(&t, &a, Method::POST, "/v1/account/api-clients")
            .json(&json!({"name": "A's"}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let id = created["id"].as_str().unwrap();
    let response = owner(
        &t,
        &b,
        Method::DELETE,
        &format!("/v1/account/api-clients/{id}"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let b_list = json_of(
        owner(&t, &b, Method::GET, "/v1/account/api-clients")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(b_list["data"], json!([]));
    // ...and its credentials act on A only.
    let response = t
        .client
        .get(t.url("/v1/account/settings"))
        .header("x-client-id", id)
        .header(
            "x-client-secret",
            created["client_secret"].as_str().unwrap(),
        )
        .send()
        .await
        .unwrap();
    let settings = json_of(response, 200).await;
    assert_eq!(settings["numbering"]["invoice_prefix"], "A-");
}

#[tokio::test]
async fn portal_tokens_verify_as_clients_and_cannot_use_business_routes() {
    let t = TestServer::start().await;
    let a = account(&t, "ada@example.com", "Engines Ltd").await;
    let ports = &t.server.ctx.ports;
    let issued = uome_core::portal::issue(ports, &a.account_id, &ContactId::from("contact-42"))
        .await
        .unwrap();

    let verifier = TableCredentials::new(ports.clone());
    assert_eq!(
        verifier.verify_portal_token(&issued.token).await.unwrap(),
        Some(Principal {
            account_id: a.account_id.clone(),
            subject: "contact-42".into(),
            role: Role::Client,
        })
    );
    assert_eq!(
        verifier.verify_portal_token("not-a-token").await.unwrap(),
        None
    );
    assert_eq!(
        verifier
            .verify_api_client("nobody", "nothing")
            .await
            .unwrap(),
        None
    );

    let response = t
        .client
        .get(t.url("/v1/account/profile"))
        .bearer_auth(&issued.token)
        .send()
        .await
        .unwrap();
    let problem = json_of(response, 403).await;
    assert_eq!(problem["code"], "forbidden");

    uome_core::portal::revoke(ports, &a.account_id, &ContactId::from("contact-42"))
        .await
        .unwrap();
    assert_eq!(
        verifier.verify_portal_token(&issued.token).await.unwrap(),
        None
    );
    let response = t
        .client
        .get(t.url("/v1/account/profile"))
        .bearer_auth(&issued.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

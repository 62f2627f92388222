//! Contacts over real HTTP against the local server: every route, the
//! validation answers, versions, search, pagination, tenant isolation and
//! portal tokens.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

async fn call(
    t: &TestServer,
    who: &TestAccount,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = t
        .client
        .request(method, t.url(path))
        .header("authorization", who.bearer());
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn create(t: &TestServer, who: &TestAccount, body: Value) -> Value {
    let (status, contact) = call(t, who, Method::POST, "/v1/contacts", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    contact
}

fn id(contact: &Value) -> String {
    contact["id"].as_str().unwrap().to_string()
}

fn fields(problem: &Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("{problem}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn every_route_answers() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let c = create(
        &t,
        &a,
        json!({
            "type": "company", "company_name": "Acme Ltd", "email": "hello@acme.test",
            "roles": ["customer", "vendor"], "status": "lead", "currency": "gbp",
            "language": "EN", "payment_terms_days": 30, "tags": ["VIP"],
            "billing_address": {"line1": "1 High St", "city": "London", "postal_code": "SW1A 1AA", "country_code": "gb"},
            "contact_persons": [{"first_name": "Jo", "last_name": "Bloggs", "salutation": "Mr", "email": "jo@acme.test"}]
        }),
    )
    .await;
    assert_eq!(c["number"], "CUS-0001");
    assert_eq!(c["currency"], "GBP");
    assert_eq!(c["language"], "en");
    assert_eq!(c["roles"], json!(["customer", "vendor"]));
    assert_eq!(c["billing_address"]["country_code"], "GB");
    let path = format!("/v1/contacts/{}", id(&c));

    let (status, got) = call(&t, &a, Method::GET, &path, None).await;
    assert_eq!(
        got["credit_balance"],
        json!({}),
        "a read says the open credit"
    );
    let got = without_credit(got);
    assert_eq!((status, &got), (StatusCode::OK, &c));
    let (status, list) = call(
        &t,
        &a,
        Method::GET,
        "/v1/contacts?search=acm&role=vendor&status=lead&tag=vip",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["data"][0]["id"], c["id"]);
    assert_eq!(list["next_cursor"], Value::Null);

    let mut body = got.clone();
    body["phone"] = json!("+44 20 7946 0958");
    for field in ["id", "display_name", "created_at", "updated_at"] {
        body.as_object_mut().unwrap().remove(field);
    }
    let (status, put) = call(&t, &a, Method::PUT, &path, Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{put}");
    assert_eq!(put["version"], 2);
    assert_eq!(
        put["contact_persons"][0]["id"],
        c["contact_persons"][0]["id"]
    );
    let (status, patched) = call(
        &t,
        &a,
        Method::PATCH,
        &path,
        Some(json!({"notes": "Pays on time", "version": 2})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{patched}");
    assert_eq!(patched["version"], 3);
    assert_eq!(patched["phone"], "+44 20 7946 0958");

    let (status, archived) = call(&t, &a, Method::POST, &format!("{path}/archive"), None).await;
    assert_eq!(
        (status, &archived["archived"]),
        (StatusCode::OK, &json!(true))
    );
    let (status, active) = call(&t, &a, Method::POST, &format!("{path}/unarchive"), None).await;
    assert_eq!(
        (status, &active["archived"]),
        (StatusCode::OK, &json!(false))
    );
    let (status, archived) = call(
        &t,
        &a,
        Method::PATCH,
        &path,
        Some(json!({"archived": true})),
    )
    .await;
    assert_eq!(
        (status, &archived["archived"]),
        (StatusCode::OK, &json!(true))
    );

    let (status, token) = call(&t, &a, Method::POST, &format!("{path}/portal-token"), None).await;
    assert_eq!(status, StatusCode::CREATED, "{token}");
    let (status, _) = call(
        &t,
        &a,
        Method::DELETE,
        &format!("{path}/portal-token"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    let (status, _) = call(&t, &a, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, problem) = call(&t, &a, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(problem["code"], "not_found");
}

#[tokio::test]
async fn every_bad_field_is_a_422_entry() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let (status, problem) = call(
        &t,
        &a,
        Method::POST,
        "/v1/contacts",
        Some(json!({
            "type": "person",
            "first_name": "Ada",
            "email": "ada@@example",
            "billing_address": {"country_code": "ZZ"},
            "shipping_address": {"city": "x".repeat(256)},
            "currency": "ABC",
            "language": "xx",
            "payment_terms_days": -5,
            "tags": (0..51).map(|i| format!("t{i}")).collect::<Vec<_>>(),
            "salutation": "sir",
            "contact_persons": [{"email": "bad"}],
        })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "validation_failed");
    assert_eq!(
        fields(&problem),
        [
            "last_name",
            "salutation",
            "email",
            "billing_address.country_code",
            "shipping_address.city",
            "contact_persons[0].last_name",
            "contact_persons[0].email",
            "currency",
            "language",
            "payment_terms_days",
            "tags",
        ]
    );
    let (status, problem) = call(
        &t,
        &a,
        Method::POST,
        "/v1/contacts",
        Some(json!({"type": "company", "email": "a@b.co"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&problem), ["company_name"]);
    let (status, problem) = call(
        &t,
        &a,
        Method::POST,
        "/v1/contacts",
        Some(json!({"company_name": "X", "is_admin": true})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&problem), ["is_admin"]);
    let (status, problem) = call(
        &t,
        &a,
        Method::POST,
        "/v1/contacts",
        Some(json!({"company_name": "X", "roles": ["customer", "customer"], "tags": ["a", "A"]})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&problem), ["roles[1]", "tags[1]"]);
    // Nothing was written by any of them.
    let (_, list) = call(&t, &a, Method::GET, "/v1/contacts", None).await;
    assert_eq!(list["data"], json!([]));
}

#[tokio::test]
async fn a_stale_version_is_a_409() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let c = create(&t, &a, json!({"company_name": "Versioned"})).await;
    let path = format!("/v1/contacts/{}", id(&c));
    let (status, _) = call(&t, &a, Method::PATCH, &path, Some(json!({"notes": "one"}))).await;
    assert_eq!(status, StatusCode::OK);
    let response = t
        .client
        .patch(t.url(&path))
        .header("authorization", a.bearer())
        .header("if-match", "1")
        .json(&json!({"notes": "two"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["code"], "version_conflict");
    let (status, problem) = call(
        &t,
        &a,
        Method::PUT,
        &path,
        Some(json!({"company_name": "V", "version": 1})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "version_conflict");
    let response = t
        .client
        .delete(t.url(&path))
        .header("authorization", a.bearer())
        .header("if-match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn odd_searches_answer_normally() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let z = create(
        &t,
        &a,
        json!({"first_name": "Zoë", "last_name": "Çelik", "email": "zoe@example.com"}),
    )
    .await;
    create(&t, &a, json!({"company_name": "北京商贸有限公司"})).await;
    let search = |s: &str| {
        let t = &t;
        let a = &a;
        let s = s.to_string();
        async move {
            let response = t
                .client
                .get(t.url("/v1/contacts"))
                .query(&[("search", s.as_str())])
                .header("authorization", a.bearer())
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "search {s:?}");
            let body: Value = response.json().await.unwrap();
            body["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["display_name"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(search("ZOË").await, ["Zoë Çelik"]);
    assert_eq!(search("çel").await, ["Zoë Çelik"]);
    assert_eq!(search("ZOE@").await, ["Zoë Çelik"]);
    assert_eq!(search("北京").await, ["北京商贸有限公司"]);
    assert_eq!(search("cus-0002").await, ["北京商贸有限公司"]);
    assert!(search(&"é".repeat(1000)).await.is_empty());
    assert!(search("' OR 1=1 --").await.is_empty());
    assert!(search("\"; DROP TABLE items; --").await.is_empty());
    assert!(search("%_*").await.is_empty());
    assert_eq!(search("   ").await.len(), 2);
    let _ = z;
}

#[tokio::test]
async fn pages_of_50_list_120_contacts_each_once() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let mut created = BTreeSet::new();
    for i in 0..120 {
        let c = create(
            &t,
            &a,
            json!({"company_name": format!("Company {:03}", (i * 37) % 120)}),
        )
        .await;
        created.insert(id(&c));
    }
    let mut seen = BTreeSet::new();
    let mut names = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut path = "/v1/contacts?limit=50".to_string();
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let (status, page) = call(&t, &a, Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        pages += 1;
        let data = page["data"].as_array().unwrap();
        assert!(data.len() <= 50);
        for c in data {
            assert!(seen.insert(id(c)), "listed twice");
            names.push(c["display_name"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, created);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "listed by name");
    // A cursor is bound to its list: another filter refuses it.
    let (_, first) = call(&t, &a, Method::GET, "/v1/contacts?limit=50", None).await;
    let next = first["next_cursor"].as_str().unwrap();
    let (status, problem) = call(
        &t,
        &a,
        Method::GET,
        &format!("/v1/contacts?limit=50&tag=x&cursor={next}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["code"], "invalid_cursor");
}

#[tokio::test]
async fn another_accounts_contacts_are_invisible() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let b = t.account(true).await;
    let mine = create(
        &t,
        &a,
        json!({"company_name": "Secret Supplier", "email": "secret@supplier.test", "tags": ["s"]}),
    )
    .await;
    create(&t, &b, json!({"company_name": "B's own"})).await;
    let path = format!("/v1/contacts/{}", id(&mine));
    let attempts: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, path.clone(), None),
        (
            Method::PUT,
            path.clone(),
            Some(json!({"company_name": "Mine now"})),
        ),
        (
            Method::PATCH,
            path.clone(),
            Some(json!({"company_name": "Mine now"})),
        ),
        (Method::POST, format!("{path}/archive"), None),
        (Method::POST, format!("{path}/unarchive"), None),
        (Method::POST, format!("{path}/portal-token"), None),
        (
            Method::POST,
            format!("{path}/portal-token?email=true"),
            None,
        ),
        (Method::DELETE, format!("{path}/portal-token"), None),
        (Method::DELETE, path.clone(), None),
    ];
    for (method, p, body) in attempts {
        let (status, problem) = call(&t, &b, method.clone(), &p, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {p}: {problem}");
        assert_eq!(problem["code"], "not_found");
    }
    for query in [
        "",
        "?search=secret",
        "?search=cus-0001",
        "?tag=s",
        "?archived=true",
        "?role=customer",
    ] {
        let (status, list) = call(&t, &b, Method::GET, &format!("/v1/contacts{query}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            list["data"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["display_name"] != "Secret Supplier"),
            "{query}: {list}"
        );
    }
    // B may use the same email and number space freely.
    create(
        &t,
        &b,
        json!({"company_name": "Other", "email": "secret@supplier.test", "number": "CUS-0001-B"}),
    )
    .await;
    // And A's contact is untouched.
    let (status, still) = call(&t, &a, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(without_credit(still), mine);
}

#[tokio::test]
async fn portal_tokens_are_issued_emailed_and_revoked() {
    let t = TestServer::start().await;
    let unverified = t.account(false).await;
    let verified = t.account(true).await;
    let body = json!({"first_name": "Pat", "last_name": "Client", "email": "pat@client.test"});
    let u = create(&t, &unverified, body.clone()).await;
    let v = create(&t, &verified, body).await;

    let (status, problem) = call(
        &t,
        &unverified,
        Method::POST,
        &format!("/v1/contacts/{}/portal-token?email=true", id(&u)),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(problem["code"], "email_unverified");

    let (status, issued) = call(
        &t,
        &verified,
        Method::POST,
        &format!("/v1/contacts/{}/portal-token?email=true", id(&v)),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let token = issued["token"].as_str().unwrap().to_string();
    let url = issued["url"].as_str().unwrap();
    assert!(url.contains("/portal?token="), "{url}");
    let outbox: Value = t
        .client
        .get(t.url("/_local/outbox"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mail = outbox
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"] == json!(["pat@client.test"]))
        .unwrap_or_else(|| panic!("{outbox}"));
    assert!(
        mail["text"]
            .as_str()
            .unwrap()
            .contains(&format!("/portal?token={token}"))
    );

    let ctx = &t.server.ctx;
    let record = uome_core::portal::verify(&ctx.ports, &token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.contact_id, id(&v));
    // A new token replaces the old one.
    let (_, again) = call(
        &t,
        &verified,
        Method::POST,
        &format!("/v1/contacts/{}/portal-token", id(&v)),
        None,
    )
    .await;
    assert!(
        uome_core::portal::verify(&ctx.ports, &token)
            .await
            .unwrap()
            .is_none()
    );
    let token = again["token"].as_str().unwrap().to_string();
    let (status, _) = call(
        &t,
        &verified,
        Method::DELETE,
        &format!("/v1/contacts/{}/portal-token", id(&v)),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(
        uome_core::portal::verify(&ctx.ports, &token)
            .await
            .unwrap()
            .is_none()
    );
}

/// A contact as read, less the `credit_balance` only reads carry.
fn without_credit(mut contact: Value) -> Value {
    if let Some(fields) = contact.as_object_mut() {
        fields.remove("credit_balance");
    }
    contact
}

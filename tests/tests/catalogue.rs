//! Black-box tests of the catalogue over HTTP against the local server (the
//! catalogue use cases on DynamoDB are in `uome-aws-tests`).

use reqwest::Method;
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

struct Answer {
    status: u16,
    body: Value,
    etag: Option<String>,
}

async fn send(
    t: &TestServer,
    who: &TestAccount,
    method: Method,
    path: &str,
    body: Option<Value>,
    if_match: Option<&str>,
) -> Answer {
    let mut request = t
        .client
        .request(method, t.url(path))
        .header("authorization", who.bearer());
    if let Some(body) = body {
        request = request.json(&body);
    }
    if let Some(version) = if_match {
        request = request.header("if-match", version);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    if status >= 400 {
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
    let etag = response
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.json().await.unwrap_or(Value::Null);
    Answer { status, body, etag }
}

async fn get(t: &TestServer, who: &TestAccount, path: &str) -> Answer {
    send(t, who, Method::GET, path, None, None).await
}

async fn post(t: &TestServer, who: &TestAccount, path: &str, body: Value) -> Answer {
    send(t, who, Method::POST, path, Some(body), None).await
}

fn fields(answer: &Answer) -> Vec<String> {
    let mut fields: Vec<String> = answer.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    fields.sort();
    fields
}

fn names(answer: &Answer) -> Vec<String> {
    answer.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn every_route_works_for_its_account() {
    let t = TestServer::start().await;
    let me = t.account(true).await;

    let vat = post(
        &t,
        &me,
        "/v1/tax-rates",
        json!({"name": "VAT 20%", "rate": 20}),
    )
    .await;
    assert_eq!(vat.status, 201, "{}", vat.body);
    let vat_id = vat.body["id"].as_str().unwrap().to_owned();

    let item = post(
        &t,
        &me,
        "/v1/items",
        json!({"type": "product", "name": "Nintendo Wii", "sales_price": 199.0, "purchase_price": "159", "tax_rate_id": vat_id, "family": "Consoles"}),
    )
    .await;
    assert_eq!(item.status, 201, "{}", item.body);
    assert_eq!(item.body["number"], "ITM-0001");
    assert_eq!(item.body["tax_rate"], "20");
    assert_eq!(item.body["sales_price"], "199.00");
    assert_eq!(item.etag.as_deref(), Some("\"1\""));
    let id = item.body["id"].as_str().unwrap().to_owned();
    let path = format!("/v1/items/{id}");

    assert_eq!(get(&t, &me, &path).await.body, item.body);
    let list = get(&t, &me, "/v1/items").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(list.body["next_cursor"], Value::Null);

    let patched = send(
        &t,
        &me,
        Method::PATCH,
        &path,
        Some(json!({"active": false})),
        Some("1"),
    )
    .await;
    assert_eq!(patched.status, 200, "{}", patched.body);
    assert_eq!(patched.body["active"], false);
    assert_eq!(patched.body["tax_rate_id"], vat_id.as_str());
    let replaced = send(
        &t,
        &me,
        Method::PUT,
        &path,
        Some(json!({"name": "Wii", "type": "product", "sales_price": "149.5", "version": 2})),
        None,
    )
    .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    assert_eq!(replaced.body["sales_price"], "149.50");
    assert_eq!(replaced.body["tax_rate_id"], Value::Null);
    assert_eq!(replaced.body["active"], true);

    let vat_path = format!("/v1/tax-rates/{vat_id}");
    assert_eq!(get(&t, &me, &vat_path).await.body["name"], "VAT 20%");
    assert_eq!(
        get(&t, &me, "/v1/tax-rates").await.body["data"][0]["id"],
        vat_id.as_str()
    );
    let renamed = send(
        &t,
        &me,
        Method::PATCH,
        &vat_path,
        Some(json!({"name": "Standard"})),
        None,
    )
    .await;
    assert_eq!(renamed.body["name"], "Standard");
    let put = send(
        &t,
        &me,
        Method::PUT,
        &vat_path,
        Some(json!({"name": "Standard", "rate": "20.0"})),
        Some("\"2\""),
    )
    .await;
    assert_eq!(put.status, 200);
    assert_eq!(put.body["version"], 3);

    for path in ["/v1/currencies", "/v1/units", "/v1/payment-terms"] {
        let answer = get(&t, &me, path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert!(
            !answer.body["data"].as_array().unwrap().is_empty(),
            "{path}"
        );
    }

    assert_eq!(
        send(&t, &me, Method::DELETE, &path, None, None)
            .await
            .status,
        204
    );
    assert_eq!(get(&t, &me, &path).await.status, 404);
    assert_eq!(
        send(&t, &me, Method::DELETE, &vat_path, None, Some("3"))
            .await
            .status,
        204
    );
    assert_eq!(get(&t, &me, &vat_path).await.status, 404);
}

#[tokio::test]
async fn bad_fields_are_all_listed_and_nothing_is_written() {
    let t = TestServer::start().await;
    let me = t.account(true).await;
    let answer = post(
        &t,
        &me,
        "/v1/items",
        json!({
            "number": " ",
            "type": "gizmo",
            "name": "x".repeat(256),
            "description": "d".repeat(2001),
            "unit": "u".repeat(65),
            "sales_price": "1.23456",
            "purchase_price": "abc",
            "currency": "ZZZ",
            "tax_rate": -1,
            "tax_rate_id": "0190b1a5-7c2e-7000-8000-000000000000",
            "family": "f".repeat(65),
        }),
    )
    .await;
    assert_eq!(answer.status, 422);
    assert_eq!(answer.body["code"], "validation_failed");
    assert_eq!(
        fields(&answer),
        [
            "currency",
            "description",
            "family",
            "name",
            "purchase_price",
            "sales_price",
            "tax_rate",
            "tax_rate_id",
            "type",
            "unit"
        ]
    );
    let bad_rate = post(
        &t,
        &me,
        "/v1/tax-rates",
        json!({"name": "", "rate": "100.00001"}),
    )
    .await;
    assert_eq!(bad_rate.status, 422);
    assert_eq!(fields(&bad_rate), ["name", "rate"]);
    let missing = post(&t, &me, "/v1/tax-rates", json!({})).await;
    assert_eq!(fields(&missing), ["name", "rate"]);
    let unknown = post(&t, &me, "/v1/items", json!({"name": "A", "colour": "red"})).await;
    assert_eq!(unknown.status, 422);
    assert_eq!(fields(&unknown), ["colour"]);

    assert!(
        get(&t, &me, "/v1/items").await.body["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        get(&t, &me, "/v1/tax-rates").await.body["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Nothing consumed a number either.
    let first = post(&t, &me, "/v1/items", json!({"name": "First"})).await;
    assert_eq!(first.body["number"], "ITM-0001");
}

#[tokio::test]
async fn stale_versions_and_duplicates_conflict() {
    let t = TestServer::start().await;
    let me = t.account(true).await;
    let item = post(&t, &me, "/v1/items", json!({"name": "A", "number": "A-1"})).await;
    let path = format!("/v1/items/{}", item.body["id"].as_str().unwrap());
    assert_eq!(
        send(
            &t,
            &me,
            Method::PATCH,
            &path,
            Some(json!({"name": "B"})),
            Some("1")
        )
        .await
        .status,
        200
    );
    for (method, body) in [
        (Method::PATCH, Some(json!({"name": "C"}))),
        (Method::PUT, Some(json!({"name": "C"}))),
        (Method::DELETE, None),
    ] {
        let stale = send(&t, &me, method.clone(), &path, body, Some("\"1\"")).await;
        assert_eq!(stale.status, 409, "{method}");
        assert_eq!(stale.body["code"], "version_conflict");
    }
    let mismatch = send(
        &t,
        &me,
        Method::PATCH,
        &path,
        Some(json!({"name": "C", "version": 1})),
        Some("2"),
    )
    .await;
    assert_eq!(mismatch.status, 422);

    let duplicate = post(&t, &me, "/v1/items", json!({"name": "Z", "number": "a-1"})).await;
    assert_eq!(duplicate.status, 409);
    assert_eq!(duplicate.body["code"], "duplicate_number");
    assert_eq!(duplicate.body["existing_id"], item.body["id"]);

    post(
        &t,
        &me,
        "/v1/tax-rates",
        json!({"name": "Reduced", "rate": 5}),
    )
    .await;
    let duplicate = post(
        &t,
        &me,
        "/v1/tax-rates",
        json!({"name": "REDUCED", "rate": 5}),
    )
    .await;
    assert_eq!(duplicate.status, 409);
    assert_eq!(duplicate.body["code"], "duplicate_tax_rate");
}

#[tokio::test]
async fn search_answers_any_text_and_pages_follow_cursors() {
    let t = TestServer::start().await;
    let me = t.account(true).await;
    for i in 0..12 {
        let answer = post(
            &t,
            &me,
            "/v1/items",
            json!({"name": format!("Thing {i:02}"), "active": i % 3 != 0}),
        )
        .await;
        assert_eq!(answer.status, 201);
    }
    post(&t, &me, "/v1/items", json!({"name": "Çà et là ünïcode"})).await;

    let long = "a".repeat(5000);
    for search in [
        "ÇÀ ET",
        "'; DROP TABLE items; --",
        "%_%",
        "\u{1F600}",
        long.as_str(),
        " ",
        "ITM-00",
        "#",
        "\\",
    ] {
        let answer = t
            .client
            .get(t.url("/v1/items"))
            .query(&[("search", search)])
            .header("authorization", me.bearer())
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "{search:?}");
    }
    let unicode = t
        .client
        .get(t.url("/v1/items"))
        .query(&[("search", "çà et")])
        .header("authorization", me.bearer())
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(unicode["data"][0]["name"], "Çà et là ünïcode");
    // By number: every item's number starts with ITM-00.
    let by_number = get(&t, &me, "/v1/items?search=itm-001&limit=200").await;
    assert_eq!(by_number.body["data"].as_array().unwrap().len(), 4);

    // Five pages of three (the last one with one item): no repeats, no gaps.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut path = "/v1/items?limit=3&search=thing".to_owned();
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let page = get(&t, &me, &path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        seen.extend(names(&page));
        pages += 1;
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let want: Vec<String> = (0..12).map(|i| format!("Thing {i:02}")).collect();
    assert_eq!(seen, want);
    assert!(pages >= 4);

    // A cursor is bound to its filters.
    let first = get(&t, &me, "/v1/items?limit=2").await;
    let cursor = first.body["next_cursor"].as_str().unwrap();
    let wrong = get(
        &t,
        &me,
        &format!("/v1/items?limit=2&active=true&cursor={cursor}"),
    )
    .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.body["code"], "invalid_cursor");

    let inactive = get(&t, &me, "/v1/items?active=false").await;
    assert_eq!(
        names(&inactive),
        ["Thing 00", "Thing 03", "Thing 06", "Thing 09"]
    );
}

#[tokio::test]
async fn another_accounts_ids_are_not_found_and_lists_stay_apart() {
    let t = TestServer::start().await;
    let me = t.account(true).await;
    let other = t.account(true).await;

    let mine = post(&t, &me, "/v1/items", json!({"name": "Mine"})).await;
    let my_rate = post(&t, &me, "/v1/tax-rates", json!({"name": "Mine", "rate": 1})).await;
    let theirs = post(&t, &other, "/v1/items", json!({"name": "Theirs"})).await;
    let their_rate = post(
        &t,
        &other,
        "/v1/tax-rates",
        json!({"name": "Theirs", "rate": 2}),
    )
    .await;
    // Numbers are per account.
    assert_eq!(theirs.body["number"], "ITM-0001");

    let their_item = format!("/v1/items/{}", theirs.body["id"].as_str().unwrap());
    let their_tax = format!("/v1/tax-rates/{}", their_rate.body["id"].as_str().unwrap());
    for (path, body) in [
        (&their_item, json!({"name": "Hijacked"})),
        (&their_tax, json!({"name": "Hijacked", "rate": 3})),
    ] {
        assert_eq!(get(&t, &me, path).await.status, 404, "{path}");
        for method in [Method::PUT, Method::PATCH] {
            let answer = send(&t, &me, method.clone(), path, Some(body.clone()), None).await;
            assert_eq!(answer.status, 404, "{method} {path}");
            assert_eq!(answer.body["code"], "not_found");
        }
        assert_eq!(
            send(&t, &me, Method::DELETE, path, None, None).await.status,
            404,
            "{path}"
        );
    }
    // Their tax rate cannot be linked either.
    let link = post(
        &t,
        &me,
        "/v1/items",
        json!({"name": "X", "tax_rate_id": their_rate.body["id"]}),
    )
    .await;
    assert_eq!(link.status, 422);
    assert_eq!(fields(&link), ["tax_rate_id"]);

    // Untouched, and each list shows only its own.
    assert_eq!(get(&t, &other, &their_item).await.body["name"], "Theirs");
    assert_eq!(get(&t, &other, &their_tax).await.body["version"], 1);
    assert_eq!(names(&get(&t, &me, "/v1/items").await), ["Mine"]);
    assert_eq!(names(&get(&t, &other, "/v1/items").await), ["Theirs"]);
    assert_eq!(
        names(&get(&t, &me, "/v1/items?search=theirs").await),
        Vec::<String>::new()
    );
    assert_eq!(names(&get(&t, &me, "/v1/tax-rates").await), ["Mine"]);
    assert_eq!(names(&get(&t, &other, "/v1/tax-rates").await), ["Theirs"]);

    // A cursor from one account does not open another's list.
    for i in 0..3 {
        post(&t, &me, "/v1/items", json!({"name": format!("More {i}")})).await;
    }
    let page = get(&t, &me, "/v1/items?limit=1").await;
    let cursor = page.body["next_cursor"].as_str().unwrap();
    let stolen = get(&t, &other, &format!("/v1/items?limit=1&cursor={cursor}")).await;
    assert_eq!(stolen.status, 400);
    let _ = (mine, my_rate);
}

#[tokio::test]
async fn idempotent_create_returns_the_first_item() {
    let t = TestServer::start().await;
    let me = t.account(true).await;
    let send_once = || async {
        let response = t
            .client
            .post(t.url("/v1/items"))
            .header("authorization", me.bearer())
            .header("idempotency-key", "create-wii-1")
            .json(&json!({"name": "Wii"}))
            .send()
            .await
            .unwrap();
        (
            response.status().as_u16(),
            response.json::<Value>().await.unwrap(),
        )
    };
    let (first_status, first) = send_once().await;
    let (second_status, second) = send_once().await;
    assert_eq!((first_status, second_status), (201, 201));
    assert_eq!(first, second);
    assert_eq!(names(&get(&t, &me, "/v1/items").await), ["Wii"]);
}

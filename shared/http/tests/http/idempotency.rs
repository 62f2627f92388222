use std::sync::Arc;

use axum::body::Body;
use http::Request;
use serde_json::{Value, json};
use uome_core::ports::{Condition, Item};

use crate::support::{API_CLIENT_ID, API_CLIENT_SECRET, TestApp};
use uome_http::Role;
use uome_http::idempotency::{IdempotencyRecord, RecordStatus, record_key};

fn create(app: &TestApp, acc: &str, key: Option<&str>, body: &Value) -> Request<Body> {
    let mut req = Request::post("/v1/things")
        .header("content-type", "application/json")
        .header(
            "authorization",
            format!("Bearer {}", app.token(acc, Role::Owner)),
        );
    if let Some(key) = key {
        req = req.header("idempotency-key", key);
    }
    req.body(Body::from(body.to_string())).unwrap()
}

fn thing() -> Value {
    json!({"name": "a", "lines": [{"quantity": 1}]})
}

#[tokio::test]
async fn a_replay_returns_the_first_answer_and_runs_nothing() {
    for app in TestApp::both() {
        a_replay_returns_the_first_answer_and_runs_nothing_on(app).await;
    }
}

async fn a_replay_returns_the_first_answer_and_runs_nothing_on(app: TestApp) {
    let first = app
        .send(create(&app, "acc_1", Some("key-1"), &thing()))
        .await;
    assert_eq!(first.status, 201, "{}", first.json);
    assert_eq!(first.json["call"], 1);
    assert_eq!(first.header("idempotent-replayed"), None);

    let again = app
        .send(create(&app, "acc_1", Some("key-1"), &thing()))
        .await;
    assert_eq!(again.status, first.status);
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("content-type"), first.header("content-type"));
    assert_eq!(again.header("location"), Some("/v1/things/1"));
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert!(again.header("x-request-id").is_some());
    assert_eq!(app.counters.creates(), 1);
}

#[tokio::test]
async fn the_same_key_with_another_body_is_422() {
    for app in TestApp::both() {
        the_same_key_with_another_body_is_422_on(app).await;
    }
}

async fn the_same_key_with_another_body_is_422_on(app: TestApp) {
    app.send(create(&app, "acc_1", Some("key-2"), &thing()))
        .await;
    let other = json!({"name": "b", "lines": []});
    app.send(create(&app, "acc_1", Some("key-2"), &other))
        .await
        .assert_problem(422, "idempotency_key_reused");
    assert_eq!(app.counters.creates(), 1);
}

#[tokio::test]
async fn without_a_key_every_post_runs() {
    let app = TestApp::new();
    app.send(create(&app, "acc_1", None, &thing())).await;
    app.send(create(&app, "acc_1", None, &thing())).await;
    assert_eq!(app.counters.creates(), 2);
}

#[tokio::test]
async fn keys_are_scoped_to_the_account() {
    for app in TestApp::both() {
        keys_are_scoped_to_the_account_on(app).await;
    }
}

async fn keys_are_scoped_to_the_account_on(app: TestApp) {
    let a = app
        .send(create(&app, "acc_1", Some("shared"), &thing()))
        .await;
    let b = app
        .send(create(&app, "acc_2", Some("shared"), &thing()))
        .await;
    assert_eq!(a.json["account_id"], "acc_1");
    assert_eq!(b.json["account_id"], "acc_2");
    assert_eq!(b.header("idempotent-replayed"), None);
    assert_eq!(app.counters.creates(), 2);
    // An API client of acc_1 shares acc_1's keys.
    let via_client = app
        .send(
            Request::post("/v1/things")
                .header("content-type", "application/json")
                .header("x-client-id", API_CLIENT_ID)
                .header("x-client-secret", API_CLIENT_SECRET)
                .header("idempotency-key", "shared")
                .body(Body::from(thing().to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(via_client.header("idempotent-replayed"), Some("true"));
    assert_eq!(via_client.body, a.body);
    assert_eq!(app.counters.creates(), 2);
}

#[tokio::test]
async fn a_5xx_releases_the_key_so_a_retry_runs() {
    for app in TestApp::both() {
        a_5xx_releases_the_key_so_a_retry_runs_on(app).await;
    }
}

async fn a_5xx_releases_the_key_so_a_retry_runs_on(app: TestApp) {
    let token = app.token("acc_1", Role::Owner);
    let flaky = || {
        Request::post("/v1/flaky")
            .header("authorization", format!("Bearer {token}"))
            .header("idempotency-key", "retry-me")
            .body(Body::empty())
            .unwrap()
    };
    app.send(flaky())
        .await
        .assert_problem(500, "internal_error");
    let retry = app.send(flaky()).await;
    assert_eq!(retry.status, 201, "{}", retry.json);
    assert_eq!(retry.json["call"], 2);
    let replay = app.send(flaky()).await;
    assert_eq!(replay.status, 201);
    assert_eq!(replay.body, retry.body);
    assert_eq!(app.counters.flaky(), 2);
}

#[tokio::test]
async fn a_4xx_answer_is_replayed_too() {
    let app = TestApp::new();
    let bad = json!({"name": 1, "lines": []});
    let first = app.send(create(&app, "acc_1", Some("bad"), &bad)).await;
    first.assert_problem(422, "validation_failed");
    let again = app.send(create(&app, "acc_1", Some("bad"), &bad)).await;
    assert_eq!(again.status, 422);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json["errors"], first.json["errors"]);
}

#[tokio::test]
async fn a_key_still_in_progress_is_409() {
    for app in TestApp::both() {
        a_key_still_in_progress_is_409_on(app).await;
    }
}

async fn a_key_still_in_progress_is_409_on(app: TestApp) {
    let body = thing().to_string();
    let hash =
        uome_http::idempotency::request_hash(&http::Method::POST, "/v1/things", body.as_bytes());
    let record = IdempotencyRecord {
        status: RecordStatus::InProgress,
        body_hash: hash,
        response: None,
    };
    let now = app.now_ts();
    let item = Item::new(record_key("acc_1", "busy"), &record)
        .unwrap()
        .with_expiry(now + 60);
    app.table.put(item, Condition::NotExists).await.unwrap();
    app.send(create(&app, "acc_1", Some("busy"), &thing()))
        .await
        .assert_problem(409, "idempotency_in_progress");
    assert_eq!(app.counters.creates(), 0);

    // Once the claim has expired, the request runs.
    app.clock.advance(chrono::Duration::minutes(2));
    let reply = app
        .send(create(&app, "acc_1", Some("busy"), &thing()))
        .await;
    assert_eq!(reply.status, 201);
    assert_eq!(app.counters.creates(), 1);
}

#[tokio::test]
async fn records_expire_after_a_day() {
    for app in TestApp::both() {
        records_expire_after_a_day_on(app).await;
    }
}

async fn records_expire_after_a_day_on(app: TestApp) {
    app.send(create(&app, "acc_1", Some("daily"), &thing()))
        .await;
    let stored = app
        .table
        .get(&record_key("acc_1", "daily"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.expires_at, Some(app.now_ts() + 24 * 3600));
    let record: IdempotencyRecord = stored.parse().unwrap();
    assert_eq!(record.status, RecordStatus::Completed);

    app.clock.advance(chrono::Duration::hours(25));
    let reply = app
        .send(create(&app, "acc_1", Some("daily"), &thing()))
        .await;
    assert_eq!(reply.header("idempotent-replayed"), None);
    assert_eq!(app.counters.creates(), 2);
}

#[tokio::test]
async fn bad_keys_are_400() {
    let app = TestApp::new();
    let long = "k".repeat(256);
    for key in [long.as_str(), "has space"] {
        app.send(create(&app, "acc_1", Some(key), &thing()))
            .await
            .assert_problem(400, "invalid_idempotency_key");
    }
    let max = "k".repeat(255);
    let reply = app.send(create(&app, "acc_1", Some(&max), &thing())).await;
    assert_eq!(reply.status, 201);
}

#[tokio::test]
async fn unauthenticated_posts_use_the_public_scope() {
    let app = TestApp::new();
    let echo = |body: &str| {
        Request::post("/v1/auth/echo")
            .header("content-type", "application/json")
            .header("idempotency-key", "pub-1")
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    let first = app.send(echo("{\"a\":1}")).await;
    assert_eq!(first.status, 200);
    let again = app.send(echo("{\"a\":1}")).await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert!(
        app.table
            .get(&record_key("public", "pub-1"))
            .await
            .unwrap()
            .is_some()
    );
    app.send(echo("{\"a\":2}"))
        .await
        .assert_problem(422, "idempotency_key_reused");
}

#[tokio::test]
async fn other_methods_ignore_the_header() {
    let app = TestApp::new();
    let token = app.token("acc_1", Role::Owner);
    for _ in 0..2 {
        let reply = app
            .send(
                Request::get("/v1/things")
                    .header("authorization", format!("Bearer {token}"))
                    .header("idempotency-key", "x")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(reply.header("idempotent-replayed"), None);
    }
    assert!(
        app.table
            .get(&record_key("acc_1", "x"))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn concurrent_duplicates_run_once() {
    for app in TestApp::both() {
        concurrent_duplicates_run_once_on(app).await;
    }
}

async fn concurrent_duplicates_run_once_on(app: TestApp) {
    let app = Arc::new(app);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            app.send(create(&app, "acc_1", Some("race"), &thing()))
                .await
                .status
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(app.counters.creates(), 1);
}

#[tokio::test]
async fn body_limits_hold_with_a_key() {
    let app = TestApp::new();
    let post = |uri: &str, body: Vec<u8>| {
        Request::post(uri)
            .header("content-type", "application/json")
            .header("idempotency-key", format!("k-{uri}-{}", body.len()))
            .body(Body::from(body))
            .unwrap()
    };
    // A normal route keeps its 1 MiB limit behind the middleware's buffer.
    let big = format!("\"{}\"", "a".repeat(1 << 20)).into_bytes();
    app.send(post("/v1/auth/echo", big))
        .await
        .assert_problem(413, "payload_too_large");
    // A bulk route keeps its 5 MiB.
    let rows: Vec<_> = (0..30_000)
        .map(|i| json!({"n": format!("C{i:08}"), "pad": "xxxxxxxxxx"}))
        .collect();
    let bulk = serde_json::to_vec(&rows).unwrap();
    assert!(bulk.len() > 1 << 20);
    let reply = app.send(post("/v1/auth/bulk", bulk)).await;
    assert_eq!(reply.status, 200, "{}", reply.json);
    // Past the largest limit, the middleware itself refuses.
    let huge = format!("\"{}\"", "a".repeat(5 << 20)).into_bytes();
    app.send(post("/v1/auth/bulk", huge))
        .await
        .assert_problem(413, "payload_too_large");
}

#[tokio::test]
async fn no_credentials_is_a_401_before_the_key_is_looked_at() {
    let app = TestApp::new();
    let request = Request::post("/v1/things")
        .header("content-type", "application/json")
        .header("idempotency-key", "has space")
        .body(Body::from("{}"))
        .unwrap();
    app.send(request).await.assert_problem(401, "unauthorized");
    // On a public route the key is checked at once.
    let request = Request::post("/v1/auth/echo")
        .header("content-type", "application/json")
        .header("idempotency-key", "has space")
        .body(Body::from("{}"))
        .unwrap();
    app.send(request)
        .await
        .assert_problem(400, "invalid_idempotency_key");
}

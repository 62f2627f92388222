//! Helpers shared by the auth function's test files.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_testkit::{OutboxMailer, TestEnv};

// The reading of tokens and the fixtures are core's test kit's, so the
// router tests and core's use-case tests read mail the same way.
#[path = "../../../../shared/core/tests/kit/fixtures.rs"]
mod fixtures;
#[path = "../../../../shared/core/tests/kit/outbox.rs"]
mod outbox;

pub use fixtures::PASSWORD;
pub use outbox::token_in;

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

pub fn app(env: &TestEnv) -> Router {
    env.app(uome_auth::api())
}

pub async fn call(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}

pub async fn post(app: &Router, path: &str, body: Value) -> Answer {
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    call(app, request).await
}

pub async fn get(app: &Router, path: &str, bearer: Option<&str>) -> Answer {
    let mut request = Request::builder().method(Method::GET).uri(path);
    if let Some(token) = bearer {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    call(app, request.body(Body::empty()).unwrap()).await
}

pub fn signup_body(email: &str) -> Value {
    json!({
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": email,
        "password": PASSWORD,
    })
}

pub async fn signup(app: &Router, email: &str) -> Value {
    let answer = post(app, "/v1/auth/signup", signup_body(email)).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    answer.body
}

pub async fn login(app: &Router, email: &str, password: &str) -> Answer {
    post(
        app,
        "/v1/auth/login",
        json!({"email": email, "password": password}),
    )
    .await
}

/// The token of the newest email to `to` whose link goes to `path`.
pub fn token_from_outbox(env: &TestEnv, to: &str, path: &str) -> String {
    outbox::token_from_outbox(&env.embedded.outbox, to, path)
}

pub fn fields(problem: &Value) -> Vec<String> {
    let mut fields: Vec<String> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    fields.sort();
    fields
}

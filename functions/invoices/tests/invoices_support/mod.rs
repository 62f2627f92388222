//! What the invoice tests share: the fixtures of core's test kit
//! (contacts, items, bank details, written through core's use cases;
//! included by path so router and use-case tests build them the same way),
//! and a request helper over the shared stack.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

#[path = "../../../../shared/core/tests/kit/invoices.rs"]
mod fixtures;

pub use fixtures::*;

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

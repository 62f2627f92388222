//! Driving a function's router in tests: one request through `oneshot`,
//! its status and JSON answer (`Null` for an empty or non-JSON body).

use axum::Router;
use axum::body::Body;
use http::{Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::owner::Owner;

/// `request` through `app`: status, headers and the JSON answer.
pub async fn send_full(
    app: &Router,
    request: http::Request<Body>,
) -> (StatusCode, http::HeaderMap, Value) {
    let (status, headers, bytes) = send_raw(app, request).await;
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// `request` through `app`: status, headers and the body's bytes (a PDF,
/// an XML file).
pub async fn send_raw(
    app: &Router,
    request: http::Request<Body>,
) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body is read")
        .to_bytes();
    (status, headers, bytes.to_vec())
}

/// `request` through `app`.
pub async fn send(app: &Router, request: http::Request<Body>) -> (StatusCode, Value) {
    let (status, _, body) = send_full(app, request).await;
    (status, body)
}

/// `method uri` with any `Authorization` (a portal token, a business
/// bearer), extra headers (`Idempotency-Key`…) and an optional JSON body:
/// status, headers and the JSON answer.
pub async fn call_as(
    app: &Router,
    method: Method,
    uri: &str,
    authorization: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> (StatusCode, http::HeaderMap, Value) {
    let mut builder = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", authorization);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request = match body {
        Some(body) => builder
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => builder.body(Body::empty()),
    }
    .expect("a valid request");
    send_full(app, request).await
}

/// `method uri` as `owner`, with an optional JSON body.
pub async fn call(
    app: &Router,
    method: Method,
    uri: &str,
    owner: &Owner,
    body: Option<Value>,
) -> (StatusCode, Value) {
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
    .expect("a valid request");
    send(app, request).await
}

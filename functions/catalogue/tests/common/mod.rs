//! The catalogue's router tests: an account with an owner token in a fresh
//! test env, and one-call request helpers.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use chrono::Utc;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;
use uome_core::accounts::AccountRecord;
use uome_core::keys::{account_item, account_key};
use uome_core::ports::{Condition, Item};
use uome_domain::AccountId;
use uome_http::Role;
use uome_testkit::TestEnv;

pub struct Account {
    pub id: AccountId,
    pub token: String,
}

impl Account {
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }
}

/// An account record and a fresh owner access token for it.
pub async fn account(env: &TestEnv) -> Account {
    let ctx = &env.ctx;
    let id = AccountId::new(ctx.ports.ids.new_id().to_string());
    let user = ctx.ports.ids.new_id().to_string();
    let record = AccountRecord {
        id: id.clone(),
        owner_user_id: user.clone(),
        email_verified: true,
        created_at: Utc::now(),
    };
    ctx.ports
        .table
        .put(
            Item::new(account_key(&id), &record).unwrap(),
            Condition::NotExists,
        )
        .await
        .unwrap();
    let claims = ctx.jwt.access_claims(
        &user,
        &id,
        Role::Owner,
        env.ctx.now(),
        &ctx.ports.ids.new_id().to_string(),
    );
    let token = ctx.jwt.issue(&claims).unwrap();
    Account { id, token }
}

/// Writes a record the account function owns (`COMPANY`, `SETTINGS`).
pub async fn put_record(env: &TestEnv, account_id: &AccountId, sk: &str, data: Value) {
    env.ctx
        .ports
        .table
        .put(
            Item::new(account_item(account_id, sk), &data).unwrap(),
            Condition::None,
        )
        .await
        .unwrap();
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The `field`s of a 422's errors.
    pub fn fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Answer {
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

/// One request as the owner; `body` is sent as JSON when given.
pub async fn call(
    app: &Router,
    account: &Account,
    method: Method,
    uri: &str,
    body: Option<Value>,
) -> Answer {
    call_with(app, account, method, uri, body, &[]).await
}

pub async fn call_with(
    app: &Router,
    account: &Account,
    method: Method,
    uri: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Answer {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", account.bearer());
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request = match body {
        Some(json) => builder
            .header("content-type", "application/json")
            .body(Body::from(json.to_string())),
        None => builder.body(Body::empty()),
    }
    .unwrap();
    send(app, request).await
}

/// Sends a raw JSON text (for numbers serde_json would re-print).
pub async fn call_raw(
    app: &Router,
    account: &Account,
    method: Method,
    uri: &str,
    json: &str,
) -> Answer {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", account.bearer())
        .header("content-type", "application/json")
        .body(Body::from(json.to_owned()))
        .unwrap();
    send(app, request).await
}

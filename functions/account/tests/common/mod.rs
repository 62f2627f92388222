//! What the account function's tests share: an env whose context accepts
//! API clients and portal tokens, accounts written the way sign-up writes
//! them, and a `call` helper.

#![allow(dead_code)] // each test binary uses its own subset

use std::sync::Arc;
use uome_domain::AccountId;

use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;
use uome_http::{AppContext, Role, TableCredentials};
use uome_testkit::TestEnv;

// Accounts and upload fixtures as core's use-case tests write them.
#[path = "../../../../shared/core/tests/kit/accounts.rs"]
mod accounts;
#[path = "../../../../shared/core/tests/kit/fixtures.rs"]
mod fixtures;

#[allow(unused_imports)] // not every test binary uploads
pub use fixtures::PNG;

pub struct Fixture {
    pub env: TestEnv,
    pub ctx: AppContext,
    pub app: Router,
}

/// An account as sign-up leaves it, with an owner access token.
#[derive(Clone, Debug)]
pub struct Account {
    pub account_id: AccountId,
    pub user_id: String,
    pub token: String,
}

impl Fixture {
    pub fn new() -> Self {
        let env = TestEnv::new();
        let ctx = env
            .ctx
            .clone()
            .with_credentials(Arc::new(TableCredentials::new(env.ctx.ports.clone())));
        let (router, _) = uome_account::api().split_for_parts();
        let app = uome_http::stack(router.with_state(ctx.clone()), &ctx);
        Self { env, ctx, app }
    }

    /// Writes the account record, the owner's user item and the company
    /// item (name only) like sign-up, and mints an owner access token.
    pub async fn account(&self, email: &str, company: &str) -> Account {
        let accounts::Account {
            account_id,
            user_id,
        } = accounts::signed_up(&self.ctx.ports, email, company).await;
        let claims = self.ctx.jwt.access_claims(
            &user_id,
            &account_id,
            Role::Owner,
            self.ctx.now(),
            &self.ctx.ports.ids.new_id().to_string(),
        );
        let token = self.ctx.jwt.issue(&claims).unwrap();
        Account {
            account_id,
            user_id,
            token,
        }
    }

    /// One request through the whole stack.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> (StatusCode, HeaderMap, Value) {
        let mut request = http::Request::builder().method(method).uri(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = match body {
            Some(json) => {
                request = request.header("content-type", "application/json");
                Body::from(serde_json::to_vec(&json).unwrap())
            }
            None => Body::empty(),
        };
        send(&self.app, request.body(body).unwrap()).await
    }

    /// `call` with the account's owner token.
    pub async fn owner(
        &self,
        account: &Account,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, HeaderMap, Value) {
        let auth = format!("Bearer {}", account.token);
        self.call(method, path, &[("authorization", &auth)], body)
            .await
    }
}

pub async fn send(app: &Router, request: http::Request<Body>) -> (StatusCode, HeaderMap, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, headers, body)
}

/// The `field`s of a problem's `errors`, in order.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

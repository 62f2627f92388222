//! What the account function's tests share: an env whose context accepts
//! API clients and portal tokens, accounts written the way sign-up writes
//! them, and a `call` helper.

#![allow(dead_code)] // each test binary uses its own subset

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::accounts::AccountRecord;
use uome_core::keys::{account_item, account_key, user_key};
use uome_core::ports::{Condition, Item};
use uome_http::{AppContext, Role, TableCredentials};
use uome_testkit::TestEnv;

pub struct Fixture {
    pub env: TestEnv,
    pub ctx: AppContext,
    pub app: Router,
}

/// An account as sign-up leaves it, with an owner access token.
#[derive(Clone, Debug)]
pub struct Account {
    pub account_id: String,
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
        let ports = &self.ctx.ports;
        let account_id = ports.ids.new_id().to_string();
        let user_id = ports.ids.new_id().to_string();
        let now = self.ctx.now();
        let record = AccountRecord {
            id: account_id.clone(),
            owner_user_id: user_id.clone(),
            email_verified: true,
            created_at: now,
        };
        let user = json!({
            "id": user_id, "account_id": account_id, "email": email,
            "first_name": "Ada", "last_name": "Lovelace", "phone": null, "address": null,
            "email_verified": true, "created_at": now, "updated_at": now, "version": 1,
            // Stands for whatever else auth keeps on the item.
            "auth_marker": "keep me"
        });
        let puts = [
            Item::new(account_key(&account_id), &record).unwrap(),
            Item::new(user_key(&account_id, &user_id), &user).unwrap(),
            Item::new(
                account_item(&account_id, "COMPANY"),
                &json!({"name": company}),
            )
            .unwrap(),
        ];
        for item in puts {
            ports.table.put(item, Condition::NotExists).await.unwrap();
        }
        let claims = self.ctx.jwt.access_claims(
            &user_id,
            &account_id,
            Role::Owner,
            now,
            &ports.ids.new_id().to_string(),
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

/// A tiny but real PNG (1×1, transparent).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

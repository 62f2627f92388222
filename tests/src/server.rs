//! A local server on a free loopback port with its own data directory, for
//! black-box tests over real HTTP.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use uome_core::accounts::AccountRecord;
use uome_core::keys::account_key;
use uome_core::ports::{Condition, FixedClock, Item};
use uome_domain::AccountId;
use uome_http::Role;
use uome_local::{LocalConfig, RunningServer};

pub struct TestServer {
    pub server: RunningServer,
    pub client: reqwest::Client,
    /// The server's clock, when the test started it on one it moves.
    pub clock: Option<Arc<FixedClock>>,
    // Held so the data directory lives as long as the server.
    _data: tempfile::TempDir,
}

/// An account made directly in the table, with an owner access token: for
/// tests of routes that only need someone signed in.
#[derive(Clone, Debug)]
pub struct TestAccount {
    pub account_id: AccountId,
    pub user_id: String,
    pub token: String,
}

impl TestAccount {
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(None).await
    }

    /// A server whose clock reads `now` until the test moves it
    /// ([`TestServer::set_time`]).
    pub async fn start_at(now: DateTime<Utc>) -> Self {
        Self::start_with(Some(Arc::new(FixedClock::new(now)))).await
    }

    async fn start_with(clock: Option<Arc<FixedClock>>) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let mut config = LocalConfig::for_tests(data.path().to_path_buf());
        config.clock = clock.clone();
        let server = uome_local::start(config)
            .await
            .expect("local server starts");
        Self {
            server,
            client: reqwest::Client::new(),
            clock,
            _data: data,
        }
    }

    /// Moves the clock of a server started with [`TestServer::start_at`].
    pub fn set_time(&self, now: DateTime<Utc>) {
        self.clock
            .as_ref()
            .expect("a server started at a fixed time")
            .set(now);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url)
    }

    /// `method path` as `who`, with an optional JSON body: the status and
    /// the JSON answer (`Null` for an empty or non-JSON body).
    pub async fn call(
        &self,
        who: &TestAccount,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let mut request = self
            .client
            .request(method, self.url(path))
            .header("authorization", who.bearer());
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the local server answers");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or_default())
    }

    /// `method path` with any `Authorization` (a portal token, an API
    /// client's) and extra headers: status, headers and the JSON answer.
    pub async fn call_full(
        &self,
        bearer: &str,
        method: reqwest::Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> (
        reqwest::StatusCode,
        reqwest::header::HeaderMap,
        serde_json::Value,
    ) {
        let mut request = self
            .client
            .request(method, self.url(path))
            .header("authorization", bearer);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the local server answers");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap_or_default();
        (
            status,
            headers,
            serde_json::from_str(&text).unwrap_or_default(),
        )
    }

    /// `method path` as `who`, which must succeed: the JSON answer.
    pub async fn expect_ok(
        &self,
        who: &TestAccount,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let (status, answer) = self.call(who, method, path, body).await;
        assert!(status.is_success(), "{path}: {status} {answer}");
        answer
    }

    /// The balance of `account` (`"1000"`) in `who`'s `currency` ledger,
    /// after checking the trial balance balances.
    pub async fn ledger_balance(&self, who: &TestAccount, currency: &str, account: &str) -> String {
        let path = format!("/v1/ledger/balances?currency={currency}");
        let books = self.expect_ok(who, reqwest::Method::GET, &path, None).await;
        assert_eq!(books["total_debit"], books["total_credit"], "{books}");
        books["data"]
            .as_array()
            .and_then(|rows| rows.iter().find(|row| row["account"] == account))
            .and_then(|row| row["balance"].as_str())
            .unwrap_or_else(|| panic!("no {account} in {books}"))
            .to_string()
    }

    /// [`TestServer::call_full`] without the headers.
    pub async fn call_as(
        &self,
        bearer: &str,
        method: reqwest::Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let (status, _, body) = self.call_full(bearer, method, path, headers, body).await;
        (status, body)
    }

    /// Every email the local server "sent" (`GET /_local/outbox`), oldest
    /// first.
    pub async fn outbox(&self) -> Vec<serde_json::Value> {
        let outbox: serde_json::Value = self
            .client
            .get(self.url("/_local/outbox"))
            .send()
            .await
            .expect("the local server answers")
            .json()
            .await
            .expect("the outbox is JSON");
        match outbox {
            serde_json::Value::Array(mails) => mails,
            other => other["data"]
                .as_array()
                .cloned()
                .unwrap_or_else(|| panic!("not an outbox: {other}")),
        }
    }

    /// Writes an account record (email verified or not) and mints an owner
    /// access token for it, bypassing sign-up.
    pub async fn account(&self, email_verified: bool) -> TestAccount {
        let ctx = &self.server.ctx;
        let account_id = AccountId::new(ctx.ports.ids.new_id().to_string());
        let user_id = ctx.ports.ids.new_id().to_string();
        let record = AccountRecord {
            id: account_id.clone(),
            owner_user_id: user_id.clone(),
            email_verified,
            created_at: Utc::now(),
        };
        ctx.ports
            .table
            .put(
                Item::new(account_key(&account_id), &record).unwrap(),
                Condition::NotExists,
            )
            .await
            .unwrap();
        let claims = ctx.jwt.access_claims(
            &user_id,
            &account_id,
            Role::Owner,
            ctx.now(),
            &ctx.ports.ids.new_id().to_string(),
        );
        let token = ctx.jwt.issue(&claims).unwrap();
        TestAccount {
            account_id,
            user_id,
            token,
        }
    }
}

/// The `field` of each error in a problem+json answer, in order.
pub fn error_fields(problem: &serde_json::Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

//! Test doubles and a small app with dummy routes, driven with `oneshot`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uome_domain::AccountId;

use async_trait::async_trait;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::routing::{get, post};
use chrono::{DateTime, TimeZone, Utc};
use http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde::Deserialize;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::Ports;
use uome_core::ports::{
    BatchWrite, BlobError, BlobMeta, Blobs, Clock, Condition, Email, FixedClock, Item, Job, Key,
    MailError, Mailer, Page as TablePage, PresignedRequest, Query as TableQuery, Queue, QueueError,
    QueueName, RandomIds, SortKey, Table, TableError, Write,
};
use uome_http::auth::CredentialVerifier;
use uome_http::{
    ApiError, AppContext, Business, HttpConfig, Json, JwtConfig, ListParams, OptionalJson, Owner,
    Page, Path, PortalClient, Principal, Query, Role,
};
use uuid::Uuid;

pub const SECRET: &[u8] = b"test-secret-of-at-least-32-bytes!!";
pub const ISSUER: &str = "uome-test";
pub const AUDIENCE: &str = "uome-api-test";
pub const API_CLIENT_ID: &str = "cli_1";
pub const API_CLIENT_SECRET: &str = "s3cret";
pub const PORTAL_TOKEN: &str = "cG9ydGFsLXRva2VuLWZvci1jb250YWN0LTk";

/// A HashMap table with the port's condition and TTL semantics (enough of
/// them for the idempotency middleware).
pub struct MemTable {
    items: Mutex<HashMap<Key, Item>>,
    clock: Arc<dyn Clock>,
}

impl MemTable {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self {
            items: Mutex::new(HashMap::new()),
            clock,
        }
    }

    fn now(&self) -> i64 {
        self.clock.now().timestamp()
    }

    fn visible(&self, map: &HashMap<Key, Item>, key: &Key) -> Option<Item> {
        let now = self.now();
        map.get(key).filter(|i| !i.is_expired(now)).cloned()
    }

    fn holds(&self, map: &HashMap<Key, Item>, key: &Key, condition: Condition) -> bool {
        let current = self.visible(map, key);
        match condition {
            Condition::None => true,
            Condition::NotExists => current.is_none(),
            Condition::Exists => current.is_some(),
            Condition::VersionEquals(v) => current.is_some_and(|i| i.version == v),
        }
    }
}

#[async_trait]
impl Table for MemTable {
    async fn get(&self, key: &Key) -> Result<Option<Item>, TableError> {
        let map = self.items.lock().unwrap();
        Ok(self.visible(&map, key))
    }

    async fn batch_get(&self, keys: &[Key]) -> Result<Vec<Item>, TableError> {
        let map = self.items.lock().unwrap();
        Ok(keys.iter().filter_map(|k| self.visible(&map, k)).collect())
    }

    async fn put(&self, item: Item, condition: Condition) -> Result<(), TableError> {
        let mut map = self.items.lock().unwrap();
        if !self.holds(&map, &item.key, condition) {
            return Err(TableError::ConditionFailed);
        }
        map.insert(item.key.clone(), item);
        Ok(())
    }

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), TableError> {
        let mut map = self.items.lock().unwrap();
        if !self.holds(&map, key, condition) {
            return Err(TableError::ConditionFailed);
        }
        map.remove(key);
        Ok(())
    }

    async fn query(&self, query: &TableQuery) -> Result<TablePage, TableError> {
        let map = self.items.lock().unwrap();
        let now = self.now();
        let mut items: Vec<Item> = map
            .values()
            .filter(|i| i.key.pk == query.pk && !i.is_expired(now))
            .filter(|i| match &query.sk {
                SortKey::All => true,
                SortKey::BeginsWith(p) => i.key.sk.starts_with(p.as_str()),
                SortKey::Eq(s) => &i.key.sk == s,
                _ => true,
            })
            .cloned()
            .collect();
        items.sort_by(|a, b| a.key.sk.cmp(&b.key.sk));
        items.truncate(query.limit as usize);
        Ok(TablePage { items, next: None })
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), TableError> {
        let mut map = self.items.lock().unwrap();
        let failed: Vec<usize> = writes
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                let condition = match w {
                    Write::Put { condition, .. }
                    | Write::Delete { condition, .. }
                    | Write::Check { condition, .. } => *condition,
                };
                !self.holds(&map, w.key(), condition)
            })
            .map(|(i, _)| i)
            .collect();
        if !failed.is_empty() {
            return Err(TableError::TransactionCancelled { failed });
        }
        for write in writes {
            match write {
                Write::Put { item, .. } => {
                    map.insert(item.key.clone(), item);
                }
                Write::Delete { key, .. } => {
                    map.remove(&key);
                }
                Write::Check { .. } => {}
            }
        }
        Ok(())
    }

    async fn batch_write(&self, writes: Vec<BatchWrite>) -> Result<(), TableError> {
        let mut map = self.items.lock().unwrap();
        for write in writes {
            match write {
                BatchWrite::Put(item) => {
                    map.insert(item.key.clone(), item);
                }
                BatchWrite::Delete(key) => {
                    map.remove(&key);
                }
            }
        }
        Ok(())
    }
}

struct NoBlobs;

#[async_trait]
impl Blobs for NoBlobs {
    async fn presign_put(
        &self,
        _: &str,
        _: &str,
        _: u64,
        _: Duration,
    ) -> Result<PresignedRequest, BlobError> {
        Err(BlobError::InvalidKey("no blobs in these tests".into()))
    }
    async fn presign_get(&self, _: &str, _: Duration) -> Result<PresignedRequest, BlobError> {
        Err(BlobError::InvalidKey("no blobs in these tests".into()))
    }
    async fn head(&self, _: &str) -> Result<Option<BlobMeta>, BlobError> {
        Ok(None)
    }
    async fn get(&self, _: &str) -> Result<Option<Vec<u8>>, BlobError> {
        Ok(None)
    }
    async fn put(&self, _: &str, _: Vec<u8>, _: &str) -> Result<(), BlobError> {
        Ok(())
    }
    async fn delete(&self, _: &str) -> Result<(), BlobError> {
        Ok(())
    }
}

struct NoMail;

#[async_trait]
impl Mailer for NoMail {
    async fn send(&self, _: &Email) -> Result<String, MailError> {
        Ok("sent".into())
    }
}

struct NoQueue;

#[async_trait]
impl Queue for NoQueue {
    async fn send_batch(&self, _: QueueName, _: Vec<Job>) -> Result<(), QueueError> {
        Ok(())
    }
}

/// Accepts one API client and one portal token.
pub struct FakeVerifier;

#[async_trait]
impl CredentialVerifier for FakeVerifier {
    async fn verify_api_client(
        &self,
        client_id: &str,
        client_secret: &str,
    ) -> Result<Option<Principal>, ApiError> {
        Ok(
            (client_id == API_CLIENT_ID && client_secret == API_CLIENT_SECRET).then(|| Principal {
                account_id: "acc_1".into(),
                subject: API_CLIENT_ID.into(),
                role: Role::ApiClient,
            }),
        )
    }

    async fn verify_portal_token(&self, token: &str) -> Result<Option<Principal>, ApiError> {
        Ok((token == PORTAL_TOKEN).then(|| Principal {
            account_id: "acc_1".into(),
            subject: "contact_9".into(),
            role: Role::Client,
        }))
    }
}

pub fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap()
}

pub fn http_config() -> HttpConfig {
    HttpConfig {
        public_url: "http://127.0.0.1:3000".into(),
        jwt: JwtConfig {
            secret: SECRET.to_vec(),
            issuer: ISSUER.into(),
            audience: AUDIENCE.into(),
        },
        cursor_secret: b"cursor-secret".to_vec(),
        mail_from: uome_core::ports::Mailbox::new("no-reply@uome.test"),
    }
}

/// Call counters of the dummy handlers.
#[derive(Clone, Default)]
pub struct Counters {
    pub creates: Arc<AtomicUsize>,
    pub flaky: Arc<AtomicUsize>,
}

impl Counters {
    pub fn creates(&self) -> usize {
        self.creates.load(Ordering::SeqCst)
    }
    pub fn flaky(&self) -> usize {
        self.flaky.load(Ordering::SeqCst)
    }
}

pub struct TestApp {
    pub router: Router,
    pub ctx: AppContext,
    pub clock: Arc<FixedClock>,
    pub table: Arc<dyn Table>,
    pub counters: Counters,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewThing {
    name: String,
    lines: Vec<Line>,
}

/// An action body that may be left out (`POST …/send`'s).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Note {
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize)]
struct Line {
    #[allow(dead_code)]
    quantity: u32,
}

#[derive(Deserialize)]
struct ListFilter {
    #[serde(default)]
    tag: Option<String>,
}

impl TestApp {
    pub fn new() -> Self {
        let clock = Arc::new(FixedClock::new(start_time()));
        let table: Arc<dyn Table> = Arc::new(MemTable::new(clock.clone()));
        Self::with_table(clock, table)
    }

    /// The same app over the embedded SQLite table adapter.
    pub fn sqlite() -> Self {
        let clock = Arc::new(FixedClock::new(start_time()));
        let table = uome_adapters::embedded::SqliteTable::in_memory(clock.clone()).unwrap();
        Self::with_table(clock, Arc::new(table))
    }

    /// One app per table adapter: the in-test map and SQLite.
    pub fn both() -> [Self; 2] {
        [Self::new(), Self::sqlite()]
    }

    pub fn with_table(clock: Arc<FixedClock>, table: Arc<dyn Table>) -> Self {
        let ports = Ports {
            table: table.clone(),
            blobs: Arc::new(NoBlobs),
            mailer: Arc::new(NoMail),
            queue: Arc::new(NoQueue),
            clock: clock.clone(),
            ids: Arc::new(RandomIds),
        };
        let ctx = AppContext::new(ports, http_config()).with_credentials(Arc::new(FakeVerifier));
        let counters = Counters::default();
        let router = uome_http::stack(routes(counters.clone()).with_state(ctx.clone()), &ctx);
        Self {
            router,
            ctx,
            clock,
            table,
            counters,
        }
    }

    /// A valid access token for `acc` with `role`.
    pub fn token(&self, acc: &str, role: Role) -> String {
        let claims = self.ctx.jwt.access_claims(
            "user_1",
            &AccountId::from(acc),
            role,
            self.clock.now(),
            "jti-1",
        );
        self.ctx.jwt.issue(&claims).unwrap()
    }

    pub fn now_ts(&self) -> i64 {
        self.clock.now().timestamp()
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body: bytes.to_vec(),
            json,
        }
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a problem response with `status` and `code`.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.json);
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        assert_eq!(self.json["code"], code, "body: {}", self.json);
        assert_eq!(self.json["status"], status);
        assert_eq!(self.json["type"], "about:blank");
        assert!(self.json["title"].is_string());
        assert!(self.json["detail"].is_string());
        assert!(self.json["errors"].is_array());
        assert_eq!(
            self.json["request_id"].as_str(),
            self.header("x-request-id"),
            "problem carries the response's request id"
        );
    }
}

pub fn post_json(uri: &str, body: &Value) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap()
}

pub fn get_req(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn routes(counters: Counters) -> Router<AppContext> {
    let creates = counters.creates.clone();
    let flaky = counters.flaky.clone();
    Router::new()
        .route(
            "/v1/things",
            post(
                move |Business(p): Business, Json(body): Json<NewThing>| async move {
                    let n = creates.fetch_add(1, Ordering::SeqCst) + 1;
                    (
                        StatusCode::CREATED,
                        [("location", "/v1/things/1")],
                        Json(json!({
                            "account_id": p.account_id,
                            "name": body.name,
                            "lines": body.lines.len(),
                            "call": n,
                        })),
                    )
                },
            )
            .get(list_things),
        )
        .route("/v1/things/{id}", get(get_thing))
        .route(
            "/v1/flaky",
            post(move |Business(_): Business| async move {
                let n = flaky.fetch_add(1, Ordering::SeqCst) + 1;
                if n == 1 {
                    Err(ApiError::internal_msg("backend down"))
                } else {
                    Ok((StatusCode::CREATED, Json(json!({"call": n}))))
                }
            }),
        )
        .route(
            "/v1/things/{id}/send",
            post(
                |Business(_): Business, OptionalJson(note): OptionalJson<Note>| async move {
                    Json(json!({"message": note.message}))
                },
            ),
        )
        .route("/v1/panic", get(panicking))
        .route(
            "/v1/owner-only",
            get(|Owner(p): Owner| async move { p.subject }),
        )
        .route(
            "/v1/portal/me",
            get(|c: PortalClient| async move {
                Json(json!({"account_id": c.account_id, "contact_id": c.contact_id}))
            }),
        )
        .route(
            "/v1/auth/echo",
            post(|Json(v): Json<Value>| async move { Json(v) }),
        )
        .route(
            "/v1/auth/bulk",
            post(|Json(v): Json<Vec<Value>>| async move { Json(json!({"received": v.len()})) })
                .layer(DefaultBodyLimit::max(uome_http::BULK_BODY_LIMIT)),
        )
        .route(
            "/v1/me",
            get(|p: Option<Principal>| async move {
                Json(json!({"account_id": p.map(|p| p.account_id)}))
            }),
        )
        .route(
            "/v1/conflict",
            post(|| async {
                Err::<(), _>(
                    ApiError::conflict("duplicate_contact", "A contact has this email.")
                        .with_extra("existing_id", "c_1"),
                )
            }),
        )
}

async fn get_thing(Path(id): Path<Uuid>) -> Json<Value> {
    Json(json!({"id": id}))
}

async fn list_things(
    State(ctx): State<AppContext>,
    Business(p): Business,
    params: ListParams,
    Query(filter): Query<ListFilter>,
) -> Result<Json<Page<String>>, ApiError> {
    let scope = format!("{}:things", p.account_id);
    let after = params.start_after(&ctx.cursors, &scope)?;
    let start: usize = after.map(|k| k.key.sk.parse().unwrap_or(0)).unwrap_or(0);
    let total = 5usize;
    let end = (start + params.limit as usize).min(total);
    let data = (start..end)
        .map(|i| format!("{}{}", filter.tag.clone().unwrap_or_default(), i))
        .collect();
    let next = (end < total).then(|| uome_core::ports::LastKey {
        key: Key::new("ACCOUNT#x", end.to_string()),
        index: None,
    });
    Ok(Json(Page::new(data, next.as_ref(), &ctx.cursors, &scope)))
}

async fn panicking() -> &'static str {
    panic!("boom")
}

//! Latency of the two hottest catalogue routes through the whole shared
//! stack (auth, idempotency middleware, JSON, use case, SQLite table), and
//! the table calls each makes.
//!
//! `cargo bench -p uome-catalogue` prints, before criterion's own report,
//! p50/p95 over 300 timed calls of each route and the table calls per
//! request counted by a wrapper around the table port.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use uome_domain::AccountId;

use async_trait::async_trait;
use axum::Router;
use axum::body::Body;
use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;
use uome_core::accounts::AccountRecord;
use uome_core::keys::account_key;
use uome_core::ports::{BatchWrite, Condition, Item, Key, Page, Query, Table, TableError, Write};
use uome_http::Role;
use uome_testkit::TestEnv;
use uome_testkit::bench::percentile;

/// Counts every call that reaches the table, and the queries among them.
struct CountingTable {
    inner: Arc<dyn Table>,
    calls: AtomicUsize,
    queries: AtomicUsize,
}

impl CountingTable {
    fn take(&self) -> (usize, usize) {
        (
            self.calls.swap(0, Ordering::SeqCst),
            self.queries.swap(0, Ordering::SeqCst),
        )
    }

    fn hit(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
}

#[async_trait]
impl Table for CountingTable {
    async fn get(&self, key: &Key) -> Result<Option<Item>, TableError> {
        self.hit();
        self.inner.get(key).await
    }
    async fn batch_get(&self, keys: &[Key]) -> Result<Vec<Item>, TableError> {
        self.hit();
        self.inner.batch_get(keys).await
    }
    async fn put(&self, item: Item, condition: Condition) -> Result<(), TableError> {
        self.hit();
        self.inner.put(item, condition).await
    }
    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), TableError> {
        self.hit();
        self.inner.delete(key, condition).await
    }
    async fn query(&self, query: &Query) -> Result<Page, TableError> {
        self.hit();
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.query(query).await
    }
    async fn transact(&self, writes: Vec<Write>) -> Result<(), TableError> {
        self.hit();
        self.inner.transact(writes).await
    }
    async fn batch_write(&self, writes: Vec<BatchWrite>) -> Result<(), TableError> {
        self.hit();
        self.inner.batch_write(writes).await
    }
}

struct Bench {
    // Held for its temporary directory.
    _env: TestEnv,
    app: Router,
    bearer: String,
    table: Arc<CountingTable>,
}

async fn setup() -> Bench {
    let mut env = TestEnv::new();
    let table = Arc::new(CountingTable {
        inner: env.ctx.ports.table.clone(),
        calls: AtomicUsize::new(0),
        queries: AtomicUsize::new(0),
    });
    env.ctx.ports.table = table.clone();
    let ctx = &env.ctx;
    let account_id = AccountId::new(ctx.ports.ids.new_id().to_string());
    let user_id = ctx.ports.ids.new_id().to_string();
    let record = AccountRecord {
        id: account_id.clone(),
        owner_user_id: user_id.clone(),
        email_verified: true,
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
    let claims = ctx
        .jwt
        .access_claims(&user_id, &account_id, Role::Owner, ctx.now(), "bench");
    let bearer = format!("Bearer {}", ctx.jwt.issue(&claims).unwrap());
    let app = env.app(uome_catalogue::api());
    Bench {
        _env: env,
        app,
        bearer,
        table,
    }
}

impl Bench {
    async fn create(&self, n: usize) {
        let body = format!(
            r#"{{"name": "Item {n:05}", "type": "product", "sales_price": "19.99", "unit": "piece", "tax_rate": "20"}}"#
        );
        let request = Request::post("/v1/items")
            .header("authorization", &self.bearer)
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), 201);
        response.into_body().collect().await.unwrap();
    }

    async fn list(&self) {
        let request = Request::get("/v1/items?limit=50")
            .header("authorization", &self.bearer)
            .body(Body::empty())
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), 200);
        response.into_body().collect().await.unwrap();
    }
}

fn report(name: &str, mut times: Vec<Duration>, calls: (usize, usize), runs: usize) {
    times.sort();
    println!(
        "{name}: p50 {:?}, p95 {:?} over {} calls; table calls per request {:.1} (queries {:.1})",
        percentile(&times, 0.50),
        percentile(&times, 0.95),
        times.len(),
        calls.0 as f64 / runs as f64,
        calls.1 as f64 / runs as f64,
    );
}

fn routes(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let bench = rt.block_on(setup());
    const RUNS: usize = 300;

    // Our own p50 and call counts first, on a table of 300 items.
    let mut times = Vec::with_capacity(RUNS);
    bench.table.take();
    for n in 0..RUNS {
        let start = Instant::now();
        rt.block_on(bench.create(n));
        times.push(start.elapsed());
    }
    report("POST /v1/items", times, bench.table.take(), RUNS);
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        rt.block_on(bench.list());
        times.push(start.elapsed());
    }
    report("GET /v1/items?limit=50", times, bench.table.take(), RUNS);

    let mut n = RUNS;
    c.bench_function("create_item", |b| {
        b.to_async(&rt).iter(|| {
            n += 1;
            bench.create(n)
        })
    });
    c.bench_function("list_items_page_of_50", |b| {
        b.to_async(&rt).iter(|| bench.list())
    });
}

criterion_group!(benches, routes);
criterion_main!(benches);

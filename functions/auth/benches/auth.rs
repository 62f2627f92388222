//! What a login costs: one Argon2id hash (RustCrypto defaults), and the
//! latency of `POST /v1/auth/login` and `GET /v1/auth/me` through the whole
//! HTTP stack over the embedded adapters (SQLite), driven with `oneshot`.
//!
//! `cargo bench -p uome-auth --bench auth` runs criterion, then prints
//! p50/p90/p99 of single requests (criterion reports means of batches).

use std::hint::black_box;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use criterion::Criterion;
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_testkit::TestEnv;

const EMAIL: &str = "bench@example.com";
const PASSWORD: &str = "correct-horse-42";

async fn call(app: &Router, request: Request<Body>) -> Value {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|e| match e {});
    assert!(response.status().is_success(), "{}", response.status());
    let bytes = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

fn post(path: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap_or_default()
}

async fn login(app: &Router) -> Value {
    call(
        app,
        post(
            "/v1/auth/login",
            &json!({"email": EMAIL, "password": PASSWORD}),
        ),
    )
    .await
}

async fn me(app: &Router, token: &str) -> Value {
    let request = Request::get("/v1/auth/me")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap_or_default();
    call(app, request).await
}

fn percentiles(name: &str, runs: usize, mut once: impl FnMut()) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            once();
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    println!(
        "{name:<24} n={runs:<5} p50 {:>10.3?}  p90 {:>10.3?}  p99 {:>10.3?}",
        at(50),
        at(90),
        at(99)
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("tokio runtime: {e}"));
    let env = TestEnv::new();
    let app = env.app(uome_auth::api());
    let token = runtime.block_on(async {
        let body = json!({"first_name": "Bench", "last_name": "Mark", "email": EMAIL, "password": PASSWORD});
        call(&app, post("/v1/auth/signup", &body)).await;
        login(&app).await["access_token"].as_str().unwrap_or_default().to_string()
    });

    let mut criterion = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    criterion.bench_function("argon2id_hash", |b| {
        b.iter(|| uome_core::auth::password::hash_blocking(black_box(PASSWORD)))
    });
    criterion.bench_function("post_login", |b| b.iter(|| runtime.block_on(login(&app))));
    criterion.bench_function("get_me", |b| b.iter(|| runtime.block_on(me(&app, &token))));
    criterion.final_summary();

    // Only under `cargo bench`: `cargo test --benches` runs each once above.
    if std::env::args().any(|a| a == "--bench") {
        percentiles("argon2id hash", 30, || {
            black_box(uome_core::auth::password::hash_blocking(PASSWORD).ok());
        });
        percentiles("POST /v1/auth/login", 30, || {
            runtime.block_on(login(&app));
        });
        percentiles("GET /v1/auth/me", 500, || {
            runtime.block_on(me(&app, &token));
        });
    }
}

//! p50 of a contact create and of a 50-row list page through the whole
//! HTTP stack (`oneshot`, embedded SQLite table), and the Table calls each
//! makes, counted by a wrapper. Run: `cargo bench -p uome-contacts`.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use criterion::{Criterion, criterion_group, criterion_main};
use http::Method;
use serde_json::json;
use tower::ServiceExt;
use uome_testkit::TestEnv;
use uome_testkit::owner::{self, Owner};

fn request(owner: &Owner, method: Method, uri: &str, body: Option<String>) -> http::Request<Body> {
    let builder = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", owner.bearer());
    match body {
        Some(body) => builder
            .header("content-type", "application/json")
            .body(Body::from(body)),
        None => builder.body(Body::empty()),
    }
    .expect("request")
}

async fn send(app: &Router, request: http::Request<Body>) {
    let response = app.clone().oneshot(request).await.expect("response");
    assert!(response.status().is_success(), "{}", response.status());
    http_body_util::BodyExt::collect(response.into_body())
        .await
        .expect("body");
}

fn contacts(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let env = TestEnv::new();
    let (app, table, ctx) = env.counting_app(uome_contacts::api());
    let owner = rt.block_on(owner::owner(&ctx, true));
    let serial = AtomicU64::new(0);
    let body = |n: u64| {
        json!({
            "company_name": format!("Bench Company {n:06}"),
            "email": format!("bench{n}@example.com"),
            "billing_address": {"line1": "1 High Street", "city": "London", "postal_code": "SW1A 1AA", "country_code": "GB"},
            "tags": ["bench"],
        })
        .to_string()
    };
    rt.block_on(async {
        for _ in 0..200 {
            let n = serial.fetch_add(1, Ordering::Relaxed);
            send(
                &app,
                request(&owner, Method::POST, "/v1/contacts", Some(body(n))),
            )
            .await;
        }
        table.take();
        let n = serial.fetch_add(1, Ordering::Relaxed);
        send(
            &app,
            request(&owner, Method::POST, "/v1/contacts", Some(body(n))),
        )
        .await;
        eprintln!("table calls, create: {:?}", table.take());
        send(
            &app,
            request(&owner, Method::GET, "/v1/contacts?limit=50", None),
        )
        .await;
        eprintln!("table calls, list page of 50: {:?}", table.take());
        send(
            &app,
            request(
                &owner,
                Method::GET,
                "/v1/contacts?limit=50&search=bench",
                None,
            ),
        )
        .await;
        eprintln!("table calls, search page of 50: {:?}", table.take());
    });

    let mut group = c.benchmark_group("contacts");
    group.sample_size(60);
    group.bench_function("create", |b| {
        b.iter(|| {
            let n = serial.fetch_add(1, Ordering::Relaxed);
            rt.block_on(send(
                &app,
                request(&owner, Method::POST, "/v1/contacts", Some(body(n))),
            ));
        })
    });
    group.bench_function("list_page_50", |b| {
        b.iter(|| {
            rt.block_on(send(
                &app,
                request(&owner, Method::GET, "/v1/contacts?limit=50", None),
            ))
        })
    });
    group.bench_function("search_page_50", |b| {
        b.iter(|| {
            rt.block_on(send(
                &app,
                request(
                    &owner,
                    Method::GET,
                    "/v1/contacts?limit=50&search=bench",
                    None,
                ),
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, contacts);
criterion_main!(benches);

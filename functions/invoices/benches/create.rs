//! Invoice create through the whole HTTP stack (`oneshot`, embedded SQLite
//! table, the shared middleware) with 10 and with 500 lines: criterion's
//! estimate, then p50/p99 over a fixed number of timed requests (criterion
//! reports means and medians, not tails). Run:
//! `cargo bench -p uome-invoices --bench create -- --quick`.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_testkit::TestEnv;
use uome_testkit::bench::percentile;

/// Timed requests per size for the percentiles.
const SAMPLES: usize = 200;

fn body(contact_id: &str, lines: usize) -> String {
    let lines: Vec<Value> = (0..lines)
        .map(|i| {
            json!({
                "description": format!("Line {i}"),
                "quantity": (i % 7) + 1,
                "unit_price": format!("{}.{:02}", 10 + i % 90, i % 100),
                "discount_rate": i % 3,
                "tax_rate": if i % 2 == 0 { 20 } else { 5 },
            })
        })
        .collect();
    json!({"contact_id": contact_id, "discount_rate": "2.5", "lines": lines}).to_string()
}

async fn create(app: &Router, bearer: &str, body: &str) {
    let request = http::Request::post("/v1/invoices")
        .header("authorization", bearer)
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    assert_eq!(response.status(), 201);
    http_body_util::BodyExt::collect(response.into_body())
        .await
        .expect("body");
}

fn invoices(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let env = TestEnv::new();
    let app = env.app(uome_invoices::api());
    let (bearer, contact_id) = rt.block_on(async {
        let owner = env.owner(true).await;
        let input =
            serde_json::from_value(json!({"company_name": "Bench Client", "roles": ["customer"]}))
                .expect("contact input");
        let contact =
            uome_core::contacts::create_contact(&env.ctx.ports, &owner.account_id, input, false)
                .await
                .expect("contact");
        (owner.bearer(), contact.id)
    });

    let mut group = c.benchmark_group("invoice_create");
    for lines in [10usize, 500] {
        let payload = body(&contact_id, lines);
        group.bench_function(format!("{lines}_lines"), |b| {
            b.iter(|| rt.block_on(create(&app, &bearer, &payload)))
        });
        let mut times: Vec<Duration> = (0..SAMPLES)
            .map(|_| {
                let start = Instant::now();
                rt.block_on(create(&app, &bearer, &payload));
                start.elapsed()
            })
            .collect();
        times.sort();
        eprintln!(
            "invoice create, {lines} lines, {SAMPLES} requests: p50 {:?}, p99 {:?}, body {} bytes",
            percentile(&times, 0.50),
            percentile(&times, 0.99),
            payload.len()
        );
    }
    group.finish();
}

criterion_group!(benches, invoices);
criterion_main!(benches);

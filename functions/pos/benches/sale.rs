//! A 5-line sale on the embedded adapters (SQLite table): the whole route
//! through the shared HTTP stack (authentication, the JSON body, the use
//! case's batch read and transaction, the answer). Prints p50 and p99 over
//! a fixed number of sales, cash and card alternating, all on one till so
//! the receipt counter is contended the way a real one is (serially).
//! A bench binary: the tails are what matter.
//!
//! `cargo bench -p uome-pos --bench sale`

use std::time::Instant;

use serde_json::json;
use uome_testkit::TestEnv;
use uome_testkit::bench::percentile;
use uome_testkit::requests::call;

const SALES: usize = 300;
const WARM_UP: usize = 20;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let env = TestEnv::new();
    let app = env.app(uome_pos::api());
    let owner = rt.block_on(env.owner(true));
    let sale = |i: usize| {
        let method = if i.is_multiple_of(2) { "cash" } else { "card" };
        json!({"payment_method": method, "lines": [
            {"description": "Flat white", "quantity": 1, "unit_price": "4.60", "tax_rate": "20"},
            {"description": "Croissant", "quantity": 2, "unit_price": "2.35", "tax_rate": "20"},
            {"description": "Beans 250 g", "quantity": 1, "unit_price": "9.98", "tax_rate": "5"},
            {"description": "Oat milk", "quantity": 3, "unit_price": "1.20", "tax_rate": "5"},
            {"description": "Gift card", "quantity": 1, "unit_price": "25.00", "tax_rate": "0"}
        ]})
    };
    let mut times = Vec::with_capacity(SALES);
    rt.block_on(async {
        for i in 0..WARM_UP + SALES {
            let started = Instant::now();
            let (status, body) = call(
                &app,
                http::Method::POST,
                "/v1/pos/sales",
                &owner,
                Some(sale(i)),
            )
            .await;
            let elapsed = started.elapsed();
            assert_eq!(status, http::StatusCode::CREATED, "{body}");
            if i >= WARM_UP {
                times.push(elapsed);
            }
        }
    });
    times.sort();
    println!(
        "5-line sale, embedded adapters, {SALES} sales: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0
    );
}

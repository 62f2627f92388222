//! The cost model's measured facts (docs/cost.md): a typical business's
//! day of API calls runs against the local server (release build, embedded
//! adapters) under the Lambda log subscriber, and each request's own log
//! line gives its route, latency, `Table` calls and the DynamoDB request
//! units they come to (`uome_core::ports::request_calls`). Prints per
//! route the calls in the mix and the means, then the bill of one million
//! calls of that mix at us-east-1 prices, each assumption named.
//!
//!   cargo run --release -p uome-tests --example cost
//!
//! (An example rather than a bench: it shares the release build of the
//! functions instead of a bench profile's own.)

use std::collections::BTreeMap;

use reqwest::Method;
use serde_json::{Value, json};
use uome_tests::captured_log::CapturedLog;
use uome_tests::server::{TestAccount, TestServer};

/// us-east-1 list prices (USD), arm64 Lambda.
mod price {
    pub const HTTP_API_PER_M: f64 = 1.00;
    pub const LAMBDA_REQUESTS_PER_M: f64 = 0.20;
    pub const LAMBDA_GB_SECOND: f64 = 0.000_013_333_4;
    pub const DYNAMO_READ_UNITS_PER_M: f64 = 0.125;
    pub const DYNAMO_WRITE_UNITS_PER_M: f64 = 0.625;
    pub const SES_PER_THOUSAND: f64 = 0.10;
    pub const SQS_PER_M: f64 = 0.40;
    pub const LOGS_PER_GB: f64 = 0.50;
    /// The Infrequent Access class the template gives the functions' log
    /// groups (`FunctionLogClass`).
    pub const LOGS_IA_PER_GB: f64 = 0.25;
}

/// The modelling assumptions, beside the measured numbers.
mod assume {
    /// A DynamoDB round trip from Lambda in the same region, p50.
    pub const DYNAMO_MS: f64 = 6.0;
    /// Lambda gives a full vCPU at 1,769 MB and a share in proportion
    /// below: CPU time measured here (one core) stretches by this much.
    pub fn cpu_stretch(memory_mb: f64) -> f64 {
        (1769.0 / memory_mb).max(1.0)
    }
    /// Bytes a function logs per invocation: our line (≈ 420) and the
    /// timestamp and request id Lambda's JSON log format adds (≈ 60).
    /// Lambda's START/END/REPORT lines (≈ 330) are dropped by the
    /// template's `PlatformLogLevel: WARN`.
    pub const FUNCTION_LOG_BYTES: f64 = 420.0 + 60.0;
    /// The API stage's access line, in a Standard log group.
    pub const ACCESS_LOG_BYTES: f64 = 260.0;
    /// Emails per 1,000 calls for the table of other mixes.
    pub const EMAIL_RATES: [f64; 5] = [0.0, 1.0, 2.0, 5.0, 10.0];
    /// Of every API call, how many reminders and recurring invoices the
    /// same business's jobs make (docs/cost.md): one reminder per four
    /// invoices created, one recurring invoice per ten.
    pub const REMINDERS_PER_INVOICE: f64 = 0.25;
    pub const RECURRING_PER_INVOICE: f64 = 0.1;
}

async fn call(
    t: &TestServer,
    who: &TestAccount,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let (status, value) = t.call(who, method, path, body).await;
    assert!(status.is_success(), "{path}: {status} {value}");
    value
}

/// One business's day: what an owner and the product's own front end do.
async fn day(t: &TestServer) {
    let (status, _) =
        {
            let r = t
            .client
            .post(t.url("/v1/auth/signup"))
            .json(&json!({"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com",
                          "password": "a-long-password-1", "company_name": "Engines Ltd"}))
            .send()
            .await
            .unwrap();
            (r.status(), ())
        };
    assert!(status.is_success());
    let who = t.account(true).await;
    let mut contacts = Vec::new();
    for i in 0..10 {
        let c = call(
            t,
            &who,
            Method::POST,
            "/v1/contacts",
            Some(json!({"company_name": format!("Client {i}"),
            "roles": ["customer"], "email": format!("c{i}@client.example")})),
        )
        .await;
        contacts.push(c["id"].as_str().unwrap().to_string());
    }
    for i in 0..5 {
        call(
            t,
            &who,
            Method::POST,
            "/v1/items",
            Some(json!({"name": format!("Service {i}"), "sales_price": "80.00"})),
        )
        .await;
    }
    let mut invoices = Vec::new();
    for (i, contact) in contacts.iter().enumerate().take(8) {
        let invoice = call(t, &who, Method::POST, "/v1/invoices", Some(json!({"contact_id": contact, "status": "issued",
            "lines": [{"description": "Consulting", "quantity": 3, "unit_price": "95.00", "tax_rate": 20},
                      {"description": "Travel", "quantity": 1, "unit_price": "40.00", "tax_rate": 20}]}))).await;
        let id = invoice["id"].as_str().unwrap().to_string();
        if i < 6 {
            call(
                t,
                &who,
                Method::POST,
                &format!("/v1/invoices/{id}/send"),
                Some(json!({})),
            )
            .await;
        }
        invoices.push(id);
    }
    for id in invoices.iter().take(4) {
        call(
            t,
            &who,
            Method::POST,
            &format!("/v1/invoices/{id}/payments"),
            Some(json!({"amount": "100.00", "method": "bank_transfer"})),
        )
        .await;
    }
    for contact in contacts.iter().take(3) {
        call(t, &who, Method::POST, "/v1/quotes", Some(json!({"contact_id": contact,
            "lines": [{"description": "Design", "quantity": 10, "unit_price": "80.00", "tax_rate": 20}]}))).await;
    }
    // Reading dominates: lists, documents, contacts, the books.
    for _ in 0..3 {
        for path in [
            "/v1/invoices",
            "/v1/contacts",
            "/v1/quotes",
            "/v1/items",
            "/v1/payments",
        ] {
            call(t, &who, Method::GET, path, None).await;
        }
        for id in &invoices {
            call(t, &who, Method::GET, &format!("/v1/invoices/{id}"), None).await;
        }
        for id in contacts.iter().take(5) {
            call(t, &who, Method::GET, &format!("/v1/contacts/{id}"), None).await;
        }
        call(t, &who, Method::GET, "/v1/ledger/balances", None).await;
        call(t, &who, Method::GET, "/v1/account/company", None).await;
    }
    for id in invoices.iter().take(2) {
        let r = t
            .client
            .get(t.url(&format!("/v1/invoices/{id}/pdf")))
            .header("authorization", who.bearer())
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
    }
}

#[derive(Default)]
struct Route {
    count: u32,
    latency_ms: f64,
    calls: f64,
    reads: f64,
    writes: f64,
}

fn main() {
    let captured = CapturedLog::install();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        // A warm-up day, then the measured one on a fresh server.
        day(&TestServer::start().await).await;
        captured.clear();
        day(&TestServer::start().await).await;
    });

    let log = captured.text();
    let mut routes: BTreeMap<String, Route> = BTreeMap::new();
    for line in log.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if v["message"] != "request" || v["span"]["route"].as_str().is_none_or(str::is_empty) {
            continue;
        }
        let key = format!(
            "{} {}",
            v["span"]["method"].as_str().unwrap_or(""),
            v["span"]["route"].as_str().unwrap()
        );
        let r = routes.entry(key).or_default();
        r.count += 1;
        r.latency_ms += v["latency_ms"].as_f64().unwrap_or(0.0);
        r.calls += v["table_calls"].as_f64().unwrap_or(0.0);
        r.reads += v["read_units"].as_f64().unwrap_or(0.0);
        r.writes += v["write_units"].as_f64().unwrap_or(0.0);
    }
    let total: u32 = routes.values().map(|r| r.count).sum();
    println!(
        "| route | calls in the day | latency here (ms) | table calls | read units | write units |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let (mut lat, mut calls, mut reads, mut writes) = (0.0, 0.0, 0.0, 0.0);
    for (name, r) in &routes {
        let n = f64::from(r.count);
        println!(
            "| {name} | {} | {:.2} | {:.1} | {:.1} | {:.1} |",
            r.count,
            r.latency_ms / n,
            r.calls / n,
            r.reads / n,
            r.writes / n
        );
        lat += r.latency_ms;
        calls += r.calls;
        reads += r.reads;
        writes += r.writes;
    }
    let n = f64::from(total);
    let (lat, calls, reads, writes) = (lat / n, calls / n, reads / n, writes / n);
    println!(
        "| **mean of the mix** | {total} | {lat:.2} | {calls:.2} | {reads:.2} | {writes:.2} |"
    );

    let sends = routes
        .get("POST /v1/invoices/{id}/send")
        .map_or(0.0, |r| f64::from(r.count))
        / n;
    let invoices = routes
        .get("POST /v1/invoices")
        .map_or(0.0, |r| f64::from(r.count))
        / n;
    let jobs_per_call = invoices * (assume::REMINDERS_PER_INVOICE + assume::RECURRING_PER_INVOICE);
    let emails_per_call = sends + jobs_per_call;
    let million = 1_000_000.0;
    println!();
    println!(
        "One million calls of this mix, plus its jobs ({:.0} reminders and recurring invoices), per month:",
        jobs_per_call * million
    );
    println!();
    println!("| item | 128 MB | 256 MB | 1024 MB |");
    println!("|---|---:|---:|---:|");
    let bill = |memory: f64| -> Vec<(&str, f64)> {
        let duration_s = (lat * assume::cpu_stretch(memory) + calls * assume::DYNAMO_MS) / 1000.0;
        // A job costs about what an invoice's send does: one more Lambda
        // call, one SQS message (send, receive, delete), its table work.
        let invokes = million * (1.0 + jobs_per_call);
        vec![
            ("HTTP API requests", price::HTTP_API_PER_M),
            (
                "Lambda requests",
                price::LAMBDA_REQUESTS_PER_M * invokes / million,
            ),
            (
                "Lambda duration",
                invokes * duration_s * memory / 1024.0 * price::LAMBDA_GB_SECOND,
            ),
            (
                "DynamoDB reads",
                reads * (1.0 + jobs_per_call) * price::DYNAMO_READ_UNITS_PER_M,
            ),
            (
                "DynamoDB writes",
                writes * (1.0 + jobs_per_call) * price::DYNAMO_WRITE_UNITS_PER_M,
            ),
            (
                "SES emails",
                emails_per_call * million / 1000.0 * price::SES_PER_THOUSAND,
            ),
            (
                "SQS (3 requests a job)",
                jobs_per_call * 3.0 * price::SQS_PER_M,
            ),
            (
                "CloudWatch Logs",
                (invokes * assume::FUNCTION_LOG_BYTES * price::LOGS_IA_PER_GB
                    + million * assume::ACCESS_LOG_BYTES * price::LOGS_PER_GB)
                    / 1e9,
            ),
        ]
    };
    let bills: Vec<Vec<(&str, f64)>> = [128.0, 256.0, 1024.0].into_iter().map(bill).collect();
    for (j, (item, at_128)) in bills[0].iter().enumerate() {
        println!(
            "| {item} | ${at_128:.3} | ${:.3} | ${:.3} |",
            bills[1][j].1, bills[2][j].1
        );
    }
    let totals: Vec<f64> = bills
        .iter()
        .map(|b| b.iter().map(|(_, v)| v).sum())
        .collect();
    println!(
        "| **total per million calls** | **${:.2}** | **${:.2}** | **${:.2}** |",
        totals[0], totals[1], totals[2]
    );

    // Other mixes: a smaller share of calls that write, fewer emails.
    // Write units scale with the share of writing calls; reads, Lambda,
    // logs and the jobs' SQS stay as measured (128 MB).
    let writing = routes
        .iter()
        .filter(|(name, _)| !name.starts_with("GET "))
        .map(|(_, r)| f64::from(r.count))
        .sum::<f64>()
        / n;
    let item = |name: &str| {
        bills[0]
            .iter()
            .find(|(item, _)| *item == name)
            .map_or(0.0, |(_, v)| *v)
    };
    let rest = totals[0] - item("DynamoDB writes") - item("SES emails");
    // A million calls at r emails per thousand send r thousand emails.
    let ses = |per_thousand: f64| per_thousand * price::SES_PER_THOUSAND;
    let mut rates = assume::EMAIL_RATES.to_vec();
    rates.push(emails_per_call * 1000.0);
    println!();
    print!("| calls that write \\ emails per 1,000 calls |");
    for rate in &rates {
        print!(" {rate:.1} |");
    }
    println!();
    println!("|---:|{}", "---:|".repeat(rates.len()));
    for share in [writing, 0.2, 0.1, 0.05] {
        print!("| {:.0} % |", share * 100.0);
        for rate in &rates {
            let bill = rest + item("DynamoDB writes") * share / writing + ses(*rate);
            print!(" ${bill:.2} |");
        }
        println!();
    }
}

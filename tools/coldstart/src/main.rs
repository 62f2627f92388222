//! The cold-start bench (issue 17, docs/cold-starts.md): a local Lambda
//! Runtime API, like AWS's runtime interface emulator, that starts each
//! function's release binary and times
//!
//! - **init**: process start → its first `GET …/invocation/next` (what
//!   Lambda reports as Init Duration);
//! - **first**: the first event handed over → its response posted;
//! - **warm**: the median of the next `--warm` invocations;
//!
//! against the bare `lambda_runtime` hello world (`hello`), built the same
//! way in the same run, with each binary's size (and `hello-one-thread`,
//! the same on the current-thread runtime the functions use). Each HTTP
//! function gets a real API Gateway v2 event for one of its routes without
//! credentials (a 401 that touches no AWS service; `system` answers its
//! health check); the queue and bucket consumers an event with no records.
//! AWS endpoints point at a closed local port, so nothing leaves the
//! machine.
//!
//!   cargo build --release -p uome-coldstart --bins && cargo build --release --bins …
//!   target/release/coldstart target/release [--runs 5] [--warm 50] [--only system,auth]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::{Mutex, Notify, mpsc, oneshot};

/// What each binary is sent.
enum Event {
    Http(&'static str, &'static str),
    NoRecords,
    /// Its handler reaches AWS at once (the scheduler's query): init only.
    InitOnly,
    Echo,
}

const FUNCTIONS: [(&str, Event); 18] = [
    ("hello", Event::Echo),
    ("hello-one-thread", Event::Echo),
    ("system", Event::Http("GET", "/v1/health")),
    ("auth", Event::Http("GET", "/v1/auth/me")),
    ("account", Event::Http("GET", "/v1/account/profile")),
    ("contacts", Event::Http("GET", "/v1/contacts")),
    ("catalogue", Event::Http("GET", "/v1/items")),
    ("quotes", Event::Http("GET", "/v1/quotes")),
    ("invoices", Event::Http("GET", "/v1/invoices")),
    ("orders", Event::Http("GET", "/v1/orders")),
    ("pos", Event::Http("GET", "/v1/pos/sales")),
    ("purchase-orders", Event::Http("GET", "/v1/purchase-orders")),
    ("uploads", Event::Http("POST", "/v1/uploads")),
    ("web", Event::Http("GET", "/portal")),
    ("reminders", Event::NoRecords),
    ("recurring", Event::NoRecords),
    ("attachments", Event::NoRecords),
    ("scheduler", Event::InitOnly),
];

fn payload(event: &Event) -> Value {
    match event {
        Event::Http(method, path) => json!({
            "version": "2.0",
            "routeKey": format!("{method} {path}"),
            "rawPath": path,
            "rawQueryString": "",
            "headers": {"accept": "application/json", "host": "abc123.execute-api.eu-west-2.amazonaws.com",
                        "content-type": "application/json", "user-agent": "coldstart"},
            "requestContext": {
                "accountId": "123456789012", "apiId": "abc123",
                "domainName": "abc123.execute-api.eu-west-2.amazonaws.com", "domainPrefix": "abc123",
                "http": {"method": method, "path": path, "protocol": "HTTP/1.1",
                         "sourceIp": "203.0.113.7", "userAgent": "coldstart"},
                "requestId": "coldstart", "routeKey": format!("{method} {path}"), "stage": "$default",
                "time": "06/Dec/2026:12:00:00 +0000", "timeEpoch": 1796558400000i64
            },
            "body": if *method == "POST" { "{}" } else { "" },
            "isBase64Encoded": false
        }),
        Event::NoRecords => json!({"Records": []}),
        Event::Echo => json!({"hello": "world"}),
        Event::InitOnly => Value::Null,
    }
}

/// The Runtime API's state for one process.
struct Runtime {
    events: Mutex<mpsc::Receiver<(String, Value)>>,
    first_poll: Notify,
    polled: Mutex<Option<Instant>>,
    pending: Mutex<HashMap<String, oneshot::Sender<()>>>,
}

async fn next(State(rt): State<Arc<Runtime>>) -> Response {
    {
        let mut polled = rt.polled.lock().await;
        if polled.is_none() {
            *polled = Some(Instant::now());
            rt.first_poll.notify_one();
        }
    }
    let Some((id, event)) = rt.events.lock().await.recv().await else {
        return StatusCode::GONE.into_response();
    };
    let mut headers = HeaderMap::new();
    let deadline = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
        + 30_000;
    let header = |v: String| HeaderValue::from_str(&v).unwrap_or(HeaderValue::from_static(""));
    headers.insert("lambda-runtime-aws-request-id", header(id));
    headers.insert("lambda-runtime-deadline-ms", header(deadline.to_string()));
    headers.insert(
        "lambda-runtime-invoked-function-arn",
        HeaderValue::from_static("arn:aws:lambda:eu-west-2:123456789012:function:coldstart"),
    );
    headers.insert(
        "lambda-runtime-trace-id",
        HeaderValue::from_static("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0"),
    );
    (headers, event.to_string()).into_response()
}

async fn done(
    State(rt): State<Arc<Runtime>>,
    UrlPath(id): UrlPath<String>,
    _: Bytes,
) -> StatusCode {
    if let Some(tx) = rt.pending.lock().await.remove(&id) {
        let _ = tx.send(());
    }
    StatusCode::ACCEPTED
}

async fn init_error(body: Bytes) -> StatusCode {
    eprintln!("init error: {}", String::from_utf8_lossy(&body));
    StatusCode::ACCEPTED
}

/// One measured cold start of `binary`.
struct Sample {
    init: Duration,
    first: Option<Duration>,
    warm: Vec<Duration>,
}

async fn cold_start(binary: &Path, event: &Event, warm: usize) -> anyhow::Result<Sample> {
    let (tx, rx) = mpsc::channel(1);
    let rt = Arc::new(Runtime {
        events: Mutex::new(rx),
        first_poll: Notify::new(),
        polled: Mutex::new(None),
        pending: Mutex::new(HashMap::new()),
    });
    let app = Router::new()
        .route("/2018-06-01/runtime/invocation/next", get(next))
        .route("/2018-06-01/runtime/invocation/{id}/response", post(done))
        .route("/2018-06-01/runtime/invocation/{id}/error", post(done))
        .route("/2018-06-01/runtime/init/error", post(init_error))
        .with_state(rt.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr: SocketAddr = listener.local_addr()?;
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let started = Instant::now();
    let mut child = tokio::process::Command::new(binary)
        .env_clear()
        .envs(environment(addr))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("cannot start {}", binary.display()))?;
    tokio::time::timeout(Duration::from_secs(20), rt.first_poll.notified())
        .await
        .context("no first poll within 20 s")?;
    let polled = rt.polled.lock().await.unwrap_or(started);
    let init = polled - started;

    let mut first = None;
    let mut warm_times = Vec::new();
    if !matches!(event, Event::InitOnly) {
        for i in 0..=warm {
            let id = format!("req-{i}");
            let (done_tx, done_rx) = oneshot::channel();
            rt.pending.lock().await.insert(id.clone(), done_tx);
            let sent = Instant::now();
            tx.send((id, payload(event))).await?;
            tokio::time::timeout(Duration::from_secs(20), done_rx)
                .await
                .context("no response within 20 s")??;
            let took = sent.elapsed();
            if i == 0 {
                first = Some(took);
            } else {
                warm_times.push(took);
            }
        }
    }
    let _ = child.kill().await;
    server.abort();
    Ok(Sample {
        init,
        first,
        warm: warm_times,
    })
}

fn environment(addr: SocketAddr) -> Vec<(String, String)> {
    let closed = "http://127.0.0.1:9";
    [
        ("AWS_LAMBDA_RUNTIME_API", addr.to_string().as_str()),
        ("AWS_LAMBDA_FUNCTION_NAME", "coldstart"),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"),
        ("AWS_LAMBDA_LOG_GROUP_NAME", "/uome/coldstart"),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "coldstart"),
        ("AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH", "true"),
        ("AWS_REGION", "eu-west-2"),
        ("AWS_ACCESS_KEY_ID", "coldstart"),
        ("AWS_SECRET_ACCESS_KEY", "coldstart"),
        ("AWS_ENDPOINT_URL", closed),
        ("RUST_LOG", "info"),
        ("UOME_TABLE", "uome"),
        ("UOME_BUCKET", "uome-uploads"),
        ("UOME_PUBLIC_URL", "https://app.example"),
        ("UOME_MAIL_FROM", "billing@app.example"),
        ("UOME_JWT_SECRET", "coldstart-secret-of-at-least-32-bytes!"),
        ("UOME_REMINDERS_QUEUE_URL", "http://127.0.0.1:9/reminders"),
        ("UOME_RECURRING_QUEUE_URL", "http://127.0.0.1:9/recurring"),
        ("PATH", "/usr/bin:/bin"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn median(mut values: Vec<Duration>) -> Option<Duration> {
    values.sort();
    values.get(values.len() / 2).copied()
}

fn ms(d: Option<Duration>) -> String {
    d.map_or_else(
        || "–".to_owned(),
        |d| format!("{:.1}", d.as_secs_f64() * 1000.0),
    )
}

fn arg(args: &[String], name: &str, default: usize) -> anyhow::Result<usize> {
    match args.iter().position(|a| a == name) {
        Some(i) => Ok(args.get(i + 1).context("a number follows")?.parse()?),
        None => Ok(default),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        bail!("usage: coldstart BIN_DIR [--runs N] [--warm N] [--only a,b]");
    };
    let runs = arg(&args, "--runs", 5)?;
    // `--only hello,system`: a subset (the hello world is always first).
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(|list| list.split(',').map(str::to_owned).collect());
    let warm = arg(&args, "--warm", 50)?;
    let selected: Vec<&(&str, Event)> = FUNCTIONS
        .iter()
        .filter(|(name, _)| {
            *name == "hello" || only.as_ref().is_none_or(|o| o.iter().any(|n| n == name))
        })
        .collect();
    let sizes = selected
        .iter()
        .map(|(name, _)| {
            let binary = dir.join(name);
            std::fs::metadata(&binary)
                .map(|m| m.len())
                .with_context(|| format!("no binary {}", binary.display()))
        })
        .collect::<anyhow::Result<Vec<u64>>>()?;
    // Round by round, every binary once a round: a shared machine's drift
    // (it moves wall-clock figures by ±20 % over minutes) then reaches the
    // hello world and the functions alike instead of skewing "× hello".
    let mut samples: Vec<Vec<Sample>> = selected.iter().map(|_| Vec::new()).collect();
    for _ in 0..runs {
        for ((name, event), taken) in selected.iter().zip(&mut samples) {
            taken.push(cold_start(&dir.join(name), event, warm).await?);
        }
    }
    println!("| function | size (MB) | init (ms) | × hello | first (ms) | warm p50 (ms) |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut hello_init = None;
    for (((name, _), size), taken) in selected.iter().zip(sizes).zip(samples) {
        let init = median(taken.iter().map(|s| s.init).collect());
        let firsts = taken.iter().filter_map(|s| s.first).collect();
        let warms = taken.into_iter().flat_map(|s| s.warm).collect();
        if *name == "hello" {
            hello_init = init;
        }
        let ratio = match (init, hello_init) {
            (Some(i), Some(h)) if !h.is_zero() => {
                format!("{:.1}", i.as_secs_f64() / h.as_secs_f64())
            }
            _ => "–".to_owned(),
        };
        println!(
            "| {name} | {:.1} | {} | {ratio} | {} | {} |",
            size as f64 / 1_000_000.0,
            ms(init),
            ms(median(firsts)),
            ms(median(warms)),
        );
    }
    Ok(())
}

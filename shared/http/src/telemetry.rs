//! Logging set-up, once per process: JSON lines in Lambda (CloudWatch
//! indexes the fields: request id, account id, route, latency), readable
//! lines locally. `RUST_LOG` filters; the default is `info`.

use tracing_subscriber::EnvFilter;

fn filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"))
}

/// For Lambda: JSON, no ANSI colours, no timestamps (CloudWatch adds them).
pub fn init_lambda() {
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter())
        .with_current_span(true)
        .with_ansi(false)
        .without_time()
        .with_target(false)
        .try_init();
}

/// For the local server: compact human-readable lines.
pub fn init_local() {
    let _ = tracing_subscriber::fmt()
        .compact()
        .with_env_filter(filter())
        .with_target(false)
        .try_init();
}

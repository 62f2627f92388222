//! Logging set-up, once per process: JSON lines in Lambda (CloudWatch
//! indexes the fields: request id, account id, route, latency), readable
//! lines locally. `RUST_LOG` filters; the default is `info`.

use tracing_subscriber::EnvFilter;

fn filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"))
}

/// For Lambda: JSON, no ANSI colours, no timestamps (CloudWatch adds them).
pub fn init_lambda() {
    let _ = tracing::subscriber::set_global_default(lambda_subscriber(std::io::stdout));
}

/// The Lambda subscriber writing to `writer`: one JSON object per line,
/// the current span's fields (request id, route, account id) flattened
/// into each. The black-box log test installs it over a buffer.
pub fn lambda_subscriber<W>(writer: W) -> impl tracing::Subscriber + Send + Sync + 'static
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter())
        .with_current_span(true)
        .with_span_list(false)
        .flatten_event(true)
        .with_ansi(false)
        .without_time()
        .with_target(false)
        .with_writer(writer)
        .finish()
}

/// For the local server: compact human-readable lines.
pub fn init_local() {
    let _ = tracing_subscriber::fmt()
        .compact()
        .with_env_filter(filter())
        .with_target(false)
        .try_init();
}

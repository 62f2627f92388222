//! `uome-local`: serves the whole API on 127.0.0.1 until Ctrl-C.

use anyhow::Context;
use uome_local::{LocalConfig, start};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    uome_http::telemetry::init_local();
    let config =
        LocalConfig::from_args_and_env(std::env::args().skip(1), |k| std::env::var(k).ok())?;
    let data_dir = config.data_dir.clone();
    let server = start(config).await?;
    tracing::info!(
        url = %server.base_url,
        data_dir = %data_dir.display(),
        "uome-local serving the API (GET /v1/health, /v1/openapi.json, /_local/outbox)"
    );
    println!("uome-local listening on {}", server.base_url);
    tokio::signal::ctrl_c()
        .await
        .context("cannot wait for Ctrl-C")?;
    server.stop().await
}

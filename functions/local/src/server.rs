//! Composes the local server: the embedded adapters behind core's ports,
//! every function's router (the list the OpenAPI document is built from),
//! the local-only routes, and the shared HTTP stack.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::{Extension, Router};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use uome_adapters::embedded::{EmbeddedPorts, InProcessQueue, OutboxMailer, embedded_ports};
use uome_core::jobs::{DueScheduler, job_handlers};
use uome_core::ports::{Clock, RandomIds, SystemClock};
use uome_http::{AppContext, HttpConfig, JwtConfig, TableCredentials};

use crate::config::LocalConfig;
use crate::job_loop::JobLoop;
use crate::local_routes::{self, LocalState};
use crate::secrets::LocalSecrets;

/// Everything a test (or main) may want to reach inside a built server.
pub struct LocalApp {
    pub router: Router,
    pub ctx: AppContext,
    pub queue: Arc<InProcessQueue>,
    pub outbox: Arc<OutboxMailer>,
    pub jobs: Arc<JobLoop>,
}

/// Builds the app for the given public URL (links and presigned URLs).
pub fn build(config: &LocalConfig, public_url: &str) -> anyhow::Result<LocalApp> {
    let data_dir = &config.data_dir;
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    let secrets = LocalSecrets::load(config.jwt_secret.as_deref(), data_dir)?;
    let clock: Arc<dyn Clock> = match &config.clock {
        Some(fixed) => fixed.clone(),
        None => Arc::new(SystemClock),
    };

    let embedded = embedded_ports(
        data_dir,
        public_url,
        secrets.blobs.clone(),
        clock.clone(),
        Arc::new(RandomIds),
    )
    .context("cannot open the embedded storage")?;
    let EmbeddedPorts {
        ports,
        blobs,
        outbox,
        queue,
    } = embedded;
    let mail_from = uome_core::service::parse_mailbox(&config.mail_from)
        .context("UOME_MAIL_FROM is not an email address")?;
    let ctx = AppContext::new(
        ports.clone(),
        HttpConfig {
            public_url: public_url.to_string(),
            jwt: JwtConfig::uome(secrets.jwt.clone()),
            cursor_secret: secrets.cursors.clone(),
            mail_from: mail_from.clone(),
        },
    )
    .with_credentials(Arc::new(TableCredentials::new(ports.clone())));
    let service = uome_core::service::ServiceConfig::new(public_url, mail_from.clone());
    let mut jobs =
        JobLoop::new(queue.clone()).with_scheduler(Arc::new(DueScheduler::new(ports.clone())));
    for handler in job_handlers(&ports, &service) {
        jobs = jobs.with_handler(handler);
    }
    let jobs = Arc::new(jobs);

    let document = Arc::new(uome_system::OpenApiJson::of(
        &uome_system::openapi_document(),
    ));
    let mut functions: Router<AppContext> = Router::new();
    for api in uome_system::apis() {
        functions = functions.merge(api.split_for_parts().0);
    }
    // The pages behind the emailed links, at the same paths as in the cloud.
    functions = functions.merge(uome_web::router());
    let functions = functions.layer(Extension(document)).with_state(ctx.clone());
    let local = local_routes::router(LocalState {
        blobs,
        outbox: outbox.clone(),
        jobs: jobs.clone(),
        clock,
        // The same processing the `attachments` function runs on S3's
        // ObjectCreated events (API.md §11).
        on_object_created: vec![Arc::new(uome_core::uploads::UploadProcessor {
            ports: ports.clone(),
        })],
    });
    let router = uome_http::stack(functions.merge(local), &ctx);
    Ok(LocalApp {
        router,
        ctx,
        queue,
        outbox,
        jobs,
    })
}

/// A server running in the background; dropping `shutdown` stops it.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub base_url: String,
    pub ctx: AppContext,
    pub jobs: Arc<JobLoop>,
    pub queue: Arc<InProcessQueue>,
    pub shutdown: Option<oneshot::Sender<()>>,
    pub handle: JoinHandle<anyhow::Result<()>>,
}

impl RunningServer {
    /// Stops accepting, finishes in-flight requests, and waits.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.handle.await.context("server task panicked")?
    }
}

/// Binds (port 0 picks a free one), builds and serves in a background task.
pub async fn start(config: LocalConfig) -> anyhow::Result<RunningServer> {
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let addr = listener.local_addr()?;
    let base_url = format!("http://{addr}");
    let public_url = if config.public_url.is_empty() {
        base_url.clone()
    } else {
        config.public_url.clone()
    };
    let app = build(&config, &public_url)?;
    let (tx, rx) = oneshot::channel::<()>();
    if config.job_interval_ms > 0 {
        spawn_job_ticker(
            app.jobs.clone(),
            app.ctx.ports.clock.clone(),
            config.job_interval_ms,
        );
    }
    let router = app.router;
    let handle = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await
            .context("the server stopped with an error")
    });
    Ok(RunningServer {
        addr,
        base_url,
        ctx: app.ctx,
        jobs: app.jobs,
        queue: app.queue,
        shutdown: Some(tx),
        handle,
    })
}

/// Jobs queued by requests run within a tick, as SQS consumers would.
fn spawn_job_ticker(jobs: Arc<JobLoop>, clock: Arc<dyn Clock>, every_ms: u64) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(every_ms));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let report = jobs.run(clock.now()).await;
            if report.processed + report.failed + report.dead_lettered > 0 {
                tracing::info!(
                    enqueued = report.enqueued,
                    reminders_sent = report.reminders_sent,
                    invoices_created = report.invoices_created,
                    processed = report.processed,
                    failed = report.failed,
                    dead_lettered = report.dead_lettered,
                    "job loop"
                );
            }
        }
    });
}

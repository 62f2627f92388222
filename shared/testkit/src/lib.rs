//! Test support shared by every function's router tests and core's use-case
//! tests: a complete [`AppContext`] over the embedded adapters in a
//! temporary directory, with a clock the test controls, accepting API
//! clients and portal tokens like the deployed functions.

pub mod bench;
pub mod owner;
pub mod python;
pub mod requests;

/// The embedded mailer, named by the outbox helpers tests share with core's kit.
pub use uome_adapters::embedded::OutboxMailer;
/// The call-counting table (it lives with the `Table` port in core).
pub use uome_core::ports::counting;

use std::sync::Arc;

use axum::Router;
use chrono::{DateTime, TimeZone, Utc};
use uome_adapters::embedded::{EmbeddedPorts, embedded_ports};
use uome_core::ports::{FixedClock, Mailbox, RandomIds};
use uome_http::{AppContext, HttpConfig, JwtConfig, TableCredentials};
use utoipa_axum::router::OpenApiRouter;

pub const PUBLIC_URL: &str = "http://127.0.0.1:3000";
pub const JWT_SECRET: &[u8] = b"testkit-jwt-secret-of-at-least-32-bytes";

pub struct TestEnv {
    pub ctx: AppContext,
    pub embedded: EmbeddedPorts,
    pub clock: Arc<FixedClock>,
    // Held so the data directory lives as long as the env.
    pub dir: tempfile::TempDir,
}

/// The instant a fresh env's clock starts at.
pub fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

impl TestEnv {
    /// A fresh context; panics (it is for tests) if the temp dir cannot be made.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(FixedClock::new(start_instant()));
        let embedded = embedded_ports(
            dir.path(),
            PUBLIC_URL,
            b"testkit-blob-secret".to_vec(),
            clock.clone(),
            Arc::new(RandomIds),
        )
        .expect("embedded ports");
        let ctx = AppContext::new(
            embedded.ports.clone(),
            HttpConfig {
                public_url: PUBLIC_URL.to_string(),
                jwt: JwtConfig::uome(JWT_SECRET.to_vec()),
                cursor_secret: b"testkit-cursor-secret".to_vec(),
                mail_from: Mailbox::named("Uome", "no-reply@uome.test"),
            },
        )
        .with_credentials(Arc::new(TableCredentials::new(embedded.ports.clone())));
        Self {
            ctx,
            embedded,
            clock,
            dir,
        }
    }

    /// The function's routes inside the shared stack, as Lambda serves them.
    pub fn app(&self, api: OpenApiRouter<AppContext>) -> Router {
        let (router, _) = api.split_for_parts();
        uome_http::stack(router.with_state(self.ctx.clone()), &self.ctx)
    }

    /// A router without an OpenAPI description (the `web` function's
    /// pages) inside the shared stack.
    pub fn app_router(&self, router: Router<AppContext>) -> Router {
        uome_http::stack(router.with_state(self.ctx.clone()), &self.ctx)
    }

    /// A new account and its owner's token (see [`owner::owner`]).
    pub async fn owner(&self, email_verified: bool) -> owner::Owner {
        owner::owner(&self.ctx, email_verified).await
    }

    /// The function's routes in the shared stack over a context whose
    /// table counts its calls: `(app, counter, that context)`.
    pub fn counting_app(
        &self,
        api: OpenApiRouter<AppContext>,
    ) -> (Router, Arc<counting::CountingTable>, AppContext) {
        let counting = Arc::new(counting::CountingTable::new(self.ctx.ports.table.clone()));
        let mut ctx = self.ctx.clone();
        ctx.ports.table = counting.clone();
        let (router, _) = api.split_for_parts();
        let app = uome_http::stack(router.with_state(ctx.clone()), &ctx);
        (app, counting, ctx)
    }
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

//! `AppContext`: what every handler of every function shares, built once per
//! cold start (or once by the local server) and cloned cheaply per request.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use uome_core::ports::Mailbox;
use uome_core::{Ports, ServiceConfig};

use crate::auth::{CredentialVerifier, JwtConfig, JwtKeys};
use crate::pagination::CursorCodec;

/// The HTTP side of the configuration.
#[derive(Clone)]
pub struct HttpConfig {
    /// `UOME_PUBLIC_URL`: the base of links in emails and presigned URLs.
    pub public_url: String,
    pub jwt: JwtConfig,
    /// HMAC key of list cursors.
    pub cursor_secret: Vec<u8>,
    /// `UOME_MAIL_FROM`: the sender of every email.
    pub mail_from: Mailbox,
}

impl std::fmt::Debug for HttpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpConfig")
            .field("public_url", &self.public_url)
            .field("jwt", &self.jwt)
            .field("cursor_secret", &"<redacted>")
            .field("mail_from", &self.mail_from)
            .finish()
    }
}

/// The router state of every function.
#[derive(Clone)]
pub struct AppContext {
    pub ports: Ports,
    pub config: Arc<HttpConfig>,
    /// What use cases need besides the ports (links, sender).
    pub service: Arc<ServiceConfig>,
    pub jwt: Arc<JwtKeys>,
    pub cursors: Arc<CursorCodec>,
    /// API-client and portal-token checks; `None` refuses those credentials.
    pub credentials: Option<Arc<dyn CredentialVerifier>>,
}

impl AppContext {
    pub fn new(mut ports: Ports, config: HttpConfig) -> Self {
        // Each request's log line says how many table calls it made.
        ports.table = uome_core::ports::request_calls::RequestCountedTable::wrap(ports.table);
        let jwt = Arc::new(JwtKeys::new(&config.jwt));
        let cursors = Arc::new(CursorCodec::new(&config.cursor_secret));
        let service = Arc::new(ServiceConfig::new(
            &config.public_url,
            config.mail_from.clone(),
        ));
        Self {
            ports,
            service,
            config: Arc::new(config),
            jwt,
            cursors,
            credentials: None,
        }
    }

    /// Plugs in the checks of API clients and portal tokens.
    pub fn with_credentials(mut self, verifier: Arc<dyn CredentialVerifier>) -> Self {
        self.credentials = Some(verifier);
        self
    }

    /// "Now" by the injected clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.ports.clock.now()
    }
}

impl std::fmt::Debug for AppContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppContext")
            .field("config", &self.config)
            .field("credentials", &self.credentials.is_some())
            .finish_non_exhaustive()
    }
}

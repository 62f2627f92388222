//! The core-only test kit: every port over the embedded adapters (SQLite
//! table, blob files, outbox, in-process queue) in a temporary directory,
//! with a clock the test controls. No HTTP and no tokens: use-case tests
//! call `uome_core` directly. (Router tests use `uome-testkit`, which adds
//! the HTTP stack over the same adapters.)
//!
//! Each test file includes it with `mod kit;`.

#![allow(dead_code)] // each test file uses its own subset

pub mod accounts;
pub mod expenses;
pub mod fixtures;
pub mod invoices;
pub mod mailers;
pub mod outbox;
pub mod quotes;
pub mod recurring;
pub mod shops;

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;
use uome_adapters::embedded::{EmbeddedPorts, OutboxMailer, embedded_ports};
use uome_core::ServiceConfig;
use uome_core::ports::counting::CountingTable;
use uome_core::ports::{FixedClock, Mailbox, Ports, RandomIds};

pub use accounts::Account;

/// Where links in emails point (the local server's address).
pub const PUBLIC_URL: &str = "http://127.0.0.1:3000";

pub struct Kit {
    pub ports: Ports,
    pub service: ServiceConfig,
    pub embedded: EmbeddedPorts,
    pub clock: Arc<FixedClock>,
    // Held so the data directory lives as long as the kit.
    pub dir: TempDir,
}

/// The instant a fresh kit's clock starts at.
pub fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

impl Kit {
    /// Fresh ports; panics (it is for tests) if the temp dir cannot be made.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(FixedClock::new(start_instant()));
        let embedded = embedded_ports(
            dir.path(),
            PUBLIC_URL,
            b"core-kit-blob-secret".to_vec(),
            clock.clone(),
            Arc::new(RandomIds),
        )
        .expect("embedded ports");
        Self {
            ports: embedded.ports.clone(),
            service: ServiceConfig::new(PUBLIC_URL, Mailbox::named("Uome", "no-reply@uome.test")),
            embedded,
            clock,
            dir,
        }
    }

    /// The same ports over a table that counts its calls.
    pub fn counting(&self) -> (Ports, Arc<CountingTable>) {
        let counting = Arc::new(CountingTable::new(self.ports.table.clone()));
        let mut ports = self.ports.clone();
        ports.table = counting.clone();
        (ports, counting)
    }

    /// Writes an account the way sign-up does (see [`Account`]), with the
    /// owner's email verified.
    pub async fn account(&self, email: &str, company: &str) -> Account {
        accounts::signed_up(&self.ports, email, company).await
    }

    /// An account record alone (no company, no user item), its owner's
    /// email verified or not.
    pub async fn owner(&self, email_verified: bool) -> Account {
        accounts::bare(&self.ports, email_verified).await
    }
}

impl Default for Kit {
    fn default() -> Self {
        Self::new()
    }
}

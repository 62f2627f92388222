//! The core-only test kit: every port over the embedded adapters (SQLite
//! table, blob files, outbox, in-process queue) in a temporary directory,
//! with a clock the test controls. No HTTP and no tokens: use-case tests
//! call `uome_core` directly. (Router tests use `uome-testkit`, which adds
//! the HTTP stack over the same adapters.)
//!
//! Each test file includes it with `mod kit;`.

#![allow(dead_code)] // each test file uses its own subset

pub mod fixtures;
pub mod outbox;

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use tempfile::TempDir;
use uome_adapters::embedded::{EmbeddedPorts, OutboxMailer, embedded_ports};
use uome_core::ServiceConfig;
use uome_core::accounts::AccountRecord;
use uome_core::keys::{account_item, account_key, user_key};
use uome_core::ports::counting::CountingTable;
use uome_core::ports::{Condition, FixedClock, Item, Mailbox, Ports, RandomIds};

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

/// An account as sign-up leaves it: the account record, its owner's user
/// item and the company item (name only).
#[derive(Clone, Debug)]
pub struct Account {
    pub account_id: String,
    pub user_id: String,
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
        let ports = &self.ports;
        let account_id = ports.ids.new_id().to_string();
        let user_id = ports.ids.new_id().to_string();
        let now = ports.clock.now();
        let record = AccountRecord {
            id: account_id.clone(),
            owner_user_id: user_id.clone(),
            email_verified: true,
            created_at: now,
        };
        let user = json!({
            "id": user_id, "account_id": account_id, "email": email,
            "first_name": "Ada", "last_name": "Lovelace", "phone": null, "address": null,
            "email_verified": true, "created_at": now, "updated_at": now, "version": 1,
            // Stands for whatever else auth keeps on the item.
            "auth_marker": "keep me"
        });
        let puts = [
            Item::new(account_key(&account_id), &record).unwrap(),
            Item::new(user_key(&account_id, &user_id), &user).unwrap(),
            Item::new(
                account_item(&account_id, "COMPANY"),
                &json!({"name": company}),
            )
            .unwrap(),
        ];
        for item in puts {
            ports.table.put(item, Condition::NotExists).await.unwrap();
        }
        Account {
            account_id,
            user_id,
        }
    }
}

impl Default for Kit {
    fn default() -> Self {
        Self::new()
    }
}

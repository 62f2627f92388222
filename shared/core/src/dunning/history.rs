//! The reminders history of a document (API.md §12): one line per
//! reminder, automatic or manual, at `ACCOUNT#<acc>` /
//! `REMINDER#<doc>#<slot>`. The slot of an automatic step is its level
//! (`L00` courtesy, `L01`…), so a step can be written only once: the
//! claim is a put on a key that must not exist. A manual reminder's slot
//! is its instant.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::dunning::Step;
use uome_domain::{AccountId, DocumentId};

use crate::error::{CoreError, CoreResult};
use crate::keys::{account_pk, reminder_key, reminder_prefix};
use crate::pages::Pages;
use crate::ports::{Condition, Item, Key, Query, SortKey, Table, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub enum ReminderKind {
    Courtesy,
    Dunning,
    Manual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub enum ReminderStatus {
    Sent,
    /// Not sent: a later step was due too (missed runs), or it could not
    /// go out (see `reason`).
    Skipped,
    /// Claimed but never confirmed sent: the worker stopped between the
    /// claim and the mail server's answer. Never retried, so never twice.
    Unconfirmed,
}

/// One line of the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRecord {
    pub document_id: DocumentId,
    /// 0 for the courtesy reminder and manual ones, else the dunning level.
    pub level: u32,
    pub kind: ReminderKind,
    pub status: ReminderStatus,
    /// The address it went (or was to go) to.
    #[serde(default)]
    pub to: Option<String>,
    /// When it was claimed, sent or skipped.
    pub sent_at: DateTime<Utc>,
    /// Why it was skipped, in words a person understands.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The history slot of an automatic step.
pub fn step_slot(step: Step) -> String {
    format!("L{:02}", step.level())
}

/// The history slot of a manual reminder sent at `at`.
pub fn manual_slot(at: DateTime<Utc>) -> String {
    format!("M{}", at.format("%Y-%m-%dT%H:%M:%S%.6fZ"))
}

impl ReminderRecord {
    pub fn for_step(
        document_id: &DocumentId,
        step: Step,
        status: ReminderStatus,
        at: DateTime<Utc>,
    ) -> Self {
        Self {
            document_id: document_id.clone(),
            level: step.level(),
            kind: match step {
                Step::Courtesy => ReminderKind::Courtesy,
                Step::Level(_) => ReminderKind::Dunning,
            },
            status,
            to: None,
            sent_at: at,
            reason: None,
        }
    }

    pub fn manual(document_id: &DocumentId, to: Option<String>, at: DateTime<Utc>) -> Self {
        Self {
            document_id: document_id.clone(),
            level: 0,
            kind: ReminderKind::Manual,
            status: ReminderStatus::Unconfirmed,
            to,
            sent_at: at,
            reason: None,
        }
    }

    pub fn key(&self, account_id: &AccountId, slot: &str) -> Key {
        reminder_key(account_id, &self.document_id, slot)
    }

    /// The claim of a fresh line: fails when the slot is taken.
    pub fn claim(&self, account_id: &AccountId, slot: &str) -> CoreResult<Write> {
        Ok(Write::Put {
            item: Item::new(self.key(account_id, slot), self)?.with_version(1),
            condition: Condition::NotExists,
        })
    }
}

/// Marks a claimed line `sent` (best effort: the email is out either way,
/// and a line left `unconfirmed` only understates what was sent).
pub async fn confirm(
    table: &dyn Table,
    account_id: &AccountId,
    slot: &str,
    record: &ReminderRecord,
) {
    let mut sent = record.clone();
    sent.status = ReminderStatus::Sent;
    let outcome = match Item::new(sent.key(account_id, slot), &sent) {
        Ok(item) => table
            .put(item.with_version(2), Condition::VersionEquals(1))
            .await
            .map_err(CoreError::from),
        Err(e) => Err(e.into()),
    };
    if let Err(e) = outcome {
        tracing::warn!(account_id = %account_id, document_id = %record.document_id, error = %e,
            "reminder sent but not confirmed in its history");
    }
}

/// Every line of a document's history, oldest first.
pub async fn history(
    table: &dyn Table,
    account_id: &AccountId,
    document_id: &DocumentId,
) -> CoreResult<Vec<ReminderRecord>> {
    let query = Query::partition(account_pk(account_id), 1000)
        .sk(SortKey::BeginsWith(reminder_prefix(document_id)));
    let mut pages = Pages::new(table, query);
    let mut records = Vec::new();
    while let Some(items) = pages.next().await? {
        for item in &items {
            records.push(item.parse::<ReminderRecord>()?);
        }
    }
    records.sort_by(|a, b| a.sent_at.cmp(&b.sent_at).then(a.level.cmp(&b.level)));
    Ok(records)
}

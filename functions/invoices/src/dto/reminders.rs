//! The reminders history of an invoice (API.md §12).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::dunning::{ReminderKind, ReminderRecord, ReminderStatus};
use utoipa::ToSchema;

/// One reminder: automatic (courtesy, dunning level n) or manual.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ReminderView {
    /// 0 for the courtesy reminder and manual ones, else the dunning level.
    pub level: u32,
    pub kind: ReminderKind,
    /// `sent`; `skipped` (a later level was due by the time reminders ran,
    /// or it could not go out: see `reason`); `unconfirmed` (claimed, but
    /// the mail server's answer never recorded: never sent again).
    pub status: ReminderStatus,
    /// The address it went, or was to go, to.
    pub to: Option<String>,
    /// When it was sent, claimed or skipped.
    pub sent_at: DateTime<Utc>,
    /// Why it was skipped, in words a person understands.
    pub reason: Option<String>,
}

/// Every reminder of the invoice, oldest first.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ReminderList {
    pub data: Vec<ReminderView>,
}

pub fn reminder_view(record: ReminderRecord) -> ReminderView {
    ReminderView {
        level: record.level,
        kind: record.kind,
        status: record.status,
        to: record.to,
        sent_at: record.sent_at,
        reason: record.reason,
    }
}

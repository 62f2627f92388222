//! The one-off reminder every document kind shares (API.md §6, §7): while
//! the kind's state machine allows it, at most one per document per 24 h
//! (429 `reminder_throttled` with the seconds left in `Retry-After`).
//!
//! The reminder is *claimed* before it is sent: `last_reminded_at` is
//! written with `VersionEquals`, so of two concurrent reminders only one
//! sends. Every refusal of the email (403 `email_unverified`, 422
//! `contact_has_no_email`, 422 on `message`) is checked before the claim,
//! so a refused reminder writes nothing. If the email then fails, the
//! previous value is put back (best effort) and the error answered, so the
//! client may retry at once.

use chrono::{DateTime, Duration, Utc};
use uome_domain::AccountId;
use uome_domain::DocumentId;

use super::at::At;
use super::document::{Document, document_item};
use super::load::load_for_print;
use super::mail::{DocumentEmail, check_document_email, send_document_email};
use super::viewer::Viewer;
use super::{MAX_ATTEMPTS, too_much_contention, transition_refused};
use crate::dunning::history::{ReminderRecord, confirm, manual_slot};
use crate::error::{CoreError, CoreResult};
use crate::ports::{Condition, Key, Ports, Write};
use crate::service::ServiceConfig;
use crate::transact::{Outcome, transact};

/// The least time between two reminders of one document.
pub const REMINDER_INTERVAL_SECS: i64 = 24 * 60 * 60;

/// 429 `reminder_throttled` while the last reminder is under 24 h old.
pub fn throttle(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> CoreResult<()> {
    let Some(last) = last else { return Ok(()) };
    let left = last + Duration::seconds(REMINDER_INTERVAL_SECS) - now;
    if left > Duration::zero() {
        // Round up: retrying after the advertised wait must succeed.
        let secs = left.num_seconds() + i64::from(left.subsec_nanos() > 0);
        return Err(CoreError::TooManyRequests {
            code: "reminder_throttled".into(),
            retry_after_secs: u64::try_from(secs.max(1)).unwrap_or(1),
        });
    }
    Ok(())
}

/// `POST /v1/<documents>/{id}/remind`; `message` is the sender's own note.
/// Refusals, in order: 404, 409 (the kind's state machine), 429, 403, 422.
pub async fn remind<D: Document>(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    id: &DocumentId,
    message: Option<&str>,
) -> CoreResult<At<D>> {
    for _ in 0..MAX_ATTEMPTS {
        let (at, ctx) = load_for_print::<D>(ports, account_id, id, Viewer::Business).await?;
        D::may_remind(&at).map_err(transition_refused)?;
        let now = ports.clock.now();
        let previous = at.document.last_reminded_at();
        throttle(previous, now)?;
        let kind = DocumentEmail::Reminder;
        check_document_email(ports, account_id, kind, at.document.body(), &ctx, message).await?;

        let old = at.document.version();
        let mut claimed = at.document.clone();
        claimed.set_last_reminded_at(Some(now));
        claimed.set_updated_at(now);
        claimed.set_version(old + 1);
        // The history line (API.md §12 `manual`) is claimed with the
        // document: both land, or neither.
        let to = ctx.contact.as_ref().and_then(|c| c.email.clone());
        let line = ReminderRecord::manual(claimed.id(), to, now);
        let slot = manual_slot(now);
        let writes = vec![
            Write::Put {
                item: document_item(account_id, &claimed, old + 1)?,
                condition: Condition::VersionEquals(old),
            },
            line.claim(account_id, &slot)?,
        ];
        match transact(ports.table.as_ref(), writes).await? {
            Outcome::Done => {}
            // Changed since read (maybe another reminder): decide again.
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
        let claimed = At {
            document: claimed,
            today: at.today,
        };
        let meta = D::meta(&claimed)?;
        let body = claimed.document.body();
        let sent =
            send_document_email(ports, service, account_id, kind, &meta, body, &ctx, message).await;
        return match sent {
            Ok(sent) => {
                let line = ReminderRecord {
                    to: Some(sent.to),
                    ..line
                };
                confirm(ports.table.as_ref(), account_id, &slot, &line).await;
                Ok(claimed)
            }
            Err(e) => {
                release_claim(
                    ports,
                    account_id,
                    &claimed.document,
                    previous,
                    line.key(account_id, &slot),
                )
                .await;
                Err(e)
            }
        };
    }
    Err(too_much_contention())
}

/// Puts the previous `last_reminded_at` back after a failed send, unless
/// the document changed meanwhile (then the newer state wins).
async fn release_claim<D: Document>(
    ports: &Ports,
    account_id: &AccountId,
    claimed: &D,
    previous: Option<DateTime<Utc>>,
    line: Key,
) {
    let mut restored = claimed.clone();
    restored.set_last_reminded_at(previous);
    restored.set_updated_at(ports.clock.now());
    restored.set_version(claimed.version() + 1);
    let outcome = match document_item(account_id, &restored, restored.version()) {
        Ok(item) => {
            let writes = vec![
                Write::Put {
                    item,
                    condition: Condition::VersionEquals(claimed.version()),
                },
                Write::Delete {
                    key: line,
                    condition: Condition::VersionEquals(1),
                },
            ];
            match transact(ports.table.as_ref(), writes).await {
                Ok(Outcome::Done) => Ok(()),
                Ok(_) => Err(CoreError::internal("changed since the claim")),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    };
    if let Err(e) = outcome {
        tracing::warn!(account_id = %account_id, document_id = %claimed.id(), error = %e,
            "reminder claim of a failed send not released");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_throttle_counts_down_in_whole_seconds() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
        assert!(throttle(None, now).is_ok());
        assert!(throttle(Some(now - Duration::hours(24)), now).is_ok());
        match throttle(Some(now - Duration::hours(23)), now) {
            Err(CoreError::TooManyRequests {
                code,
                retry_after_secs,
            }) => {
                assert_eq!(code, "reminder_throttled");
                assert_eq!(retry_after_secs, 3600);
            }
            other => panic!("{other:?}"),
        }
        let just = now - Duration::hours(24) + Duration::milliseconds(1);
        assert!(matches!(
            throttle(Some(just), now),
            Err(CoreError::TooManyRequests {
                retry_after_secs: 1,
                ..
            })
        ));
    }
}

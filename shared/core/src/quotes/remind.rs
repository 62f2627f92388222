//! `POST /v1/quotes/{id}/remind`: a one-off reminder email while the quote
//! is sent (and not expired), at most one per 24 hours (429
//! `reminder_throttled` with the seconds left as `Retry-After`).
//!
//! The reminder is *claimed* before it is sent: `last_reminded_at` is
//! written with `VersionEquals`, so of two concurrent reminders only one
//! sends. If the email then fails, the previous value is put back (best
//! effort) and the error answered, so the client may retry at once.

use chrono::{DateTime, Utc};
use uome_domain::QuoteAction;
use uome_domain::quote_state::check;

use super::QuoteAt;
use super::pdf::{load_for_print, quote_meta};
use super::record::{Quote, quote_item};
use super::viewer::Viewer;
use crate::accounts::ensure_can_email_third_parties;
use crate::documents::mail::{DocumentEmail, send_document_email};
use crate::documents::{MAX_ATTEMPTS, too_much_contention, transition_refused};
use crate::error::{CoreError, CoreResult};
use crate::ports::{Condition, Ports, TableError};
use crate::service::ServiceConfig;

pub use crate::documents::reminder::REMINDER_INTERVAL_SECS;
use crate::documents::reminder::throttle;

/// Sends a reminder; `message` is the sender's own note.
pub async fn remind_quote(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &str,
    id: &str,
    message: Option<&str>,
) -> CoreResult<QuoteAt> {
    for _ in 0..MAX_ATTEMPTS {
        let (at, ctx) = load_for_print(ports, account_id, id, Viewer::Business).await?;
        let stored = &at.quote;
        check(
            stored.status,
            QuoteAction::Remind,
            at.today,
            stored.valid_until,
        )
        .map_err(transition_refused)?;
        let now = ports.clock.now();
        throttle(stored.last_reminded_at, now)?;
        ensure_can_email_third_parties(ports.table.as_ref(), account_id).await?;

        let claimed = Quote {
            last_reminded_at: Some(now),
            updated_at: now,
            version: stored.version + 1,
            ..stored.clone()
        };
        let item = quote_item(account_id, &claimed, claimed.version)?;
        match ports
            .table
            .put(item, Condition::VersionEquals(stored.version))
            .await
        {
            Ok(()) => {}
            // Changed since read (maybe another reminder): decide again.
            Err(TableError::ConditionFailed | TableError::Contention { .. }) => continue,
            Err(other) => return Err(other.into()),
        }
        let meta = quote_meta(&at);
        let sent = send_document_email(
            ports,
            service,
            account_id,
            DocumentEmail::Reminder,
            &meta,
            &stored.body,
            &ctx,
            message,
        )
        .await;
        return match sent {
            Ok(_) => Ok(QuoteAt {
                quote: claimed,
                today: at.today,
            }),
            Err(e) => {
                release_claim(ports, account_id, &claimed, stored.last_reminded_at).await;
                Err(e)
            }
        };
    }
    Err(too_much_contention())
}

/// Puts the previous `last_reminded_at` back after a failed send, unless
/// the quote changed meanwhile (then the newer state wins).
async fn release_claim(
    ports: &Ports,
    account_id: &str,
    claimed: &Quote,
    previous: Option<DateTime<Utc>>,
) {
    let restored = Quote {
        last_reminded_at: previous,
        updated_at: ports.clock.now(),
        version: claimed.version + 1,
        ..claimed.clone()
    };
    let outcome = match quote_item(account_id, &restored, restored.version) {
        Ok(item) => ports
            .table
            .put(item, Condition::VersionEquals(claimed.version))
            .await
            .map_err(CoreError::from),
        Err(e) => Err(e),
    };
    if let Err(e) = outcome {
        tracing::warn!(account_id, quote_id = %claimed.id, error = %e,
            "reminder claim of a failed send not released");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn the_throttle_counts_down_in_whole_seconds() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
        assert!(throttle(None, now).is_ok());
        assert!(throttle(Some(now - Duration::hours(24)), now).is_ok());
        let err = throttle(Some(now - Duration::hours(23)), now).unwrap_err();
        match err {
            CoreError::TooManyRequests {
                code,
                retry_after_secs,
            } => {
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

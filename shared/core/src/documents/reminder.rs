//! The one-off reminder throttle quotes and invoices share: one reminder
//! per document per 24 h (API.md §6, §7), answered with 429 and the
//! seconds left in `Retry-After`.

use chrono::{DateTime, Duration, Utc};

use crate::error::{CoreError, CoreResult};

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

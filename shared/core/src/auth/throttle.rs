//! Sliding-window counters per email address, kept in the table so every
//! Lambda instance sees the same count.
//!
//! Each counted event is one item `<KIND>#<normalised email>` /
//! `<RFC 3339 time>#<random>` with a TTL of the window, so the partition
//! only ever holds the events of the last window. "Too many" is one Query
//! of the newest `max` entries: when there are `max` of them, the caller
//! waits until the oldest of those leaves the window.

use chrono::{DateTime, Duration, SecondsFormat, Utc};

use crate::error::CoreResult;
use crate::keys::throttle_pk;
use crate::ports::{BatchWrite, Condition, Item, Key, Ports, Query, SortKey};

use super::records::ThrottleEntry;

/// One kind of counted event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Throttle {
    /// The partition prefix (`THROTTLE`, `MAILTHROTTLE`).
    pub kind: &'static str,
    pub window_secs: i64,
    pub max: u32,
}

/// What [`Throttle::check`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// Events in the window, counted up to `max`.
    pub recent: usize,
    /// Seconds to wait, when `max` events are in the window.
    pub retry_after: Option<u64>,
}

/// Failed logins: five per email within 15 minutes (API.md §3).
pub const LOGIN_FAILURES: Throttle = Throttle {
    kind: "THROTTLE",
    window_secs: 15 * 60,
    max: 5,
};

/// Emails sent on request (password reset, verification again): five per
/// address per hour, so the routes cannot be used to flood a mailbox.
pub const EMAILS_ON_REQUEST: Throttle = Throttle {
    kind: "MAILTHROTTLE",
    window_secs: 60 * 60,
    max: 5,
};

impl Throttle {
    fn window(&self) -> Duration {
        Duration::seconds(self.window_secs)
    }

    /// `Some(seconds to wait)` when `max` events of the last window are on
    /// record for `email`, else `None`.
    pub async fn retry_after(&self, ports: &Ports, email: &str) -> CoreResult<Option<u64>> {
        Ok(self.check(ports, email).await?.retry_after)
    }

    /// How many recent events are on record (up to `max`) and, when that is
    /// `max`, how long to wait. One Query.
    pub async fn check(&self, ports: &Ports, email: &str) -> CoreResult<Check> {
        let now = ports.clock.now();
        let cutoff = sort_time(now - self.window());
        // '~' sorts after every character of the random suffix: an entry
        // made exactly at the cutoff has left the window.
        let query = Query::partition(throttle_pk(self.kind, email), self.max)
            .sk(SortKey::Gt(format!("{cutoff}#~")))
            .backward();
        let page = ports.table.query(&query).await?;
        let recent = page.items.len();
        let oldest = match page.items.last() {
            Some(oldest) if recent >= self.max as usize => oldest,
            _ => {
                return Ok(Check {
                    recent,
                    retry_after: None,
                });
            }
        };
        let entry: ThrottleEntry = oldest.parse()?;
        let leaves_at = entry.at + self.window();
        let millis = (leaves_at - now).num_milliseconds().max(0);
        // Whole seconds, rounded up, at least one: retrying at the advertised
        // time must succeed.
        let secs = u64::try_from(millis).unwrap_or(0).div_ceil(1000).max(1);
        Ok(Check {
            recent,
            retry_after: Some(secs),
        })
    }

    /// Counts one event for `email` now.
    pub async fn record(&self, ports: &Ports, email: &str) -> CoreResult<()> {
        let now = ports.clock.now();
        let sk = format!("{}#{}", sort_time(now), ports.ids.new_id().simple());
        let item = Item::new(
            Key::new(throttle_pk(self.kind, email), sk),
            &ThrottleEntry { at: now },
        )?
        .with_expiry((now + self.window()).timestamp());
        ports.table.put(item, Condition::None).await?;
        Ok(())
    }

    /// Forgets the events on record for `email` (after a successful login).
    pub async fn clear(&self, ports: &Ports, email: &str) -> CoreResult<()> {
        let mut query = Query::partition(throttle_pk(self.kind, email), 100);
        loop {
            let page = ports.table.query(&query).await?;
            if page.items.is_empty() {
                return Ok(());
            }
            let deletes = page
                .items
                .into_iter()
                .map(|item| BatchWrite::Delete(item.key))
                .collect();
            ports.table.batch_write(deletes).await?;
            match page.next {
                Some(next) => query = query.after(Some(next)),
                None => return Ok(()),
            }
        }
    }
}

/// Fixed-width RFC 3339 (microseconds, `Z`), so string order is time order.
fn sort_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn sort_times_order_as_strings() {
        let a = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let b = a + Duration::microseconds(1);
        let c = a + Duration::hours(20);
        assert_eq!(sort_time(a), "2026-01-02T03:04:05.000000Z");
        assert!(sort_time(a) < sort_time(b));
        assert!(sort_time(b) < sort_time(c));
    }
}

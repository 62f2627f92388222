//! The scheduler's EventBridge tick.

use aws_lambda_events::event::eventbridge::EventBridgeEvent;
use chrono::{DateTime, Utc};
use uome_core::jobs::{JobError, Scheduler};

/// Runs `scheduler` for one schedule event and answers how many jobs it
/// queued. The instant is the event's own `time` (the scheduled minute),
/// not the moment the function runs: a retried delivery of the same event
/// finds the same due work, and a late start does not pull tomorrow's work
/// forward. `fallback` is used for an event without a time (an invocation
/// by hand).
pub async fn tick(
    scheduler: &dyn Scheduler,
    event: &EventBridgeEvent,
    fallback: DateTime<Utc>,
) -> Result<usize, JobError> {
    let now = event.time.unwrap_or(fallback);
    let queued = scheduler.enqueue_due(now).await?;
    tracing::info!(scheduler = scheduler.name(), %now, queued, "scheduler tick");
    Ok(queued)
}

//! The `scheduler` function (API.md §12): run hourly by an EventBridge
//! schedule. It reads only the due part of the sparse, sharded due-work
//! index (gsi3) and queues one job per due item on the reminders and
//! recurring queues, ten to a `SendMessageBatch`
//! (`uome_core::jobs::due`, docs/jobs.md).

use std::sync::Arc;

use uome_core::Ports;
use uome_core::jobs::{DueScheduler, Scheduler};

/// The scheduler over `ports`.
pub fn scheduler(ports: &Ports) -> Arc<dyn Scheduler> {
    Arc::new(DueScheduler::new(ports.clone()))
}

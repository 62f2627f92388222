//! Work that runs outside a request: job handlers consume queued jobs,
//! schedulers find work that fell due, and object-created hooks process
//! uploaded bytes. The cloud drives them from SQS, EventBridge and S3
//! events; the local server drives the same implementations from its job
//! loop and its blob upload route, so both paths run one piece of code.

pub mod due;
pub mod handlers;
pub mod payload;

pub use due::DueScheduler;
pub use handlers::{RecurringJobs, ReminderJobs, job_handlers};
pub use payload::DueJob;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::CoreError;
use crate::ports::{Job, QueueName};

/// What a handled job did, summed into the local server's answer to
/// `POST /_local/jobs/run`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct JobOutcome {
    pub reminders_sent: usize,
    pub invoices_created: usize,
}

impl std::ops::AddAssign for JobOutcome {
    fn add_assign(&mut self, other: JobOutcome) {
        self.reminders_sent += other.reminders_sent;
        self.invoices_created += other.invoices_created;
    }
}

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The job can never succeed (bad payload): do not retry it.
    #[error("job rejected: {0}")]
    Rejected(String),
    /// A dependency failed; the job may succeed when retried.
    #[error("job failed, retry: {0}")]
    Retry(String),
}

impl From<CoreError> for JobError {
    /// A dependency that may recover (throttling, a mail server that
    /// failed) is worth a redelivery; anything else would fail the same
    /// way every time, so the message is acknowledged (and logged).
    fn from(e: CoreError) -> Self {
        if e.is_retryable() {
            JobError::Retry(e.to_string())
        } else {
            JobError::Rejected(e.to_string())
        }
    }
}

/// Consumes jobs of one `kind` from one queue. Handlers must be idempotent on
/// `job.id`: queues deliver at least once.
#[async_trait]
pub trait JobHandler: Send + Sync {
    fn queue(&self) -> QueueName;
    fn kind(&self) -> &'static str;
    async fn handle(&self, job: &Job, now: DateTime<Utc>) -> Result<JobOutcome, JobError>;
}

/// Finds work due at `now` and enqueues it; answers how many jobs it queued.
#[async_trait]
pub trait Scheduler: Send + Sync {
    fn name(&self) -> &'static str;
    async fn enqueue_due(&self, now: DateTime<Utc>) -> Result<usize, JobError>;
}

/// Reacts to bytes landing in blob storage (S3 ObjectCreated at home and away).
#[async_trait]
pub trait ObjectCreated: Send + Sync {
    async fn object_created(
        &self,
        key: &str,
        size: u64,
        now: DateTime<Utc>,
    ) -> Result<(), JobError>;
}

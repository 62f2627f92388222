//! Work that runs outside a request: job handlers consume queued jobs,
//! schedulers find work that fell due, and object-created hooks process
//! uploaded bytes. The cloud drives them from SQS, EventBridge and S3
//! events; the local server drives the same implementations from its job
//! loop and its blob upload route, so both paths run one piece of code.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::ports::{Job, QueueName};

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The job can never succeed (bad payload): do not retry it.
    #[error("job rejected: {0}")]
    Rejected(String),
    /// A dependency failed; the job may succeed when retried.
    #[error("job failed, retry: {0}")]
    Retry(String),
}

/// Consumes jobs of one `kind` from one queue. Handlers must be idempotent on
/// `job.id`: queues deliver at least once.
#[async_trait]
pub trait JobHandler: Send + Sync {
    fn queue(&self) -> QueueName;
    fn kind(&self) -> &'static str;
    async fn handle(&self, job: &Job, now: DateTime<Utc>) -> Result<(), JobError>;
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

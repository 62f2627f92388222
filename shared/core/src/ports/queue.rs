//! The `Queue` port: typed jobs onto named queues. SQS in the cloud (one
//! queue per name, each with a dead-letter queue); in-process at home.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

/// The queues of the product. Each maps to one SQS queue in the cloud.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueName {
    Reminders,
    Recurring,
}

impl QueueName {
    pub const ALL: [QueueName; 2] = [QueueName::Reminders, QueueName::Recurring];

    pub fn as_str(self) -> &'static str {
        match self {
            QueueName::Reminders => "reminders",
            QueueName::Recurring => "recurring",
        }
    }
}

/// One unit of work. `id` is chosen by the producer so that a job enqueued
/// twice is recognisably the same job (consumers are idempotent on it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: String,
    pub kind: String,
    pub payload: serde_json::Value,
}

impl Job {
    pub fn new(id: impl Into<String>, kind: impl Into<String>, payload: &impl Serialize) -> Self {
        Self {
            id: id.into(),
            kind: kind.into(),
            // Serializing a plain struct to a Value cannot fail for the
            // payload types we define (string keys, no floats as keys).
            payload: serde_json::to_value(payload).unwrap_or(serde_json::Value::Null),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("no such queue: {0}")]
    UnknownQueue(String),
    /// The backend failed; `code` is the AWS error code.
    #[error("queue backend error {code}: {message}")]
    Backend { code: String, message: String },
}

#[async_trait]
pub trait Queue: Send + Sync {
    async fn send(&self, queue: QueueName, job: Job) -> Result<(), QueueError> {
        self.send_batch(queue, vec![job]).await
    }

    /// Any number of jobs; the adapter chunks as the backend needs (SQS: 10).
    async fn send_batch(&self, queue: QueueName, jobs: Vec<Job>) -> Result<(), QueueError>;
}

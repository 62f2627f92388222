//! One SQS batch, every record of it.
//!
//! Each record is decoded and handed to the handler of its job kind. What
//! happens to it after that:
//!
//! - handled: acknowledged (left out of `batchItemFailures`);
//! - a failure that may pass (a mail server or table that is down,
//!   throttling): reported in `batchItemFailures`, so SQS delivers that
//!   record again, and after `maxReceiveCount` moves it to the queue's
//!   dead-letter queue;
//! - a message that can never succeed (not JSON, an unknown kind, a
//!   payload without ids, another account's or a deleted invoice): logged
//!   and acknowledged, never retried forever and never failing the rest of
//!   the batch.
//!
//! The function's trigger must set `ReportBatchItemFailures`, or Lambda
//! ignores the answer (infra/template.yaml does).

use std::collections::HashMap;
use std::sync::Arc;

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use chrono::{DateTime, Utc};
use uome_core::jobs::{JobError, JobHandler, JobOutcome};
use uome_core::ports::{Job, QueueName};

/// The handlers of one queue.
pub struct QueueConsumer {
    queue: QueueName,
    handlers: HashMap<&'static str, Arc<dyn JobHandler>>,
}

/// What one batch did: the answer Lambda returns, and counts for the log
/// line and the tests.
#[derive(Debug, Default)]
pub struct BatchReport {
    pub response: SqsBatchResponse,
    pub outcome: JobOutcome,
    pub handled: usize,
    /// Records acknowledged although they failed (they never can succeed).
    pub dropped: usize,
}

impl BatchReport {
    /// The message ids SQS is asked to deliver again.
    pub fn failed_ids(&self) -> Vec<&str> {
        self.response
            .batch_item_failures
            .iter()
            .map(|f| f.item_identifier.as_str())
            .collect()
    }
}

impl QueueConsumer {
    /// The consumer of `queue` with those of `handlers` that consume it
    /// (core's `job_handlers` lists both queues' handlers).
    pub fn new(queue: QueueName, handlers: Vec<Arc<dyn JobHandler>>) -> Self {
        let handlers = handlers
            .into_iter()
            .filter(|handler| handler.queue() == queue)
            .map(|handler| (handler.kind(), handler))
            .collect();
        Self { queue, handlers }
    }

    pub fn queue(&self) -> QueueName {
        self.queue
    }

    /// Handles every record of `event` as of `now`, the records of a
    /// batch at the same time (they are independent jobs, and Lambda bills
    /// the batch's wall time).
    pub async fn handle(&self, event: SqsEvent, now: DateTime<Utc>) -> BatchReport {
        let results = futures_util::future::join_all(
            event
                .records
                .iter()
                .map(|record| self.handle_record(record, now)),
        )
        .await;
        let mut report = BatchReport::default();
        for (record, result) in event.records.iter().zip(results) {
            let message_id = record.message_id.clone().unwrap_or_default();
            match result {
                Ok(outcome) => {
                    report.handled += 1;
                    report.outcome += outcome;
                }
                Err(JobError::Retry(reason)) => {
                    tracing::warn!(queue = self.queue.as_str(), message_id = %message_id, %reason,
                        "job failed; SQS will deliver it again");
                    // An empty id fails the whole batch in Lambda, which
                    // is the safe side for a record SQS sent without one.
                    report
                        .response
                        .batch_item_failures
                        .push(failure(message_id));
                }
                Err(JobError::Rejected(reason)) => {
                    tracing::error!(queue = self.queue.as_str(), message_id = %message_id, %reason,
                        "job can never succeed; acknowledged and dropped");
                    report.dropped += 1;
                }
            }
        }
        report
    }

    async fn handle_record(
        &self,
        record: &SqsMessage,
        now: DateTime<Utc>,
    ) -> Result<JobOutcome, JobError> {
        let body = record
            .body
            .as_deref()
            .ok_or_else(|| JobError::Rejected("a message without a body".into()))?;
        let job: Job = serde_json::from_str(body)
            .map_err(|e| JobError::Rejected(format!("a message that is not a job: {e}")))?;
        let handler = self.handlers.get(job.kind.as_str()).ok_or_else(|| {
            JobError::Rejected(format!(
                "no handler for jobs of kind {:?} on the {} queue",
                job.kind,
                self.queue.as_str()
            ))
        })?;
        handler.handle(&job, now).await
    }
}

fn failure(item_identifier: String) -> BatchItemFailure {
    let mut failure = BatchItemFailure::default();
    failure.item_identifier = item_identifier;
    failure
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use async_trait::async_trait;
    use serde_json::json;

    use super::*;

    /// Succeeds on ids starting `ok`, asks for a retry on `retry`, and
    /// refuses anything else.
    struct Scripted {
        seen: AtomicUsize,
    }

    #[async_trait]
    impl JobHandler for Scripted {
        fn queue(&self) -> QueueName {
            QueueName::Reminders
        }
        fn kind(&self) -> &'static str {
            "send_reminders"
        }
        async fn handle(&self, job: &Job, _: DateTime<Utc>) -> Result<JobOutcome, JobError> {
            self.seen.fetch_add(1, Ordering::SeqCst);
            match job.id.as_str() {
                id if id.starts_with("ok") => Ok(JobOutcome {
                    reminders_sent: 1,
                    invoices_created: 0,
                }),
                id if id.starts_with("retry") => Err(JobError::Retry("mail server down".into())),
                _ => Err(JobError::Rejected("unknown invoice".into())),
            }
        }
    }

    fn record(message_id: &str, body: &str) -> SqsMessage {
        let mut message = SqsMessage::default();
        message.message_id = Some(message_id.into());
        message.body = Some(body.into());
        message
    }

    fn job(id: &str, kind: &str) -> String {
        serde_json::to_string(&Job::new(id, kind, &json!({}))).unwrap()
    }

    #[tokio::test]
    async fn every_record_is_handled_and_only_retryable_failures_are_reported() {
        let handler = Arc::new(Scripted {
            seen: AtomicUsize::new(0),
        });
        let consumer = QueueConsumer::new(QueueName::Reminders, vec![handler.clone()]);
        let mut event = SqsEvent::default();
        event.records = vec![
            record("m1", &job("ok-1", "send_reminders")),
            record("m2", &job("retry-1", "send_reminders")),
            record("m3", "{not json"),
            record("m4", &job("ok-2", "mystery")),
            record("m5", &job("gone", "send_reminders")),
            record("m6", &job("ok-3", "send_reminders")),
        ];
        let report = consumer.handle(event, Utc::now()).await;
        assert_eq!(report.failed_ids(), ["m2"]);
        assert_eq!(report.handled, 2);
        assert_eq!(report.outcome.reminders_sent, 2);
        assert_eq!(report.dropped, 3, "bad body, unknown kind, unknown invoice");
        assert_eq!(handler.seen.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn a_consumer_takes_only_its_own_queues_handlers() {
        let handler = Arc::new(Scripted {
            seen: AtomicUsize::new(0),
        });
        let consumer = QueueConsumer::new(QueueName::Recurring, vec![handler.clone()]);
        let mut event = SqsEvent::default();
        event.records = vec![record("m1", &job("ok-1", "send_reminders"))];
        let report = consumer.handle(event, Utc::now()).await;
        assert_eq!(report.dropped, 1);
        assert_eq!(handler.seen.load(Ordering::SeqCst), 0);
    }
}

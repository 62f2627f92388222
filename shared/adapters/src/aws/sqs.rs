//! The `Queue` port on SQS standard queues, one URL per [`QueueName`].
//! Message bodies are the JSON of the [`Job`]; consumers read them back with
//! [`job_from_body`].

use std::collections::HashMap;
use std::error::Error;
use std::fmt::Debug;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_sqs::config::AsyncSleep;
use aws_sdk_sqs::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sqs::types::SendMessageBatchRequestEntry;
use uome_core::ports::{Job, Queue, QueueError, QueueName};

/// SendMessageBatch takes at most 10 entries.
const BATCH_SIZE: usize = 10;
/// Attempts per batch for entries SQS failed on its side (throttling,
/// internal errors); entries the sender got wrong are never retried.
const MAX_ATTEMPTS: u32 = 4;
const FIRST_BACKOFF: Duration = Duration::from_millis(50);

#[derive(Clone, Debug)]
pub struct SqsQueue {
    client: aws_sdk_sqs::Client,
    urls: HashMap<QueueName, String>,
}

impl SqsQueue {
    pub fn new(client: aws_sdk_sqs::Client, urls: HashMap<QueueName, String>) -> Self {
        Self { client, urls }
    }

    async fn send_chunk(&self, url: &str, jobs: &[Job]) -> Result<(), QueueError> {
        // Entry ids are positions in the chunk: unique within the request,
        // which is all SQS asks of them.
        let mut pending = jobs
            .iter()
            .enumerate()
            .map(|(i, job)| {
                let body = serde_json::to_string(job).map_err(|e| QueueError::Backend {
                    code: "Serialize".into(),
                    message: e.to_string(),
                })?;
                SendMessageBatchRequestEntry::builder()
                    .id(i.to_string())
                    .message_body(body)
                    .build()
                    .map_err(|e| QueueError::Backend {
                        code: "ConstructionFailure".into(),
                        message: e.to_string(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;

        let mut backoff = FIRST_BACKOFF;
        let mut attempt = 1;
        loop {
            let out = self
                .client
                .send_message_batch()
                .queue_url(url)
                .set_entries(Some(pending.clone()))
                .send()
                .await
                .map_err(sdk_error)?;
            let failed = out.failed();
            if failed.is_empty() {
                return Ok(());
            }
            let give_up = failed
                .iter()
                .find(|f| f.sender_fault())
                .or_else(|| failed.first().filter(|_| attempt >= MAX_ATTEMPTS));
            if let Some(f) = give_up {
                return Err(QueueError::Backend {
                    code: f.code().to_string(),
                    message: format!(
                        "{} of {} messages not sent to {url}: {}",
                        failed.len(),
                        pending.len(),
                        f.message().unwrap_or("no message")
                    ),
                });
            }
            pending.retain(|entry| failed.iter().any(|f| f.id() == entry.id()));
            if let Some(sleep) = self.client.config().sleep_impl() {
                sleep.sleep(backoff).await;
            }
            backoff *= 2;
            attempt += 1;
        }
    }
}

#[async_trait]
impl Queue for SqsQueue {
    async fn send_batch(&self, queue: QueueName, jobs: Vec<Job>) -> Result<(), QueueError> {
        let url = self
            .urls
            .get(&queue)
            .ok_or_else(|| QueueError::UnknownQueue(queue.as_str().to_string()))?;
        for chunk in jobs.chunks(BATCH_SIZE) {
            self.send_chunk(url, chunk).await?;
        }
        Ok(())
    }
}

/// A job from an SQS message body written by [`SqsQueue`].
pub fn job_from_body(body: &str) -> Result<Job, QueueError> {
    serde_json::from_str(body).map_err(|e| QueueError::Backend {
        code: "MalformedJob".into(),
        message: e.to_string(),
    })
}

/// The failure with its AWS code (see [`super::sdk_error`]).
fn sdk_error<E, R>(err: SdkError<E, R>) -> QueueError
where
    E: ProvideErrorMetadata + Error + 'static,
    R: Debug,
{
    let (code, message) = super::sdk_error::code_and_message(&err);
    QueueError::Backend { code, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies_round_trip() {
        let job = Job::new(
            "inv-1:2025-05-01",
            "send_reminder",
            &json!({ "invoice": "inv-1" }),
        );
        let body = serde_json::to_string(&job).unwrap();
        assert_eq!(job_from_body(&body).unwrap(), job);
        assert!(matches!(
            job_from_body("{\"id\":1}"),
            Err(QueueError::Backend { code, .. }) if code == "MalformedJob"
        ));
    }
}

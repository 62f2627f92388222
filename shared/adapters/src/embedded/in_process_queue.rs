//! The local stand-in for SQS: jobs wait in memory until the local server's
//! job loop drains them.
//!
//! Like an SQS standard queue it does not deduplicate: consumers are already
//! idempotent on `Job::id`, and hiding duplicates here would let local runs
//! pass where the cloud would not.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use uome_core::ports::{Job, Queue, QueueError, QueueName};

#[derive(Debug, Default)]
pub struct InProcessQueue {
    jobs: Mutex<VecDeque<(QueueName, Job)>>,
}

impl InProcessQueue {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every waiting job, oldest first across all queues, leaving it empty.
    pub fn drain(&self) -> Vec<(QueueName, Job)> {
        self.lock().drain(..).collect()
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> MutexGuard<'_, VecDeque<(QueueName, Job)>> {
        // A panic while holding the lock cannot leave the deque half-updated
        // (push/drain are single calls), so the data is still good.
        self.jobs.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[async_trait]
impl Queue for InProcessQueue {
    async fn send_batch(&self, queue: QueueName, jobs: Vec<Job>) -> Result<(), QueueError> {
        self.lock().extend(jobs.into_iter().map(|job| (queue, job)));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job(id: &str) -> Job {
        Job::new(id, "test", &json!({ "n": id }))
    }

    #[tokio::test]
    async fn drains_fifo_across_queues_and_keeps_duplicates() {
        let queue = InProcessQueue::new();
        assert!(queue.is_empty());
        queue.send(QueueName::Reminders, job("a")).await.unwrap();
        queue
            .send_batch(QueueName::Recurring, vec![job("b"), job("c")])
            .await
            .unwrap();
        queue.send(QueueName::Reminders, job("a")).await.unwrap();
        assert_eq!(queue.len(), 4);

        let drained: Vec<_> = queue.drain().into_iter().map(|(q, j)| (q, j.id)).collect();
        assert_eq!(
            drained,
            [
                (QueueName::Reminders, "a".to_string()),
                (QueueName::Recurring, "b".to_string()),
                (QueueName::Recurring, "c".to_string()),
                (QueueName::Reminders, "a".to_string()),
            ]
        );
        assert!(queue.is_empty());
        assert!(queue.drain().is_empty());
    }

    #[tokio::test]
    async fn survives_a_poisoned_lock() {
        let queue = std::sync::Arc::new(InProcessQueue::new());
        let q = queue.clone();
        let _ = std::thread::spawn(move || {
            let _guard = q.jobs.lock().unwrap();
            panic!("poison it");
        })
        .join();
        queue.send(QueueName::Reminders, job("x")).await.unwrap();
        assert_eq!(queue.len(), 1);
    }
}

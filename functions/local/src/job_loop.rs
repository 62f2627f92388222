//! The local job loop: what EventBridge + SQS + the consumer functions do in
//! the cloud, done in process. `run(now)` asks every scheduler for the work
//! due at `now`, then drains the in-process queue through the registered
//! handlers until it is empty (handlers may enqueue more jobs: the drain
//! keeps going as jobs arrive, up to a bound that stops a job which keeps
//! re-enqueueing itself).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::sync::Mutex;
use uome_adapters::embedded::InProcessQueue;
use uome_core::jobs::{JobError, JobHandler, JobOutcome, Scheduler};
use uome_core::ports::{Job, Queue, QueueName};

/// Jobs one `run` handles at most before it stops and reports the rest as
/// still queued.
const MAX_JOBS_PER_RUN: usize = 10_000;
/// Times a failing job is put back on the queue before it is dead-lettered,
/// like the SQS redrive policy's maxReceiveCount.
const MAX_ATTEMPTS: u32 = 5;

/// What a run did: `POST /_local/jobs/run`'s answer (API.md §12).
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct RunReport {
    /// Jobs the scheduler queued.
    pub enqueued: usize,
    /// Reminder emails sent.
    pub reminders_sent: usize,
    /// Invoices the recurring invoices created.
    pub invoices_created: usize,
    /// Jobs (or scheduler passes) that failed this run; a job that may
    /// succeed later stays queued for the next run, up to
    /// [`MAX_ATTEMPTS`], like SQS's redrive policy.
    pub failed: usize,
    /// Jobs left queued for the next run.
    #[serde(skip)]
    pub remaining: usize,
    /// Jobs handled successfully.
    #[serde(skip)]
    pub processed: usize,
    /// Jobs given up on (rejected, or failed `MAX_ATTEMPTS` times).
    #[serde(skip)]
    pub dead_lettered: usize,
}

pub struct JobLoop {
    queue: Arc<InProcessQueue>,
    handlers: HashMap<(QueueName, &'static str), Arc<dyn JobHandler>>,
    schedulers: Vec<Arc<dyn Scheduler>>,
    attempts: Mutex<HashMap<(QueueName, String), u32>>,
    /// One run at a time, so a manual `/_local/jobs/run` and the background
    /// tick never interleave.
    running: Mutex<()>,
}

impl JobLoop {
    pub fn new(queue: Arc<InProcessQueue>) -> Self {
        Self {
            queue,
            handlers: HashMap::new(),
            schedulers: Vec::new(),
            attempts: Mutex::new(HashMap::new()),
            running: Mutex::new(()),
        }
    }

    pub fn with_handler(mut self, handler: Arc<dyn JobHandler>) -> Self {
        self.handlers
            .insert((handler.queue(), handler.kind()), handler);
        self
    }

    pub fn with_scheduler(mut self, scheduler: Arc<dyn Scheduler>) -> Self {
        self.schedulers.push(scheduler);
        self
    }

    pub async fn run(&self, now: DateTime<Utc>) -> RunReport {
        let _one_at_a_time = self.running.lock().await;
        let mut report = RunReport::default();
        for scheduler in &self.schedulers {
            match scheduler.enqueue_due(now).await {
                Ok(n) => report.enqueued += n,
                Err(e) => {
                    tracing::warn!(scheduler = scheduler.name(), error = %e, "scheduler failed");
                    report.failed += 1;
                }
            }
        }
        let mut handled = 0usize;
        loop {
            let batch = self.queue.drain();
            if batch.is_empty() {
                break;
            }
            let mut retry = Vec::new();
            for (queue, job) in batch {
                if handled >= MAX_JOBS_PER_RUN {
                    retry.push((queue, job));
                    continue;
                }
                handled += 1;
                match self.handle(queue, &job, now).await {
                    Ok(outcome) => {
                        report.processed += 1;
                        report.reminders_sent += outcome.reminders_sent;
                        report.invoices_created += outcome.invoices_created;
                    }
                    Err(e) => {
                        report.failed += 1;
                        let attempts = self.count_attempt(queue, &job.id).await;
                        if matches!(e, JobError::Retry(_)) && attempts < MAX_ATTEMPTS {
                            tracing::warn!(job = %job.id, kind = %job.kind, error = %e, "job failed, will retry");
                            // Back on the queue for the next run, not this one:
                            // a broken dependency should not spin the loop.
                            retry.push((queue, job));
                        } else {
                            // Logged and acknowledged, as the SQS consumers do
                            // with a message that can never succeed.
                            tracing::warn!(job = %job.id, kind = %job.kind, error = %e, "job dead-lettered");
                            report.dead_lettered += 1;
                        }
                    }
                }
            }
            if !retry.is_empty() {
                report.remaining = retry.len();
                for (queue, job) in retry {
                    // The in-process queue cannot fail to accept a job.
                    let _ = self.queue.send(queue, job).await;
                }
                break;
            }
        }
        report
    }

    async fn handle(
        &self,
        queue: QueueName,
        job: &Job,
        now: DateTime<Utc>,
    ) -> Result<JobOutcome, JobError> {
        match self.handlers.get(&(queue, job.kind.as_str())) {
            Some(handler) => handler.handle(job, now).await,
            None => Err(JobError::Rejected(format!(
                "no handler for {} jobs on the {} queue",
                job.kind,
                queue.as_str()
            ))),
        }
    }

    async fn count_attempt(&self, queue: QueueName, id: &str) -> u32 {
        let mut attempts = self.attempts.lock().await;
        let n = attempts.entry((queue, id.to_string())).or_insert(0);
        *n += 1;
        *n
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use async_trait::async_trait;

    use super::*;

    struct Counting {
        seen: AtomicUsize,
        queue: Arc<InProcessQueue>,
        fail: bool,
    }

    #[async_trait]
    impl JobHandler for Counting {
        fn queue(&self) -> QueueName {
            QueueName::Reminders
        }
        fn kind(&self) -> &'static str {
            "count"
        }
        async fn handle(&self, job: &Job, _now: DateTime<Utc>) -> Result<JobOutcome, JobError> {
            self.seen.fetch_add(1, Ordering::SeqCst);
            if self.fail {
                return Err(JobError::Retry("down".into()));
            }
            // A job that spawns one follow-up, to show the drain keeps going.
            if job.id == "first" {
                let next = Job::new("second", "count", &serde_json::json!({}));
                self.queue.send(QueueName::Reminders, next).await.unwrap();
            }
            Ok(JobOutcome {
                reminders_sent: 1,
                invoices_created: 0,
            })
        }
    }

    #[tokio::test]
    async fn drains_jobs_that_arrive_during_the_run() {
        let queue = Arc::new(InProcessQueue::new());
        let handler = Arc::new(Counting {
            seen: AtomicUsize::new(0),
            queue: queue.clone(),
            fail: false,
        });
        let jobs = JobLoop::new(queue.clone()).with_handler(handler.clone());
        queue
            .send(
                QueueName::Reminders,
                Job::new("first", "count", &serde_json::json!({})),
            )
            .await
            .unwrap();
        let report = jobs.run(Utc::now()).await;
        assert_eq!(report.processed, 2);
        assert_eq!(report.reminders_sent, 2);
        assert_eq!(handler.seen.load(Ordering::SeqCst), 2);
        assert!(queue.is_empty());
    }

    #[tokio::test]
    async fn unknown_kinds_are_dead_lettered_and_failures_retried_then_dead_lettered() {
        let queue = Arc::new(InProcessQueue::new());
        let handler = Arc::new(Counting {
            seen: AtomicUsize::new(0),
            queue: queue.clone(),
            fail: true,
        });
        let jobs = JobLoop::new(queue.clone()).with_handler(handler);
        queue
            .send(
                QueueName::Recurring,
                Job::new("x", "mystery", &serde_json::json!({})),
            )
            .await
            .unwrap();
        queue
            .send(
                QueueName::Reminders,
                Job::new("y", "count", &serde_json::json!({})),
            )
            .await
            .unwrap();
        let first = jobs.run(Utc::now()).await;
        assert_eq!(first.dead_lettered, 1);
        assert_eq!(first.failed, 2);
        assert_eq!(first.remaining, 1);
        for _ in 1..MAX_ATTEMPTS {
            jobs.run(Utc::now()).await;
        }
        assert!(queue.is_empty(), "gave up after {MAX_ATTEMPTS} attempts");
    }
}

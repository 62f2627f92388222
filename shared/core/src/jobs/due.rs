//! The scheduler (API.md §12): what fell due, found through the sparse,
//! sharded gsi3 index and queued.
//!
//! One Query per kind and shard with `sk <= <now>#~` (paged): only items
//! already due are read — never a Scan, never an item that is not due —
//! so the work grows with what is due, not with the table. Each job's id
//! is `<kind>:<acc>:<id>:<due instant>`: the same item due at the same
//! instant is recognisably the same job, and the consumers are idempotent
//! whatever the queue delivers.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uome_domain::{AccountId, DocumentId};

use super::payload::DueJob;
use super::{JobError, Scheduler};
use crate::dunning::REMINDERS_DUE_KIND;
use crate::error::CoreError;
use crate::keys::{DUE_SHARDS, due_pk, due_until};
use crate::pages::Pages;
use crate::ports::{Index, Job, Ports, Query, QueueName, SortKey};
use crate::recurring::RECURRING_DUE_KIND;

/// Job kinds on the two queues.
pub const REMINDER_JOB: &str = "send_reminders";
pub const RECURRING_JOB: &str = "generate_invoices";

/// The due-work kinds: index partition kind, queue, job kind.
pub const DUE_WORK: [(&str, QueueName, &str); 2] = [
    (REMINDERS_DUE_KIND, QueueName::Reminders, REMINDER_JOB),
    (RECURRING_DUE_KIND, QueueName::Recurring, RECURRING_JOB),
];

pub struct DueScheduler {
    ports: Ports,
}

impl DueScheduler {
    pub fn new(ports: Ports) -> Self {
        Self { ports }
    }

    /// The jobs of everything of `kind` due at `now`.
    pub async fn due_jobs(
        &self,
        kind: &str,
        job_kind: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Job>, CoreError> {
        let mut jobs = Vec::new();
        for shard in 0..DUE_SHARDS {
            let query = Query::partition(due_pk(kind, shard), 1000)
                .on(Index::Gsi3)
                .sk(SortKey::Lte(due_until(now)));
            let mut pages = Pages::new(self.ports.table.as_ref(), query);
            while let Some(items) = pages.next().await? {
                for item in &items {
                    let Some(key) = &item.gsi3 else { continue };
                    match job_for(kind, job_kind, &key.sk) {
                        Some(job) => jobs.push(job),
                        None => {
                            tracing::warn!(sk = %key.sk, "due-index entry with a malformed key")
                        }
                    }
                }
            }
        }
        Ok(jobs)
    }
}

/// The job of the entry keyed `<instant>#<acc>#<id>`.
fn job_for(kind: &str, job_kind: &str, sk: &str) -> Option<Job> {
    let mut parts = sk.splitn(3, '#');
    let (at, account, id) = (parts.next()?, parts.next()?, parts.next()?);
    if account.is_empty() || id.is_empty() {
        return None;
    }
    let payload = DueJob {
        account_id: AccountId::from(account),
        id: DocumentId::from(id),
    };
    Some(Job::new(
        format!("{kind}:{account}:{id}:{at}"),
        job_kind,
        &payload,
    ))
}

#[async_trait]
impl Scheduler for DueScheduler {
    fn name(&self) -> &'static str {
        "due-work"
    }

    async fn enqueue_due(&self, now: DateTime<Utc>) -> Result<usize, JobError> {
        let mut queued = 0;
        for (kind, queue, job_kind) in DUE_WORK {
            let jobs = self.due_jobs(kind, job_kind, now).await?;
            queued += jobs.len();
            if !jobs.is_empty() {
                self.ports
                    .queue
                    .send_batch(queue, jobs)
                    .await
                    .map_err(|e| JobError::from(CoreError::from(e)))?;
            }
        }
        Ok(queued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_come_from_the_index_key() {
        let job = job_for("reminders", REMINDER_JOB, "2027-01-31T11:00Z#acc-1#inv-1").unwrap();
        assert_eq!(job.id, "reminders:acc-1:inv-1:2027-01-31T11:00Z");
        assert_eq!(job.kind, REMINDER_JOB);
        assert_eq!(
            DueJob::from_job(&job).unwrap(),
            DueJob {
                account_id: "acc-1".into(),
                id: "inv-1".into()
            }
        );
        assert!(job_for("reminders", REMINDER_JOB, "2027-01-31T11:00Z#acc-1").is_none());
        assert!(job_for("reminders", REMINDER_JOB, "2027-01-31T11:00Z##inv").is_none());
    }
}

//! The consumers of the two queues: the same code behind the `reminders`
//! and `recurring` Lambda functions and the local job loop.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::due::{RECURRING_JOB, REMINDER_JOB};
use super::payload::DueJob;
use super::{JobError, JobHandler, JobOutcome};
use crate::dunning::{ReminderOutcome, run_reminder};
use crate::ports::{Job, Ports, QueueName};
use crate::recurring::run_recurring;
use crate::service::ServiceConfig;

/// `send_reminders` jobs on the reminders queue.
pub struct ReminderJobs {
    pub ports: Ports,
    pub service: ServiceConfig,
}

#[async_trait]
impl JobHandler for ReminderJobs {
    fn queue(&self) -> QueueName {
        QueueName::Reminders
    }
    fn kind(&self) -> &'static str {
        REMINDER_JOB
    }
    async fn handle(&self, job: &Job, now: DateTime<Utc>) -> Result<JobOutcome, JobError> {
        let due = DueJob::from_job(job)?;
        let ports = self.ports.at(now);
        let outcome = run_reminder(&ports, &self.service, &due.account_id, &due.id).await?;
        Ok(JobOutcome {
            reminders_sent: usize::from(matches!(outcome, ReminderOutcome::Sent(_))),
            invoices_created: 0,
        })
    }
}

/// `generate_invoices` jobs on the recurring queue.
pub struct RecurringJobs {
    pub ports: Ports,
    pub service: ServiceConfig,
}

#[async_trait]
impl JobHandler for RecurringJobs {
    fn queue(&self) -> QueueName {
        QueueName::Recurring
    }
    fn kind(&self) -> &'static str {
        RECURRING_JOB
    }
    async fn handle(&self, job: &Job, now: DateTime<Utc>) -> Result<JobOutcome, JobError> {
        let due = DueJob::from_job(job)?;
        let ports = self.ports.at(now);
        let outcome = run_recurring(&ports, &self.service, &due.account_id, &due.id).await?;
        Ok(JobOutcome {
            reminders_sent: 0,
            invoices_created: outcome.invoices_created,
        })
    }
}

/// Both consumers over the same ports.
pub fn job_handlers(ports: &Ports, service: &ServiceConfig) -> Vec<Arc<dyn JobHandler>> {
    vec![
        Arc::new(ReminderJobs {
            ports: ports.clone(),
            service: service.clone(),
        }),
        Arc::new(RecurringJobs {
            ports: ports.clone(),
            service: service.clone(),
        }),
    ]
}

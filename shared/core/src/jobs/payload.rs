//! What a due-work message carries: ids only. The consumer reads the
//! current state, so a message that waited in the queue never acts on a
//! stale copy.

use serde::{Deserialize, Serialize};
use uome_domain::{AccountId, DocumentId};

use super::JobError;
use crate::ports::Job;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueJob {
    pub account_id: AccountId,
    /// The invoice (reminders) or recurring invoice (recurring).
    pub id: DocumentId,
}

impl DueJob {
    /// The payload of `job`, or a rejection naming what is wrong with it.
    pub fn from_job(job: &Job) -> Result<Self, JobError> {
        let payload: DueJob = serde_json::from_value(job.payload.clone())
            .map_err(|e| JobError::Rejected(format!("malformed {} payload: {e}", job.kind)))?;
        if payload.account_id.trim().is_empty() || payload.id.trim().is_empty() {
            return Err(JobError::Rejected(format!(
                "{} payload without ids",
                job.kind
            )));
        }
        Ok(payload)
    }
}

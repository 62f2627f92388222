//! The object-created processing of uploads (API.md §11, §12
//! `attachments`): S3's `ObjectCreated` event in the cloud, the local
//! server's blob PUT at home, one piece of code.
//!
//! The object key names its upload (`accounts/<acc>/uploads/<id>/<name>`);
//! the bytes are read and judged by [`super::inspect`]. A good file makes
//! the upload `ready` with its hash, real size and type, dimensions and a
//! thumbnail stored beside it (`thumbnails/<acc>/<id>.png`, outside the
//! `accounts/` prefix that triggers processing); a bad one is deleted and
//! the upload `rejected` with the reason.
//!
//! S3 delivers events at least once: an upload that is no longer
//! `pending` is left as it is, and the final write is conditional on the
//! version read, so processing the same object twice, or twice at once,
//! changes nothing the second time.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uome_domain::AccountId;

use super::inspect::{Inspected, inspect};
use super::{UploadPurpose, UploadRecord, UploadStatus};
use crate::error::{CoreError, CoreResult};
use crate::imports::ImportSummary;
use crate::imports::stream::{apply_object, check_object};
use crate::jobs::{JobError, ObjectCreated};
use crate::keys::upload_key;
use crate::ports::{Condition, Item, Ports};

/// What processing one object did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Processed {
    Ready,
    /// Deleted, with the reason recorded on the upload.
    Rejected(String),
    /// Already `ready` or `rejected` (a redelivered event).
    AlreadyDone,
    /// No upload of ours: a key of another shape, an unknown upload, or an
    /// object that is gone again.
    NotAnUpload,
}

/// The account and upload a key names, if it has the shape uploads get.
pub fn upload_of_key(key: &str) -> Option<(AccountId, String)> {
    let mut parts = key.strip_prefix("accounts/")?.splitn(4, '/');
    let (account, uploads, id, name) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let valid = uploads == "uploads"
        && !name.is_empty()
        && uuid::Uuid::try_parse(account).is_ok()
        && uuid::Uuid::try_parse(id).is_ok();
    valid.then(|| (AccountId::from(account), id.to_string()))
}

/// Where an upload's thumbnail is stored.
pub fn thumbnail_key(account_id: &AccountId, upload_id: &str) -> String {
    format!("thumbnails/{account_id}/{upload_id}.png")
}

/// Processes the object at `key` as of `ports.clock.now()`.
pub async fn process_object(ports: &Ports, key: &str) -> CoreResult<Processed> {
    let Some((account_id, upload_id)) = upload_of_key(key) else {
        return Ok(Processed::NotAnUpload);
    };
    let record_key = upload_key(&account_id, &upload_id);
    let Some(item) = ports.table.get(&record_key).await? else {
        return Ok(Processed::NotAnUpload);
    };
    let upload: UploadRecord = item.parse()?;
    if upload.key != key {
        return Ok(Processed::NotAnUpload);
    }
    if upload.status != UploadStatus::Pending {
        return Ok(Processed::AlreadyDone);
    }
    if upload.purpose == UploadPurpose::Import {
        return process_import(ports, &account_id, upload, item.version).await;
    }
    let Some(bytes) = ports.blobs.get(key).await? else {
        return Ok(Processed::NotAnUpload);
    };
    // Decoding is CPU-bound: off the async workers.
    let (purpose, declared, size) = (
        upload.purpose,
        upload.content_type.clone(),
        upload.size_bytes,
    );
    let verdict = tokio::task::spawn_blocking(move || inspect(purpose, &declared, size, &bytes))
        .await
        .map_err(|e| CoreError::internal(format!("inspection did not finish: {e}")))?;
    let now = ports.clock.now();
    let mut next = upload.clone();
    next.found.processed_at = Some(now);
    let outcome = match verdict {
        Ok(inspected) => {
            ready(ports, &account_id, &mut next, inspected).await?;
            Processed::Ready
        }
        Err(rejection) => {
            // The bytes go first: an upload is never `rejected` while a
            // bad object stays readable.
            ports.blobs.delete(key).await?;
            next.status = UploadStatus::Rejected;
            next.reason = Some(rejection.0.clone());
            Processed::Rejected(rejection.0)
        }
    };
    record(ports, &account_id, &next, item.version, outcome).await
}

/// Writes the upload as processing left it, if nobody did since `version`.
async fn record(
    ports: &Ports,
    account_id: &AccountId,
    next: &UploadRecord,
    version: u64,
    outcome: Processed,
) -> CoreResult<Processed> {
    let written = Item::new(upload_key(account_id, &next.id), next)?.with_version(version + 1);
    match ports
        .table
        .put(written, Condition::VersionEquals(version))
        .await
    {
        Ok(()) => Ok(outcome),
        // Another delivery of the same event got there first, with the
        // same verdict on the same bytes.
        Err(e) if e.is_conflict() => Ok(Processed::AlreadyDone),
        Err(e) => Err(e.into()),
    }
}

/// An import: checked as a stream (one JSON array, within its sizes),
/// then applied row by row, the report kept on the upload. A file that
/// fails the check is deleted and applies nothing. A second delivery
/// while the first is still applying applies the same rows again, which
/// upserts change nothing; the first to finish records its report.
async fn process_import(
    ports: &Ports,
    account_id: &AccountId,
    upload: UploadRecord,
    version: u64,
) -> CoreResult<Processed> {
    let limit = UploadPurpose::Import.max_bytes();
    let Some(checked) = check_object(ports, &upload.key, upload.size_bytes, limit).await? else {
        return Ok(Processed::NotAnUpload);
    };
    let mut next = upload.clone();
    let outcome = match (checked, upload.import_type) {
        (Ok(checked), Some(kind)) => {
            let Some(report) = apply_object(ports, account_id, kind, &upload.key).await? else {
                return Ok(Processed::NotAnUpload);
            };
            next.status = UploadStatus::Ready;
            next.content_type = "application/json".to_string();
            next.found.sha256 = Some(checked.sha256);
            next.found.bytes = Some(checked.bytes);
            next.found.report = Some(ImportSummary::of(report));
            Processed::Ready
        }
        (checked, _) => {
            let reason = checked.err().unwrap_or_else(|| {
                "The upload does not say what it imports (import_type).".to_string()
            });
            ports.blobs.delete(&upload.key).await?;
            next.status = UploadStatus::Rejected;
            next.reason = Some(reason.clone());
            Processed::Rejected(reason)
        }
    };
    next.found.processed_at = Some(ports.clock.now());
    record(ports, account_id, &next, version, outcome).await
}

/// Fills in what the inspection found and stores the thumbnail.
async fn ready(
    ports: &Ports,
    account_id: &AccountId,
    upload: &mut UploadRecord,
    inspected: Inspected,
) -> CoreResult<()> {
    upload.status = UploadStatus::Ready;
    upload.found.sha256 = Some(inspected.sha256);
    upload.found.bytes = Some(inspected.bytes);
    upload.content_type = inspected.content_type;
    if let Some(image) = inspected.image {
        let thumbnail = thumbnail_key(account_id, &upload.id);
        ports
            .blobs
            .put(&thumbnail, image.thumbnail_png, "image/png")
            .await?;
        upload.found.width = Some(image.width);
        upload.found.height = Some(image.height);
        upload.found.thumbnail_key = Some(thumbnail);
    }
    Ok(())
}

/// The upload processing as the local server's object-created hook.
pub struct UploadProcessor {
    pub ports: Ports,
}

#[async_trait]
impl ObjectCreated for UploadProcessor {
    async fn object_created(
        &self,
        key: &str,
        _size: u64,
        now: DateTime<Utc>,
    ) -> Result<(), JobError> {
        let outcome = process_object(&self.ports.at(now), key).await?;
        tracing::info!(%key, ?outcome, "object processed");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_upload_or_nothing() {
        let acc = "0192f0c4-5a6b-7c8d-9e0f-112233445566";
        let id = "0192f0c4-5a6b-7c8d-9e0f-aabbccddeeff";
        let key = format!("accounts/{acc}/uploads/{id}/me.png");
        assert_eq!(
            upload_of_key(&key),
            Some((AccountId::from(acc), id.to_string()))
        );
        assert_eq!(upload_of_key(&format!("thumbnails/{acc}/{id}.png")), None);
        assert_eq!(
            upload_of_key(&format!("accounts/{acc}/uploads/{id}/")),
            None
        );
        assert_eq!(
            upload_of_key(&format!("accounts/{acc}/logos/{id}/x.png")),
            None
        );
        assert_eq!(upload_of_key("accounts/x/uploads/y/z.png"), None);
    }
}

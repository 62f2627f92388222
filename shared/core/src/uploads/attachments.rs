//! `attachment_ids` on quotes and invoices (API.md §11): files the
//! document's email carries beside its PDF. Checked where the document is
//! written, against the uploads read in the draft's one batch read; read
//! again (record and bytes) when the email goes.

use uome_domain::{AccountId, FieldErrors};

use super::{UploadPurpose, UploadRecord, UploadStatus, not_ready};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::upload_key;
use crate::ports::{Attachment, Key, Ports};

/// The most files one document carries.
pub const MAX_ATTACHMENTS: usize = 10;
/// Their size together (API.md §11): an email stays well within what
/// mail servers take once the PDF and base64 are added.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 << 20;

/// The upload keys the ids name (ids that are not UUIDs name nothing).
pub fn attachment_keys(account_id: &AccountId, ids: &[String]) -> Vec<Key> {
    ids.iter()
        .filter(|id| uuid::Uuid::try_parse(id.trim()).is_ok())
        .map(|id| upload_key(account_id, id.trim()))
        .collect()
}

/// Checks the ids against the uploads `fetched` holds: each must be one of
/// the account's `attachment` uploads (else a 422 on `attachment_ids[i]`:
/// another account's upload names nothing here), listed once, at most
/// [`MAX_ATTACHMENTS`] of them and [`MAX_ATTACHMENT_BYTES`] together.
/// Field problems go to `errors`; the ids answered are the cleaned ones.
/// `Err` is the 409 `upload_not_ready` of an upload still `pending` (or
/// `rejected`), for the caller to answer once no field is wrong.
pub fn check_attachments(
    account_id: &AccountId,
    ids: &[String],
    fetched: &Fetched,
    errors: &mut FieldErrors,
) -> CoreResult<(Vec<String>, Option<CoreError>)> {
    if ids.len() > MAX_ATTACHMENTS {
        errors.push(
            "attachment_ids",
            format!("at most {MAX_ATTACHMENTS} attachments"),
        );
        return Ok((Vec::new(), None));
    }
    let mut kept = Vec::with_capacity(ids.len());
    let mut total = 0u64;
    let mut not_ready_yet = None;
    for (i, id) in ids.iter().enumerate() {
        let field = format!("attachment_ids[{i}]");
        let id = id.trim().to_string();
        if kept.contains(&id) {
            errors.push(field, "is listed twice");
            continue;
        }
        let Some(item) = uuid::Uuid::try_parse(&id)
            .ok()
            .and_then(|_| fetched.get(&upload_key(account_id, &id)))
        else {
            errors.push(field, "no such upload");
            continue;
        };
        let upload: UploadRecord = item.parse()?;
        if upload.purpose != UploadPurpose::Attachment {
            errors.push(
                field,
                format!(
                    "is a {} upload; attachments are uploaded with purpose attachment",
                    upload.purpose.as_str()
                ),
            );
            continue;
        }
        match upload.status {
            UploadStatus::Ready => total += upload.found.bytes.unwrap_or(upload.size_bytes),
            _ => {
                not_ready_yet.get_or_insert_with(|| {
                    not_ready(
                        &upload,
                        format!(
                            "Attachment {id} is {}; link it once it is ready.",
                            upload.status.as_str()
                        ),
                    )
                });
            }
        }
        kept.push(id);
    }
    if total > MAX_ATTACHMENT_BYTES {
        errors.push(
            "attachment_ids",
            format!(
                "the attachments are {total} bytes together; at most {MAX_ATTACHMENT_BYTES} bytes"
            ),
        );
    }
    Ok((kept, not_ready_yet))
}

/// The files of `ids` for an email, in order. An upload or object that is
/// gone since it was linked is a 409: the email would not be what the
/// document says it carries.
pub async fn attachment_files(
    ports: &Ports,
    account_id: &AccountId,
    ids: &[String],
) -> CoreResult<Vec<Attachment>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let fetched = Fetched::read(ports.table.as_ref(), attachment_keys(account_id, ids)).await?;
    let mut files = Vec::with_capacity(ids.len());
    for id in ids {
        let missing = || {
            CoreError::conflict(
                "attachment_unavailable",
                format!("Attachment {id} is no longer available; remove it from the document."),
            )
        };
        let item = fetched
            .get(&upload_key(account_id, id))
            .ok_or_else(missing)?;
        let upload: UploadRecord = item.parse()?;
        if upload.status != UploadStatus::Ready {
            return Err(missing());
        }
        let bytes = ports.blobs.get(&upload.key).await?.ok_or_else(missing)?;
        files.push(Attachment {
            file_name: upload.file_name,
            content_type: upload.content_type,
            bytes,
        });
    }
    Ok(files)
}

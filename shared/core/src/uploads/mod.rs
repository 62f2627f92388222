//! Uploads (API.md §11): a record under the account plus a presigned PUT the
//! client sends the bytes to, so bytes never pass through a Lambda.
//!
//! `ACCOUNT#<acc>` / `UPLOAD#<id>` holds the record; the object lives at
//! `accounts/<acc>/uploads/<id>/<sanitised file name>`, so the object-created
//! processing ([`process`]) can find the record from the key alone. It
//! moves a record from `pending` to `ready` or `rejected`;
//! [`ensure_ready`] is the one place any use case asks whether an upload may
//! be used, so every route (avatar, company logo, attachments...) answers
//! the same way.

pub mod attachments;
pub mod inspect;
pub mod process;

pub use process::{Processed, UploadProcessor, process_object};

use std::time::Duration;
use uome_domain::AccountId;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::FieldError;

use crate::error::{CoreError, CoreResult};
use crate::keys::upload_key;
use crate::ports::{Condition, Item, Ports, PresignedRequest};

/// How long a presigned upload or download URL stays valid.
pub const URL_TTL: Duration = Duration::from_secs(15 * 60);
/// Longest file name accepted (API.md §1: names 255).
pub const MAX_FILE_NAME: usize = 255;
/// Longest file name kept in the object key; the full name stays in the record.
const MAX_KEY_NAME: usize = 100;

/// The image types avatars and logos may have.
pub const IMAGE_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];
const DOCUMENT_TYPES: [&str; 4] = ["application/pdf", "image/png", "image/jpeg", "image/webp"];
const IMPORT_TYPES: [&str; 1] = ["application/json"];

const MIB: u64 = 1 << 20;

/// What an upload is for; decides the types and size allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub enum UploadPurpose {
    Avatar,
    Expense,
    Attachment,
    Import,
}

impl UploadPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            UploadPurpose::Avatar => "avatar",
            UploadPurpose::Expense => "expense",
            UploadPurpose::Attachment => "attachment",
            UploadPurpose::Import => "import",
        }
    }

    /// Content types accepted, lower case, without parameters.
    pub fn content_types(self) -> &'static [&'static str] {
        match self {
            UploadPurpose::Avatar => &IMAGE_TYPES,
            UploadPurpose::Expense | UploadPurpose::Attachment => &DOCUMENT_TYPES,
            UploadPurpose::Import => &IMPORT_TYPES,
        }
    }

    /// Largest object accepted, in bytes.
    pub fn max_bytes(self) -> u64 {
        match self {
            UploadPurpose::Avatar => 5 * MIB,
            UploadPurpose::Expense | UploadPurpose::Attachment => 20 * MIB,
            UploadPurpose::Import => 50 * MIB,
        }
    }

    pub fn allows(self, content_type: &str) -> bool {
        self.content_types().contains(&content_type)
    }
}

/// What an `import` upload holds (API.md §11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub enum ImportType {
    Invoices,
    Customers,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub enum UploadStatus {
    Pending,
    Ready,
    Rejected,
}

impl UploadStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            UploadStatus::Pending => "pending",
            UploadStatus::Ready => "ready",
            UploadStatus::Rejected => "rejected",
        }
    }
}

/// The stored upload. Fields the processing adds later (hash, dimensions,
/// thumbnail...) are ignored here, so this type keeps reading them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRecord {
    pub id: String,
    pub purpose: UploadPurpose,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: u64,
    /// The object key in the blob store.
    pub key: String,
    /// `import` uploads only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_type: Option<ImportType>,
    /// The resource the file is for, when the client named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    pub status: UploadStatus,
    pub created_at: DateTime<Utc>,
    /// Why a `rejected` upload was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What the processing found; empty while `pending`.
    #[serde(default, flatten)]
    pub found: Findings,
}

/// What the processing found on a `ready` upload: the hash and real size
/// of the bytes, an image's dimensions and its thumbnail's key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processed_at: Option<DateTime<Utc>>,
    /// What applying an `import` did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<crate::imports::ImportSummary>,
}

impl UploadRecord {
    pub fn is_image(&self) -> bool {
        IMAGE_TYPES.contains(&self.content_type.as_str())
    }
}

/// What a client asks to upload. `size_bytes` is signed so a negative value
/// is reported as a field error rather than a type error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUpload {
    pub purpose: UploadPurpose,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Required for `import`, refused for the others.
    pub import_type: Option<ImportType>,
    /// A UUID, when given.
    pub owner_id: Option<String>,
}

/// A new upload and the request the client makes to send its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresignedUpload {
    pub upload: UploadRecord,
    pub request: PresignedRequest,
}

/// Checks the request (every bad field at once), records a `pending` upload
/// and presigns the PUT.
pub async fn create(
    ports: &Ports,
    account_id: &AccountId,
    input: NewUpload,
) -> CoreResult<PresignedUpload> {
    let purpose = input.purpose;
    let mut errors = Vec::new();
    let file_name = input.file_name.trim().to_string();
    if file_name.is_empty() {
        errors.push(FieldError::new("file_name", "is required"));
    } else if file_name.chars().count() > MAX_FILE_NAME {
        errors.push(FieldError::new(
            "file_name",
            format!("must be at most {MAX_FILE_NAME} characters"),
        ));
    } else if file_name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "file_name",
            "must not contain control characters",
        ));
    }
    let content_type = media_type(&input.content_type);
    if !purpose.allows(&content_type) {
        errors.push(FieldError::new(
            "content_type",
            format!(
                "must be one of {} for {}",
                purpose.content_types().join(", "),
                purpose.as_str()
            ),
        ));
    }
    let max = purpose.max_bytes();
    let size_bytes = u64::try_from(input.size_bytes)
        .ok()
        .filter(|n| (1..=max).contains(n));
    if size_bytes.is_none() {
        errors.push(FieldError::new(
            "size_bytes",
            format!("must be from 1 to {max} bytes for {}", purpose.as_str()),
        ));
    }
    match (purpose, input.import_type) {
        (UploadPurpose::Import, None) => {
            errors.push(FieldError::new("import_type", "is required for an import"));
        }
        (UploadPurpose::Import, Some(_)) | (_, None) => {}
        (_, Some(_)) => {
            errors.push(FieldError::new("import_type", "is only for purpose import"));
        }
    }
    if let Some(owner) = &input.owner_id
        && uuid::Uuid::try_parse(owner).map_or(true, |u| u.hyphenated().to_string() != *owner)
    {
        errors.push(FieldError::new("owner_id", "must be a hyphenated UUID"));
    }
    let (Some(size_bytes), true) = (size_bytes, errors.is_empty()) else {
        return Err(CoreError::Validation(errors));
    };

    let id = ports.ids.new_id().to_string();
    let key = format!(
        "accounts/{account_id}/uploads/{id}/{}",
        sanitise_file_name(&file_name)
    );
    // Presign before recording: a failure here leaves nothing behind.
    let request = ports
        .blobs
        .presign_put(&key, &content_type, size_bytes, URL_TTL)
        .await?;
    let upload = UploadRecord {
        id,
        purpose,
        file_name,
        content_type,
        size_bytes,
        key,
        import_type: input.import_type,
        owner_id: input.owner_id,
        status: UploadStatus::Pending,
        created_at: ports.clock.now(),
        reason: None,
        found: Findings::default(),
    };
    ports
        .table
        .put(
            Item::new(upload_key(account_id, &upload.id), &upload)?,
            Condition::NotExists,
        )
        .await?;
    Ok(PresignedUpload { upload, request })
}

/// The upload when it may be used: 404 when it is unknown or another
/// account's, 409 `upload_not_ready` while its bytes have not landed or
/// been checked yet (`pending`), or when they were `rejected`.
pub async fn ensure_ready(
    ports: &Ports,
    account_id: &AccountId,
    upload_id: &str,
) -> CoreResult<UploadRecord> {
    let upload = load(ports, account_id, upload_id).await?;
    match upload.status {
        UploadStatus::Ready => Ok(upload),
        UploadStatus::Rejected => Err(not_ready(
            &upload,
            match &upload.reason {
                Some(reason) => format!("The upload was rejected: {reason}"),
                None => "The upload was rejected.".to_string(),
            },
        )),
        UploadStatus::Pending => Err(not_ready(
            &upload,
            "The file has not been uploaded and checked yet; try again once the upload is ready."
                .to_string(),
        )),
    }
}

/// [`ensure_ready`] for an upload named in a field of a request (the
/// avatar's `upload_id`, `logo_upload_id`...): an unknown id, or another
/// account's, is a 422 on `field` (the request is what is wrong, not the
/// URL); pending or rejected stays the 409 `upload_not_ready`.
pub async fn ensure_linkable(
    ports: &Ports,
    account_id: &AccountId,
    upload_id: &str,
    field: &str,
) -> CoreResult<UploadRecord> {
    match ensure_ready(ports, account_id, upload_id).await {
        Err(CoreError::NotFound) => Err(CoreError::invalid_field(field, "no such upload")),
        other => other,
    }
}

/// The upload record of the account, or 404.
pub async fn load(
    ports: &Ports,
    account_id: &AccountId,
    upload_id: &str,
) -> CoreResult<UploadRecord> {
    // Ids are UUIDs; anything else names nothing (and makes no odd keys).
    if uuid::Uuid::try_parse(upload_id).is_err() {
        return Err(CoreError::NotFound);
    }
    let item = ports
        .table
        .get(&upload_key(account_id, upload_id))
        .await?
        .ok_or(CoreError::NotFound)?;
    Ok(item.parse()?)
}

/// A presigned GET of an object, for `avatar_url`, `logo_url`...
pub async fn download_url(ports: &Ports, key: &str) -> CoreResult<String> {
    Ok(ports.blobs.presign_get(key, URL_TTL).await?.url)
}

fn not_ready(upload: &UploadRecord, detail: String) -> CoreError {
    CoreError::conflict("upload_not_ready", detail)
        .with_extra("upload_id", upload.id.clone())
        .with_extra("upload_status", upload.status.as_str())
}

/// `Image/PNG; charset=x` → `image/png`.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// A file name safe as the last segment of an object key: ASCII letters,
/// digits, `.`, `-` and `_` (anything else becomes `_`), no leading dot,
/// at most 100 characters keeping the extension.
pub fn sanitise_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.');
    let cleaned = if cleaned.len() > MAX_KEY_NAME {
        // ASCII only by now, so byte offsets are char offsets.
        match cleaned.rfind('.').filter(|dot| cleaned.len() - dot <= 10) {
            Some(dot) => {
                let ext = &cleaned[dot..];
                format!("{}{ext}", &cleaned[..MAX_KEY_NAME - ext.len()])
            }
            None => cleaned[..MAX_KEY_NAME].to_string(),
        }
    } else {
        cleaned.to_string()
    };
    if cleaned.chars().all(|c| c == '_' || c == '.') {
        "file".to_string()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_made_key_safe() {
        assert_eq!(sanitise_file_name("me.png"), "me.png");
        assert_eq!(sanitise_file_name("../../etc/passwd"), "passwd");
        assert_eq!(
            sanitise_file_name("C:\\Users\\me\\photo 1.JPG"),
            "photo_1.JPG"
        );
        assert_eq!(sanitise_file_name(".hidden"), "hidden");
        assert_eq!(sanitise_file_name("..."), "file");
        assert_eq!(sanitise_file_name("été ☀.webp"), "_t___.webp");
        assert_eq!(sanitise_file_name("日本"), "file");
        let long = format!("{}.png", "a".repeat(300));
        let short = sanitise_file_name(&long);
        assert_eq!(short.len(), 100);
        assert!(short.ends_with(".png"));
    }

    #[test]
    fn media_types_lose_parameters_and_case() {
        assert_eq!(media_type(" Image/PNG ; q=1"), "image/png");
        assert!(UploadPurpose::Avatar.allows(&media_type("image/webp")));
        assert!(!UploadPurpose::Avatar.allows("application/pdf"));
        assert!(UploadPurpose::Attachment.allows("application/pdf"));
        assert_eq!(UploadPurpose::Avatar.max_bytes(), 5 * 1024 * 1024);
    }
}

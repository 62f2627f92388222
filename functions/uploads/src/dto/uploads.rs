//! `POST /v1/uploads` and `GET /v1/uploads/{id}` (API.md §11).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::imports::ImportSummary;
use uome_core::uploads::{ImportType, UploadPurpose, UploadRecord, UploadStatus};

use super::bulk::RejectedRow;
use utoipa::ToSchema;

/// `POST /v1/uploads`. The fields are optional in the type so that a
/// missing one is a field error like any other.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"purpose": "expense", "file_name": "receipt.pdf", "content_type": "application/pdf", "size_bytes": 48213}))]
pub struct CreateUploadRequest {
    /// `avatar` (png, jpeg, webp ≤ 5 MiB), `expense` and `attachment`
    /// (pdf, png, jpeg, webp ≤ 20 MiB), `import` (json ≤ 50 MiB).
    #[serde(default)]
    #[schema(required = true)]
    pub purpose: Option<UploadPurpose>,
    /// ≤ 255 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub file_name: Option<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub content_type: Option<String>,
    /// The exact size the PUT will send; signed into the URL.
    #[serde(default)]
    #[schema(required = true, minimum = 1, maximum = 52428800)]
    pub size_bytes: Option<i64>,
    /// Required for `import`, refused for the other purposes.
    #[serde(default)]
    pub import_type: Option<ImportType>,
    /// The resource the file is for (an expense, a document), if known.
    #[serde(default)]
    #[schema(format = "uuid")]
    pub owner_id: Option<String>,
}

/// An upload as it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadView {
    pub upload_id: String,
    pub purpose: UploadPurpose,
    pub import_type: Option<ImportType>,
    pub owner_id: Option<String>,
    pub file_name: String,
    /// The declared type until the upload is `ready`, then the type its
    /// bytes are.
    pub content_type: String,
    /// The declared size.
    pub size_bytes: u64,
    /// `pending` until the bytes land and are checked, then `ready` or
    /// `rejected`.
    pub status: UploadStatus,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// Lower-case hex SHA-256 of the bytes (`ready`).
    pub sha256: Option<String>,
    /// The real size of the bytes (`ready`).
    pub bytes: Option<u64>,
    /// An image's dimensions (`ready`).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// A GET link to the file, valid 15 minutes (`ready` only).
    pub download_url: Option<String>,
    /// A GET link to a PNG at most 256 px on its longer side, valid 15
    /// minutes (`ready` images only).
    pub thumbnail_url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub processed_at: Option<DateTime<Utc>>,
    /// What applying a `ready` import did.
    pub report: Option<UploadReportView>,
}

impl UploadView {
    pub fn new(
        upload: UploadRecord,
        download_url: Option<String>,
        thumbnail_url: Option<String>,
    ) -> Self {
        Self {
            upload_id: upload.id,
            purpose: upload.purpose,
            import_type: upload.import_type,
            owner_id: upload.owner_id,
            file_name: upload.file_name,
            content_type: upload.content_type,
            size_bytes: upload.size_bytes,
            status: upload.status,
            reason: upload.reason,
            sha256: upload.found.sha256,
            bytes: upload.found.bytes,
            width: upload.found.width,
            height: upload.found.height,
            download_url,
            thumbnail_url,
            created_at: upload.created_at,
            processed_at: upload.found.processed_at,
            report: upload.found.report.map(UploadReportView::from),
        }
    }
}

/// An import upload's report: the counts in full, and the first 200
/// rejected rows (`rejected_count` says how many there were).
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadReportView {
    pub received: usize,
    pub created: usize,
    pub updated: usize,
    pub rejected_count: usize,
    pub rejected: Vec<RejectedRow>,
}

impl From<ImportSummary> for UploadReportView {
    fn from(s: ImportSummary) -> Self {
        UploadReportView {
            received: s.received,
            created: s.created,
            updated: s.updated,
            rejected_count: s.rejected_count,
            rejected: s.rejected.into_iter().map(RejectedRow::from).collect(),
        }
    }
}

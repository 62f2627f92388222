//! The `Blobs` port: S3 in the cloud, files under the data directory at home.
//! Presigned URLs let clients move bytes without passing through a Lambda.

use std::collections::BTreeMap;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// A request the client makes itself: method, URL and the headers it must send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PresignedRequest {
    pub method: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobMeta {
    pub size: u64,
    pub content_type: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("invalid blob key: {0}")]
    InvalidKey(String),
    /// The backend failed; `code` is the AWS error code (or the io error kind).
    #[error("blob backend error {code}: {message}")]
    Backend { code: String, message: String },
}

#[async_trait]
pub trait Blobs: Send + Sync {
    /// A URL the client PUTs exactly `content_length` bytes to, with
    /// `Content-Type: content_type`; both are signed, so a PUT of another
    /// type or size is refused by the store.
    async fn presign_put(
        &self,
        key: &str,
        content_type: &str,
        content_length: u64,
        expires_in: Duration,
    ) -> Result<PresignedRequest, BlobError>;

    /// A URL the client GETs the bytes from.
    async fn presign_get(
        &self,
        key: &str,
        expires_in: Duration,
    ) -> Result<PresignedRequest, BlobError>;

    async fn head(&self, key: &str) -> Result<Option<BlobMeta>, BlobError>;

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, BlobError>;

    async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), BlobError>;

    /// Deleting a missing key is not an error.
    async fn delete(&self, key: &str) -> Result<(), BlobError>;
}

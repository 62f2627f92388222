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

/// An object read a piece at a time, so a large one (a 50 MiB import)
/// never has to be in memory whole.
#[async_trait]
pub trait BlobChunks: Send {
    /// The next piece, `None` at the end.
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, BlobError>;
}

/// The whole object as one piece: for stores that have nothing better.
struct Whole(Option<Vec<u8>>);

#[async_trait]
impl BlobChunks for Whole {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, BlobError> {
        Ok(self.0.take())
    }
}

#[async_trait]
pub trait Blobs: Send + Sync {
    /// A URL the client PUTs exactly `content_length` bytes to, with
    /// `Content-Type: content_type`; both are signed, so a PUT of another
    /// type or size is refused by the store. It also carries `If-None-Match:
    /// *`: the object is written once, so the URL cannot replace bytes that
    /// were already checked while it is still valid.
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

    /// The object as a stream of pieces (`None` when there is none). The
    /// default reads it whole; S3 and the local store stream it.
    async fn open(&self, key: &str) -> Result<Option<Box<dyn BlobChunks>>, BlobError> {
        Ok(self
            .get(key)
            .await?
            .map(|bytes| Box::new(Whole(Some(bytes))) as Box<dyn BlobChunks>))
    }

    async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), BlobError>;

    /// Deleting a missing key is not an error.
    async fn delete(&self, key: &str) -> Result<(), BlobError>;
}

//! The `Blobs` port on one S3 bucket. Clients move the bytes themselves with
//! presigned URLs; the Lambda only signs, inspects and (rarely) copies.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Debug;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_s3::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use chrono::{DateTime, Utc};
use uome_core::ports::{BlobChunks, BlobError, BlobMeta, Blobs, PresignedRequest};

/// S3's own limit on key length, in UTF-8 bytes.
const MAX_KEY_BYTES: usize = 1024;

#[derive(Clone, Debug)]
pub struct S3Blobs {
    client: aws_sdk_s3::Client,
    bucket: String,
}

impl S3Blobs {
    /// For tests against moto (or any non-AWS endpoint) the client needs
    /// `force_path_style(true)`.
    pub fn new(client: aws_sdk_s3::Client, bucket: impl Into<String>) -> Self {
        Self {
            client,
            bucket: bucket.into(),
        }
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }
}

#[async_trait]
impl Blobs for S3Blobs {
    async fn presign_put(
        &self,
        key: &str,
        content_type: &str,
        content_length: u64,
        expires_in: Duration,
    ) -> Result<PresignedRequest, BlobError> {
        validate_key(key)?;
        let config = presigning_config(expires_in)?;
        let expires_at = expires_at(expires_in)?;
        let presigned = self
            .client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            // Signed, so S3 refuses an upload with another Content-Type
            // or of another size.
            .content_type(content_type)
            .content_length(i64::try_from(content_length).unwrap_or(i64::MAX))
            // Written once: a second PUT through the same URL (after the
            // object was checked) is refused with 412.
            .if_none_match("*")
            .presigned(config)
            .await
            .map_err(sdk_error)?;
        let mut headers = headers(presigned.headers());
        headers
            .entry("content-type".to_string())
            .or_insert_with(|| content_type.to_string());
        headers
            .entry("content-length".to_string())
            .or_insert_with(|| content_length.to_string());
        headers
            .entry("if-none-match".to_string())
            .or_insert_with(|| "*".to_string());
        Ok(PresignedRequest {
            method: presigned.method().to_string(),
            url: presigned.uri().to_string(),
            headers,
            expires_at,
        })
    }

    async fn presign_get(
        &self,
        key: &str,
        expires_in: Duration,
    ) -> Result<PresignedRequest, BlobError> {
        validate_key(key)?;
        let config = presigning_config(expires_in)?;
        let expires_at = expires_at(expires_in)?;
        let presigned = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .presigned(config)
            .await
            .map_err(sdk_error)?;
        Ok(PresignedRequest {
            method: presigned.method().to_string(),
            url: presigned.uri().to_string(),
            headers: headers(presigned.headers()),
            expires_at,
        })
    }

    async fn head(&self, key: &str) -> Result<Option<BlobMeta>, BlobError> {
        validate_key(key)?;
        let result = self
            .client
            .head_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await;
        match result {
            Ok(out) => Ok(Some(BlobMeta {
                size: out
                    .content_length()
                    .and_then(|n| u64::try_from(n).ok())
                    .unwrap_or(0),
                content_type: out.content_type().map(str::to_string),
            })),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => Ok(None),
            Err(e) => Err(sdk_error(e)),
        }
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, BlobError> {
        validate_key(key)?;
        let result = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await;
        let out = match result {
            Ok(out) => out,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => {
                return Ok(None);
            }
            Err(e) => return Err(sdk_error(e)),
        };
        let bytes = out.body.collect().await.map_err(|e| BlobError::Backend {
            code: "ByteStreamError".into(),
            message: DisplayErrorContext(&e).to_string(),
        })?;
        Ok(Some(bytes.into_bytes().to_vec()))
    }

    async fn open(&self, key: &str) -> Result<Option<Box<dyn BlobChunks>>, BlobError> {
        validate_key(key)?;
        let result = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await;
        match result {
            Ok(out) => Ok(Some(Box::new(S3Chunks(out.body)))),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => Ok(None),
            Err(e) => Err(sdk_error(e)),
        }
    }

    async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), BlobError> {
        validate_key(key)?;
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(sdk_error)?;
        Ok(())
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        validate_key(key)?;
        // S3 answers 204 for a missing key too, which is what the port wants.
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(sdk_error)?;
        Ok(())
    }
}

fn validate_key(key: &str) -> Result<(), BlobError> {
    if key.is_empty() || key.len() > MAX_KEY_BYTES {
        return Err(BlobError::InvalidKey(format!(
            "{key:?}: must be 1 to {MAX_KEY_BYTES} bytes"
        )));
    }
    Ok(())
}

fn expires_at(expires_in: Duration) -> Result<DateTime<Utc>, BlobError> {
    chrono::Duration::from_std(expires_in)
        .ok()
        .and_then(|d| Utc::now().checked_add_signed(d))
        .ok_or_else(|| BlobError::Backend {
            code: "InvalidPresigningConfig".into(),
            message: format!("expiry out of range: {expires_in:?}"),
        })
}

fn presigning_config(expires_in: Duration) -> Result<PresigningConfig, BlobError> {
    // S3 caps presigned URLs at 7 days; the SDK reports anything longer.
    PresigningConfig::expires_in(expires_in).map_err(|e| BlobError::Backend {
        code: "InvalidPresigningConfig".into(),
        message: e.to_string(),
    })
}

/// Header names lower-cased so callers find `content-type` whatever the SDK
/// emits.
fn headers<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> BTreeMap<String, String> {
    pairs
        .map(|(name, value)| (name.to_ascii_lowercase(), value.to_string()))
        .collect()
}

/// The failure with its AWS code (see [`super::sdk_error`]).
fn sdk_error<E, R>(err: SdkError<E, R>) -> BlobError
where
    E: ProvideErrorMetadata + Error + 'static,
    R: Debug,
{
    let (code, message) = super::sdk_error::code_and_message(&err);
    BlobError::Backend { code, message }
}

/// A GetObject body as S3 sends it, piece by piece.
struct S3Chunks(ByteStream);

#[async_trait]
impl BlobChunks for S3Chunks {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, BlobError> {
        match self.0.next().await {
            None => Ok(None),
            Some(Ok(bytes)) => Ok(Some(bytes.to_vec())),
            Some(Err(e)) => Err(BlobError::Backend {
                code: "ByteStreamError".into(),
                message: DisplayErrorContext(&e).to_string(),
            }),
        }
    }
}

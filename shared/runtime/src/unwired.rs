//! Ports for services a function does not link. A function's code never
//! reaches them (its use cases use only what it links); if a wiring mistake
//! ever makes one reachable, it fails loudly with code `NotWired` instead of
//! pulling another AWS SDK into every binary.

use std::time::Duration;

use async_trait::async_trait;
use uome_core::ports::{
    BlobError, BlobMeta, Blobs, Email, Job, MailError, Mailer, PresignedRequest, Queue, QueueError,
    QueueName,
};

const CODE: &str = "NotWired";

fn message(service: &str) -> String {
    format!("this function does not link {service}; enable its uome-runtime feature")
}

pub struct UnwiredBlobs;

#[async_trait]
impl Blobs for UnwiredBlobs {
    async fn presign_put(
        &self,
        _: &str,
        _: &str,
        _: u64,
        _: Duration,
    ) -> Result<PresignedRequest, BlobError> {
        Err(blob_error())
    }
    async fn presign_get(&self, _: &str, _: Duration) -> Result<PresignedRequest, BlobError> {
        Err(blob_error())
    }
    async fn head(&self, _: &str) -> Result<Option<BlobMeta>, BlobError> {
        Err(blob_error())
    }
    async fn get(&self, _: &str) -> Result<Option<Vec<u8>>, BlobError> {
        Err(blob_error())
    }
    async fn put(&self, _: &str, _: Vec<u8>, _: &str) -> Result<(), BlobError> {
        Err(blob_error())
    }
    async fn delete(&self, _: &str) -> Result<(), BlobError> {
        Err(blob_error())
    }
}

fn blob_error() -> BlobError {
    BlobError::Backend {
        code: CODE.into(),
        message: message("S3"),
    }
}

pub struct UnwiredMailer;

#[async_trait]
impl Mailer for UnwiredMailer {
    async fn send(&self, _: &Email) -> Result<String, MailError> {
        Err(MailError::Backend {
            code: CODE.into(),
            message: message("SESv2"),
        })
    }
}

pub struct UnwiredQueue;

#[async_trait]
impl Queue for UnwiredQueue {
    async fn send_batch(&self, _: QueueName, _: Vec<Job>) -> Result<(), QueueError> {
        Err(QueueError::Backend {
            code: CODE.into(),
            message: message("SQS"),
        })
    }
}

//! Implementations of core's ports.
//!
//! - `embedded`: SQLite table, file-system blobs with HMAC-signed URLs, the
//!   outbox mailer and the in-process queue: the local server's defaults.
//! - `aws`: DynamoDB, S3, SESv2 and SQS, one cargo feature per service so a
//!   function links only the clients it uses.

#[cfg(feature = "aws")]
pub mod aws;
#[cfg(feature = "embedded")]
pub mod embedded;
#[cfg(feature = "mime")]
pub mod mime;

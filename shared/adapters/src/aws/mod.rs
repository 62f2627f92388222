//! The AWS adapters, one module (and one cargo feature) per service.

#[cfg(feature = "dynamodb")]
pub mod dynamodb;
#[cfg(feature = "s3")]
pub mod s3;
#[cfg(any(feature = "s3", feature = "sesv2", feature = "sqs"))]
mod sdk_error;
#[cfg(feature = "sesv2")]
pub mod sesv2;
#[cfg(feature = "sqs")]
pub mod sqs;

//! The jobs' Lambda events, without the AWS SDK (API.md §12).
//!
//! [`QueueConsumer`] hands every record of an SQS batch to core's job
//! handlers and answers the partial-batch response; [`tick`] hands an
//! EventBridge schedule event to the scheduler; [`objects_created`] hands
//! S3's ObjectCreated records to the uploads' processing. The `reminders`,
//! `recurring` and `scheduler` binaries serve exactly these, and their
//! tests push the real fixtures in `events/` through the same code with
//! the embedded adapters, so no test needs Lambda or the SDK to reach the
//! logic that decides what is retried.

pub mod objects;
pub mod queue_consumer;
pub mod schedule;

pub use aws_lambda_events::event::eventbridge::EventBridgeEvent;
pub use aws_lambda_events::event::s3::S3Event;
pub use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
pub use objects::objects_created;
pub use queue_consumer::{BatchReport, QueueConsumer};
pub use schedule::tick;

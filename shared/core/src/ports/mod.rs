//! The ports core talks through. One file per port.

pub mod blobs;
pub mod clock;
pub mod counting;
pub mod ids;
pub mod mailer;
pub mod queue;
pub mod request_calls;
pub mod table;

use std::sync::Arc;

pub use blobs::{BlobChunks, BlobError, BlobMeta, Blobs, PresignedRequest};
pub use clock::{Clock, FixedClock, SystemClock};
pub use ids::{Ids, RandomIds};
pub use mailer::{Attachment, Email, MailError, Mailbox, Mailer};
pub use queue::{Job, Queue, QueueError, QueueName};
pub use table::{
    BatchWrite, Condition, Index, IndexKey, Item, Key, LastKey, Page, Query, SortKey, Table,
    TableError, Write,
};

/// Every port a use case may need, built once per cold start (or per local
/// server) and shared by reference with every request.
#[derive(Clone)]
pub struct Ports {
    pub table: Arc<dyn Table>,
    pub blobs: Arc<dyn Blobs>,
    pub mailer: Arc<dyn Mailer>,
    pub queue: Arc<dyn Queue>,
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn Ids>,
}

impl Ports {
    /// The same ports with the clock stopped at `now`: a job decides and
    /// stamps everything as of the instant it runs for (the scheduler's
    /// tick, or the `now` of `POST /_local/jobs/run`).
    pub fn at(&self, now: chrono::DateTime<chrono::Utc>) -> Ports {
        Ports {
            clock: Arc::new(FixedClock::new(now)),
            ..self.clone()
        }
    }
}

//! The embedded adapters: everything the local server needs on one machine.

pub mod fs_blobs;
pub mod in_process_queue;
pub mod outbox;
pub mod sqlite_table;
pub mod wiring;

pub use fs_blobs::{BlobAccessError, FsBlobs};
pub use in_process_queue::InProcessQueue;
pub use outbox::{OutboxEntry, OutboxMailer};
pub use sqlite_table::SqliteTable;
pub use wiring::{EmbeddedPorts, embedded_ports};

//! The embedded adapters assembled behind core's ports: what the local
//! server runs on, and what router tests run on.

use std::path::Path;
use std::sync::Arc;

use uome_core::Ports;
use uome_core::ports::{Clock, Ids, TableError};

use super::{FsBlobs, InProcessQueue, OutboxMailer, SqliteTable};

/// The ports plus typed handles on the adapters that have local-only
/// powers (reading the outbox, draining the queue, checking blob URLs).
#[derive(Clone)]
pub struct EmbeddedPorts {
    pub ports: Ports,
    pub blobs: Arc<FsBlobs>,
    pub outbox: Arc<OutboxMailer>,
    pub queue: Arc<InProcessQueue>,
}

/// Everything under `data_dir`: `uome.sqlite3`, `blobs/`, `outbox/`.
/// Presigned blob URLs point at `public_url` and are signed with `blob_secret`.
pub fn embedded_ports(
    data_dir: &Path,
    public_url: &str,
    blob_secret: Vec<u8>,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn Ids>,
) -> Result<EmbeddedPorts, TableError> {
    let table = SqliteTable::open(&data_dir.join("uome.sqlite3"), clock.clone())?;
    let blobs = Arc::new(FsBlobs::new(
        data_dir.join("blobs"),
        public_url.to_string(),
        blob_secret,
        clock.clone(),
    ));
    let outbox = Arc::new(OutboxMailer::new(data_dir.join("outbox"), clock.clone()));
    let queue = Arc::new(InProcessQueue::new());
    let ports = Ports {
        table: Arc::new(table),
        blobs: blobs.clone(),
        mailer: outbox.clone(),
        queue: queue.clone(),
        clock,
        ids,
    };
    Ok(EmbeddedPorts {
        ports,
        blobs,
        outbox,
        queue,
    })
}

//! The `attachments` function (API.md §11, §12): triggered by the uploads
//! bucket's `ObjectCreated` notifications. Each object's upload is checked
//! from its bytes and made `ready` (hash, size, type, dimensions, a 256 px
//! thumbnail) or `rejected` with its object deleted
//! (`uome_core::uploads::process`, docs/uploads.md).

use std::sync::Arc;

use uome_core::Ports;
use uome_core::jobs::ObjectCreated;
use uome_core::uploads::UploadProcessor;

/// The processing over `ports`.
pub fn processor(ports: &Ports) -> Arc<dyn ObjectCreated> {
    Arc::new(UploadProcessor {
        ports: ports.clone(),
    })
}

//! The Lambda log (`uome_http::telemetry::lambda_subscriber`) written into
//! memory, for the tests and measurements that read a run's log lines: the
//! secrets scan (`tests/log_secrets.rs`) and the cost model
//! (`examples/cost.rs`).

use std::io::Write;
use std::sync::{Arc, Mutex};

/// The log lines written since the last [`CapturedLog::clear`].
#[derive(Clone, Default)]
pub struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl CapturedLog {
    /// Installs the Lambda subscriber over a new buffer as the process's
    /// global one (once per test binary).
    pub fn install() -> Self {
        let log = Self::default();
        let writer = log.clone();
        tracing::subscriber::set_global_default(uome_http::telemetry::lambda_subscriber(
            move || writer.clone(),
        ))
        .expect("no other global subscriber");
        log
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }

    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

impl Write for CapturedLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

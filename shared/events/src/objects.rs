//! S3's `ObjectCreated` events (API.md §11, §12 `attachments`).
//!
//! Keys arrive URL-encoded the way HTML forms encode (`+` for a space,
//! `%2B` for a plus): they are decoded before anything looks at them.
//! S3 invokes the function asynchronously and delivers at least once, so
//! the hook must be idempotent (uploads' processing is). A failure that
//! may pass fails the invocation, for Lambda's own retries (then the
//! function's on-failure destination); a record that can never succeed is
//! logged and skipped, never blocking the others.

use aws_lambda_events::event::s3::S3Event;
use chrono::{DateTime, Utc};
use uome_core::jobs::{JobError, ObjectCreated};

/// `my+file%2B1.png` → `my file+1.png`. Hand-written rather than a form
/// parser because S3 encodes only the key, not `name=value` pairs: `+`
/// then percent-decoding, which is all the form rules amount to here.
pub fn decode_key(raw: &str) -> Option<String> {
    let spaced = raw.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|key| key.into_owned())
}

/// Hands every object of `event` to `hook`; answers how many it handled.
pub async fn objects_created(
    hook: &dyn ObjectCreated,
    event: &S3Event,
    now: DateTime<Utc>,
) -> Result<usize, JobError> {
    let mut handled = 0;
    let mut retry = None;
    for record in &event.records {
        let object = &record.s3.object;
        let Some(key) = object.key.as_deref().and_then(decode_key) else {
            tracing::error!(raw = ?object.key, "S3 event record without a readable key; skipped");
            continue;
        };
        let size = object.size.and_then(|s| u64::try_from(s).ok()).unwrap_or(0);
        match hook.object_created(&key, size, now).await {
            Ok(()) => handled += 1,
            Err(JobError::Rejected(reason)) => {
                tracing::error!(%key, %reason, "object can never be processed; skipped");
            }
            Err(e @ JobError::Retry(_)) => {
                tracing::warn!(%key, error = %e, "object processing failed; the event will be retried");
                retry = Some(e);
            }
        }
    }
    match retry {
        Some(e) => Err(e),
        None => Ok(handled),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_form_decoded() {
        assert_eq!(
            decode_key("a/my+file%2B1.png").as_deref(),
            Some("a/my file+1.png")
        );
        assert_eq!(decode_key("caf%C3%A9.pdf").as_deref(), Some("café.pdf"));
        assert_eq!(decode_key("%FF"), None);
    }
}

//! Versions on the wire: the shared `If-Match`/`ETag` handling, plus the
//! contacts use cases' `Expected` wrapper.

use uome_core::contacts::Expected;
use uome_http::ApiError;
pub use uome_http::version::{IfMatch, versioned};

/// The header's version for the use case, after checking it agrees with the
/// body's `version` when both are given (else 422 on `version`); the body's
/// own version travels inside the input.
pub fn expected(header: IfMatch, body: Option<u64>) -> Result<Expected, ApiError> {
    uome_http::version::expected_version(header, body)?;
    Ok(Expected(header.0))
}

//! Versions on the wire: `If-Match` in, `ETag` out, shared by every function.

pub use uome_http::version::{IfMatch, created, expected_version, versioned};

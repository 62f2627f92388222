//! `CoreError`: what a use case answers when it cannot do what was asked.
//! The HTTP crate maps it to problem+json in one place (`From<CoreError> for
//! ApiError`); job consumers map it to retry or reject.

use std::borrow::Cow;

use serde_json::{Map, Value};
use uome_domain::{DomainError, FieldError};

use crate::ports::{BlobError, MailError, QueueError, TableError};

/// A stable snake_case code clients branch on.
pub type Code = Cow<'static, str>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// 422 `validation_failed`: every bad field at once.
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    /// 422 with a rule's own code (`total_mismatch`, ...).
    #[error("unprocessable ({code}): {detail}")]
    Unprocessable {
        code: Code,
        detail: String,
        errors: Vec<FieldError>,
    },
    /// 400: the request names something unusable (`invalid_token`, ...).
    #[error("bad request ({code}): {detail}")]
    BadRequest { code: Code, detail: String },
    /// 401: `invalid_credentials`, `invalid_token`.
    #[error("unauthorized ({code})")]
    Unauthorized { code: Code },
    /// 403: allowed to ask, not to do (`email_unverified`, `ordering_disabled`).
    #[error("forbidden ({code}): {detail}")]
    Forbidden { code: Code, detail: String },
    /// 404: unknown, or another account's: never say which.
    #[error("not found")]
    NotFound,
    /// 409: a state conflict; `extra` members go to the problem's top level.
    #[error("conflict ({code}): {detail}")]
    Conflict {
        code: Code,
        detail: String,
        extra: Map<String, Value>,
    },
    /// 429 with `Retry-After`.
    #[error("too many requests ({code}), retry after {retry_after_secs}s")]
    TooManyRequests { code: Code, retry_after_secs: u64 },
    /// 413: more than the route takes (rows, bytes).
    #[error("too large: {0}")]
    TooLarge(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Table(#[from] TableError),
    #[error(transparent)]
    Blob(#[from] BlobError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error(transparent)]
    Queue(#[from] QueueError),
    /// A defect or an impossible state: logged, answered as a bare 500.
    #[error("internal error: {0}")]
    Internal(String),
}

impl CoreError {
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    pub fn bad_request(code: impl Into<Code>, detail: impl Into<String>) -> Self {
        Self::BadRequest {
            code: code.into(),
            detail: detail.into(),
        }
    }

    pub fn unauthorized(code: impl Into<Code>) -> Self {
        Self::Unauthorized { code: code.into() }
    }

    pub fn forbidden(code: impl Into<Code>, detail: impl Into<String>) -> Self {
        Self::Forbidden {
            code: code.into(),
            detail: detail.into(),
        }
    }

    pub fn conflict(code: impl Into<Code>, detail: impl Into<String>) -> Self {
        Self::Conflict {
            code: code.into(),
            detail: detail.into(),
            extra: Map::new(),
        }
    }

    /// Adds a top-level member to a `Conflict` (e.g. `existing_id`).
    pub fn with_extra(mut self, key: &str, value: impl Into<Value>) -> Self {
        if let Self::Conflict { extra, .. } = &mut self {
            extra.insert(key.to_string(), value.into());
        }
        self
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::Internal(message.into())
    }

    /// True when retrying the same request later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            CoreError::Table(TableError::Contention { .. })
                | CoreError::Table(TableError::Backend { .. })
                | CoreError::Blob(BlobError::Backend { .. })
                | CoreError::Mail(MailError::Backend { .. })
                | CoreError::Queue(QueueError::Backend { .. })
        )
    }
}

pub type CoreResult<T> = Result<T, CoreError>;

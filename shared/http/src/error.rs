//! `ApiError`: the one error type of the HTTP edge, and the one place where
//! errors become `application/problem+json` responses.

use std::borrow::Cow;
use std::error::Error as StdError;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE};
use serde_json::{Map, Value};
use uome_core::ports::{BlobError, MailError, QueueError, TableError};

use crate::problem::{FieldError, PROBLEM_CONTENT_TYPE, Problem};
use crate::request_id;

/// A stable snake_case error code: usually a literal, sometimes built.
pub type Code = Cow<'static, str>;

/// Any error a handler may hide behind a 500.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Every way a request can fail at the edge. Build it with the constructors
/// below (`ApiError::conflict(..)`, `ApiError::validation(..)`, ...) or
/// through `?` from the port and domain errors.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request is unusable as sent (`malformed_json`,
    /// `invalid_query`, `invalid_cursor`, `invalid_token` on verify-email...).
    #[error("bad request ({code}): {detail}")]
    BadRequest { code: Code, detail: String },
    /// 401 with `WWW-Authenticate: Bearer`: `unauthorized` (no credentials),
    /// `invalid_token`, `invalid_credentials`.
    #[error("unauthorized ({code})")]
    Unauthorized { code: Code },
    /// 403: authenticated, but not allowed (`forbidden`, `email_unverified`,
    /// `ordering_disabled`, ...).
    #[error("forbidden ({code})")]
    Forbidden { code: Code, detail: Option<String> },
    /// 404 `not_found`: unknown id, an id of another account, unknown route.
    #[error("not found")]
    NotFound,
    /// 405 `method_not_allowed`.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 409: state conflict, version mismatch, duplicate. `extra` members go
    /// to the top level of the problem (`existing_id`, `invoice_id`).
    #[error("conflict ({code}): {detail}")]
    Conflict {
        code: Code,
        detail: String,
        extra: Map<String, Value>,
    },
    /// 413 `payload_too_large`, with what the limit is when known.
    #[error("payload too large")]
    PayloadTooLarge(Option<String>),
    /// 415 `unsupported_media_type`.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422: every bad field listed; code `validation_failed` unless the rule
    /// has its own (`total_mismatch`, `idempotency_key_reused`).
    #[error("validation failed ({code}): {errors:?}")]
    Validation {
        code: Code,
        detail: Option<String>,
        errors: Vec<FieldError>,
    },
    /// 429 with `Retry-After`.
    #[error("too many requests ({code}), retry after {retry_after_secs}s")]
    TooManyRequests { code: Code, retry_after_secs: u64 },
    /// 503 `try_again` with `Retry-After`: contention on the table, safe to retry.
    #[error("service unavailable, retry after {retry_after_secs}s")]
    Unavailable { retry_after_secs: u64 },
    /// 500: a defect or a failed backend. The cause is logged, never shown.
    #[error("internal error: {0}")]
    Internal(#[source] BoxError),
}

impl ApiError {
    pub fn bad_request(code: impl Into<Code>, detail: impl Into<String>) -> Self {
        Self::BadRequest {
            code: code.into(),
            detail: detail.into(),
        }
    }

    pub fn unauthorized(code: impl Into<Code>) -> Self {
        Self::Unauthorized { code: code.into() }
    }

    pub fn forbidden(code: impl Into<Code>) -> Self {
        Self::Forbidden {
            code: code.into(),
            detail: None,
        }
    }

    pub fn forbidden_with(code: impl Into<Code>, detail: impl Into<String>) -> Self {
        Self::Forbidden {
            code: code.into(),
            detail: Some(detail.into()),
        }
    }

    pub fn conflict(code: impl Into<Code>, detail: impl Into<String>) -> Self {
        Self::Conflict {
            code: code.into(),
            detail: detail.into(),
            extra: Map::new(),
        }
    }

    /// Adds an extension member to a `Conflict` (e.g. `existing_id`); other
    /// variants have no extension members and are returned unchanged.
    pub fn with_extra(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        if let Self::Conflict { extra, .. } = &mut self {
            extra.insert(key.into(), value.into());
        }
        self
    }

    /// 422 `validation_failed` listing every bad field.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self::Validation {
            code: Cow::Borrowed("validation_failed"),
            detail: None,
            errors,
        }
    }

    /// 422 with one bad field.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError::new(field, message)])
    }

    /// 422 with a rule-specific code (`total_mismatch`, ...).
    pub fn unprocessable(
        code: impl Into<Code>,
        detail: impl Into<String>,
        errors: Vec<FieldError>,
    ) -> Self {
        Self::Validation {
            code: code.into(),
            detail: Some(detail.into()),
            errors,
        }
    }

    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        Self::TooManyRequests {
            code: Cow::Borrowed("too_many_requests"),
            retry_after_secs,
        }
    }

    pub fn internal(cause: impl Into<BoxError>) -> Self {
        Self::Internal(cause.into())
    }

    /// An internal error from a message, for defects with no error value.
    pub fn internal_msg(message: impl Into<String>) -> Self {
        Self::Internal(message.into().into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code clients branch on.
    pub fn code(&self) -> &str {
        match self {
            Self::BadRequest { code, .. }
            | Self::Unauthorized { code }
            | Self::Forbidden { code, .. }
            | Self::Conflict { code, .. }
            | Self::Validation { code, .. }
            | Self::TooManyRequests { code, .. } => code,
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::PayloadTooLarge(_) => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::Unavailable { .. } => "try_again",
            Self::Internal(_) => "internal_error",
        }
    }

    /// The problem document of this error (without the request id, which
    /// `into_response` adds from the request in flight).
    pub fn to_problem(&self) -> Problem {
        let mut problem = Problem::new(self.status(), self.code());
        problem.detail = Some(match self {
            Self::BadRequest { detail, .. } | Self::Conflict { detail, .. } => detail.clone(),
            Self::Unauthorized { code } => match code.as_ref() {
                "unauthorized" => "Credentials are required.".to_owned(),
                "invalid_token" => "The token is invalid or has expired.".to_owned(),
                _ => "The credentials are not valid.".to_owned(),
            },
            Self::Forbidden { detail, .. } => detail
                .clone()
                .unwrap_or_else(|| "You are not allowed to do this.".to_owned()),
            Self::NotFound => "The resource does not exist.".to_owned(),
            Self::MethodNotAllowed => "The method is not allowed on this resource.".to_owned(),
            Self::PayloadTooLarge(detail) => detail
                .clone()
                .unwrap_or_else(|| "The request body is too large.".to_owned()),
            Self::UnsupportedMediaType => "The request body must be application/json.".to_owned(),
            Self::Validation { detail, .. } => detail
                .clone()
                .unwrap_or_else(|| "The request has invalid fields.".to_owned()),
            Self::TooManyRequests { .. } => "Too many requests; retry later.".to_owned(),
            Self::Unavailable { .. } => "The service is busy; retry shortly.".to_owned(),
            Self::Internal(_) => "An unexpected error occurred.".to_owned(),
        });
        match self {
            Self::Validation { errors, .. } => problem.errors = errors.clone(),
            Self::Conflict { extra, .. } => problem.extra = extra.clone(),
            _ => {}
        }
        problem
    }

    /// Logs what the client must not see: the cause chain of a 5xx.
    fn log(&self) {
        if let Self::Internal(cause) = self {
            let mut chain = cause.to_string();
            let mut source = cause.source();
            while let Some(next) = source {
                chain.push_str(": ");
                chain.push_str(&next.to_string());
                source = next.source();
            }
            tracing::error!(error = %chain, "internal error");
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.log();
        let mut problem = self.to_problem();
        problem.request_id = request_id::current();
        let body = match serde_json::to_vec(&problem) {
            Ok(body) => body,
            // A Problem is strings and a map of JSON values: it always serializes.
            Err(_) => {
                b"{\"type\":\"about:blank\",\"status\":500,\"code\":\"internal_error\"}".to_vec()
            }
        };
        let mut response = (self.status(), body).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
        match &self {
            Self::Unauthorized { .. } => {
                headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            Self::TooManyRequests {
                retry_after_secs, ..
            }
            | Self::Unavailable { retry_after_secs } => {
                headers.insert(RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            _ => {}
        }
        response
    }
}

impl From<TableError> for ApiError {
    fn from(err: TableError) -> Self {
        match err {
            TableError::ConditionFailed | TableError::TransactionCancelled { .. } => {
                ApiError::conflict(
                    "conflict",
                    "The resource was changed by another request; reload it and retry.",
                )
            }
            TableError::Contention { .. } => ApiError::Unavailable {
                retry_after_secs: 1,
            },
            other => ApiError::internal(other),
        }
    }
}

impl From<BlobError> for ApiError {
    fn from(err: BlobError) -> Self {
        ApiError::internal(err)
    }
}

impl From<MailError> for ApiError {
    fn from(err: MailError) -> Self {
        ApiError::internal(err)
    }
}

impl From<QueueError> for ApiError {
    fn from(err: QueueError) -> Self {
        ApiError::internal(err)
    }
}

/// Every domain error is the client's (422), with the domain's own code.
impl From<uome_domain::DomainError> for ApiError {
    fn from(err: uome_domain::DomainError) -> Self {
        use uome_domain::DomainError;
        let code = err.code();
        match err {
            DomainError::Validation(errors) => Self::Validation {
                code: Cow::Borrowed(code),
                detail: None,
                errors: errors.into_iter().map(FieldError::from).collect(),
            },
            other => Self::Validation {
                code: Cow::Borrowed(code),
                detail: Some(other.to_string()),
                errors: Vec::new(),
            },
        }
    }
}

/// A path segment that does not parse (a non-UUID id) names nothing that
/// could exist: 404, like an unknown id.
/// The one mapping of use-case failures to HTTP answers.
impl From<uome_core::CoreError> for ApiError {
    fn from(err: uome_core::CoreError) -> Self {
        use uome_core::CoreError;
        match err {
            CoreError::Validation(errors) => Self::Validation {
                code: Cow::Borrowed("validation_failed"),
                detail: None,
                errors: errors.into_iter().map(FieldError::from).collect(),
            },
            CoreError::Unprocessable {
                code,
                detail,
                errors,
            } => Self::Validation {
                code,
                detail: Some(detail),
                errors: errors.into_iter().map(FieldError::from).collect(),
            },
            CoreError::BadRequest { code, detail } => Self::BadRequest { code, detail },
            CoreError::Unauthorized { code } => Self::Unauthorized { code },
            CoreError::Forbidden { code, detail } => Self::Forbidden {
                code,
                detail: Some(detail),
            },
            CoreError::NotFound => Self::NotFound,
            CoreError::Conflict {
                code,
                detail,
                extra,
            } => Self::Conflict {
                code,
                detail,
                extra,
            },
            CoreError::TooManyRequests {
                code,
                retry_after_secs,
            } => Self::TooManyRequests {
                code,
                retry_after_secs,
            },
            CoreError::TooLarge(detail) => Self::PayloadTooLarge(Some(detail)),
            CoreError::Domain(e) => e.into(),
            CoreError::Table(e) => e.into(),
            CoreError::Blob(e) => e.into(),
            CoreError::Mail(e) => e.into(),
            CoreError::Queue(e) => e.into(),
            CoreError::Internal(message) => Self::internal_msg(message),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        match rejection {
            PathRejection::FailedToDeserializePathParams(_) => ApiError::NotFound,
            other => ApiError::internal_msg(other.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::bad_request("invalid_query", rejection.body_text())
    }
}

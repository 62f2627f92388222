//! The RFC 9457 problem document every error answers with.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// One bad field of a request: `field` is a path such as `lines[2].quantity`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl From<uome_domain::FieldError> for FieldError {
    fn from(err: uome_domain::FieldError) -> Self {
        Self {
            field: err.field,
            message: err.message,
        }
    }
}

/// An `application/problem+json` body.
///
/// `type` stays `about:blank` (RFC 9457 §4.2.1): the stable machine-readable
/// identifier is `code`, so `title` is the HTTP status phrase. Extension
/// members such as `existing_id` sit at the top level, as the RFC asks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable snake_case identifier of the error, e.g. `validation_failed`.
    pub code: String,
    #[serde(default)]
    pub errors: Vec<FieldError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Extension members of this problem (`existing_id`, `invoice_id`, ...).
    /// Left out of the schema: OpenAPI 3.1 objects admit extra members.
    #[serde(flatten)]
    #[schema(ignore)]
    pub extra: Map<String, Value>,
}

impl Problem {
    /// A problem with `type: about:blank` and the status phrase as title.
    pub fn new(status: http::StatusCode, code: impl Into<String>) -> Self {
        Self {
            type_: "about:blank".to_owned(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: None,
            code: code.into(),
            errors: Vec::new(),
            request_id: None,
            extra: Map::new(),
        }
    }
}

//! `POST …/reject {reason?}` of a quote or an order.

use serde::Deserialize;
use utoipa::ToSchema;

/// The body of a rejection; the body itself is optional.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectBody {
    /// Why; at most 2,000 characters. An order's is emailed to the client.
    #[serde(default)]
    #[schema(max_length = 2000, format = "paragraphs")]
    pub reason: Option<String>,
}

//! The body of every document email route (send, remind, address request).

use serde::Deserialize;
use utoipa::ToSchema;

/// The sender's own note for an email, printed above the standard wording.
/// The whole body is optional.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageBody {
    /// At most 2,000 characters.
    #[serde(default)]
    #[schema(
        example = "Thanks for your business!",
        max_length = 2000,
        format = "paragraphs"
    )]
    pub message: Option<String>,
}

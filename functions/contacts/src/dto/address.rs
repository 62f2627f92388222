//! The postal address's schema (API.md §2).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A postal address (API.md §2). `full_address` is read-only: accepted and
/// ignored on input.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct AddressSchema {
    pub line1: Option<String>,
    pub line2: Option<String>,
    pub line3: Option<String>,
    pub city: Option<String>,
    pub postal_code: Option<String>,
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[schema(example = "GB")]
    pub country_code: Option<String>,
    #[schema(read_only)]
    pub full_address: Option<String>,
}

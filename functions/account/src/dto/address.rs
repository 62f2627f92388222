//! The postal address's schema (API.md §2).

use utoipa::ToSchema;

/// A postal address (API.md §2). `full_address` is derived and read-only.
#[derive(Debug, ToSchema)]
#[schema(as = Address, example = json!({"line1": "1 High Street", "city": "London", "postal_code": "SW1A 1AA", "country_code": "GB", "full_address": "1 High Street\nSW1A 1AA London\nGB"}))]
#[allow(dead_code)] // documents uome_domain::Address, which has no schema of its own
pub struct AddressSchema {
    line1: Option<String>,
    line2: Option<String>,
    line3: Option<String>,
    city: Option<String>,
    postal_code: Option<String>,
    region: Option<String>,
    /// ISO 3166-1 alpha-2.
    country_code: Option<String>,
    #[schema(read_only)]
    full_address: String,
}

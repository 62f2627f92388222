//! `/v1/tax-rates` bodies.
//!
//! [`TaxRateBody`] is not core's `TaxRateChanges`: it carries the `version`
//! a write expects and takes the rate as a [`NumberField`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::catalogue::{Patch, TaxRate, TaxRateChanges, rate_text};
use utoipa::ToSchema;

use super::NumberField;

uome_http::resource_body! {
    /// Body of `POST /v1/tax-rates`, `PUT` and `PATCH /v1/tax-rates/{id}`.
    #[derive(Clone, Debug, Default, Deserialize, ToSchema)]
    #[serde(deny_unknown_fields)]
    pub struct TaxRateBody {
        /// Required, unique in the account (case-insensitive), at most 255
        /// characters.
        #[serde(default)]
        #[schema(value_type = Option<String>, required = true, example = "VAT 20%")]
        pub name: Patch<String>,
        /// Required: percent, 0–100, up to 4 decimal places.
        #[serde(default)]
        #[schema(value_type = Option<String>, required = true, format = "percent", example = "20")]
        pub rate: Patch<NumberField>,
        /// `PUT`/`PATCH` only: the version read (or send `If-Match`).
        #[serde(default)]
        pub version: Option<u64>,
    }
}

impl TaxRateBody {
    pub fn into_changes(self) -> TaxRateChanges {
        TaxRateChanges {
            name: self.name,
            rate: self.rate.map(|n| n.0),
        }
    }
}

/// A tax rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TaxRateResponse {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(example = "VAT 20%")]
    pub name: String,
    /// Percent, without trailing zeros.
    #[schema(example = "20")]
    pub rate: String,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<TaxRate> for TaxRateResponse {
    fn from(t: TaxRate) -> Self {
        Self {
            rate: rate_text(t.rate),
            id: t.id,
            name: t.name,
            version: t.version,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

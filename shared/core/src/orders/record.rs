//! The stored order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::DocumentId;
use uome_domain::order_state::OrderStatus;

use crate::documents::DocumentBody;

/// Who placed the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacedBy {
    /// The contact, through the client portal.
    Client,
    /// The business, on the contact's behalf.
    Business,
}

/// `ACCOUNT#<acc>` / `ORDER#<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: DocumentId,
    pub number: String,
    pub status: OrderStatus,
    /// The ordered lines, priced from the catalogue, and their totals.
    pub body: DocumentBody,
    pub placed_by: PlacedBy,
    /// The invoice an approval issued.
    #[serde(default)]
    pub invoice_id: Option<String>,
    #[serde(default)]
    pub reject_reason: Option<String>,
    #[serde(default)]
    pub decided_at: Option<DateTime<Utc>>,
    /// When the client last reminded the business (once per 24 h).
    #[serde(default)]
    pub last_reminded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip)]
    pub version: u64,
}

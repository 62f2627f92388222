//! The stored quote: the shared body and what is a quote's own.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::DocumentId;
use uome_domain::QuoteStatus;
use uome_domain::quote_state::effective_status;

use crate::documents::DocumentBody;

/// `ACCOUNT#<acc>` / `QUOTE#<id>`. `status` is the stored status; a quote
/// past `valid_until` *reads* as expired ([`Quote::status_on`]) without
/// anything being written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub id: DocumentId,
    pub number: String,
    pub status: QuoteStatus,
    pub body: DocumentBody,
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// The contact's payment terms when the quote was written: the terms
    /// quoted are the terms its invoice gets (`None`: the account's
    /// default at approval).
    #[serde(default)]
    pub payment_terms_days: Option<u32>,
    /// The invoice its approval created.
    #[serde(default)]
    pub invoice_id: Option<String>,
    #[serde(default)]
    pub rejection_reason: Option<String>,
    #[serde(default)]
    pub sent_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub approved_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub rejected_at: Option<DateTime<Utc>>,
    /// When the last one-off reminder went out (24 h throttle).
    #[serde(default)]
    pub last_reminded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip)]
    pub version: u64,
}

impl Quote {
    /// The status a client reads today (in the account's time zone).
    pub fn status_on(&self, today: NaiveDate) -> QuoteStatus {
        effective_status(self.status, self.valid_until, today)
    }
}
